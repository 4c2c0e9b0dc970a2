/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.core.BlockPlan;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Index lookups alone, nothing read: planning a one-device one-hour query and a one-minute all-device
 * range over the scan benchmarks' journal (100 M events, 1,000 devices; {@code -Dspoor.bench.scanEvents}).
 * <pre>
 *   bench/jmh IndexBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IndexBenchmark {
    /** The journal and a reader. */
    @State(Scope.Thread)
    public static class Data {
        Journal journal;
        JournalReader reader;
        final BlockPlan plan = new BlockPlan();
        final SplittableRandom random = new SplittableRandom(3);
        long[] ids;
        long spanNs;

        /** Opens the journal (built once by {@link ScanJournal}). */
        @Setup(Level.Trial)
        public void open() {
            journal = Journal.openReadOnly(ScanJournal.build(ScanBenchmark.EVENTS, ScanBenchmark.DEVICES));
            reader = journal.newReader();
            ids = new long[ScanBenchmark.DEVICES];
            for (int d = 0; d < ids.length; d++) {
                ids[d] = journal.devices().lookup("ws-" + d);
            }
            reader.plan(null, Long.MIN_VALUE, Long.MAX_VALUE, -1, plan);
            spanNs = plan.maxTimestampNs(plan.size() - 1) - ScanJournal.EPOCH_NS;
        }

        /** Closes the journal. */
        @TearDown(Level.Trial)
        public void close() {
            reader.close();
            journal.close();
        }
    }

    /** Index look-up alone for one device and one hour: blocks planned. */
    @Benchmark
    public int oneDeviceOneHour(final Data data) {
        final long[] device = {data.ids[data.random.nextInt(data.ids.length)]};
        final long from = ScanJournal.EPOCH_NS + data.random.nextLong(Math.max(1, data.spanNs - 3_600_000_000_000L));
        data.reader.plan(device, from, from + 3_600_000_000_000L, -1, data.plan);
        return data.plan.size();
    }

    /** Index look-up alone for every device in one minute: blocks planned. */
    @Benchmark
    public int allDevicesOneMinute(final Data data) {
        final long from = ScanJournal.EPOCH_NS + data.random.nextLong(Math.max(1, data.spanNs - 60_000_000_000L));
        data.reader.plan(null, from, from + 60_000_000_000L, -1, data.plan);
        return data.plan.size();
    }
}
