/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.core.Journal;
import dev.spoor.query.scan.EventHandler;
import dev.spoor.query.scan.EventView;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Scans over a journal of 100 M mouse events from 1,000 devices (built once, see {@link ScanJournal}),
 * warm page cache:
 * <ul>
 *   <li>{@code fullScan}: every event through the zero-allocation callback, {@code threads} threads;
 *       the {@code events} counter is events/s;</li>
 *   <li>{@code oneDeviceOneHour}: a random device and a random hour of its data, latency per query; the
 *       setup checks on 200 queries that blocks read never exceed the blocks holding that hour plus one.</li>
 * </ul>
 * <pre>
 *   bench/jmh ScanBenchmark
 * </pre>
 */
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class ScanBenchmark {
    static final long EVENTS = Long.getLong("spoor.bench.scanEvents", 100_000_000L);
    static final int DEVICES = 1_000;

    /** The journal, opened read-only. */
    @State(Scope.Benchmark)
    public static class Data {
        Journal journal;
        Scanner scanner;
        long spanNs;

        /** Builds (once) and opens the journal; checks the block counts of one-device queries. */
        @Setup(Level.Trial)
        public void open() {
            journal = Journal.openReadOnly(ScanJournal.build(EVENTS, DEVICES));
            scanner = new Scanner(journal);
            final long[] lastTs = {0};
            scanner.scan(Scan.builder().deviceKeys("ws-0").build(), e -> lastTs[0] = e.timestampNs());
            spanNs = lastTs[0] - ScanJournal.EPOCH_NS;
            checkBlocksRead(this);
        }

        /** Closes the journal (the files stay for the next run). */
        @TearDown(Level.Trial)
        public void close() {
            scanner.close();
            journal.close();
        }
    }

    /** Events seen per second, as a JMH counter. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counted {
        /** Events delivered. */
        public long events;
    }

    /** Threads for the full scan. */
    @State(Scope.Benchmark)
    public static class Threads {
        @Param({"1", "2"})
        int threads;
    }

    /** A counting handler. */
    static final class Count implements EventHandler {
        long events;
        long checksum;

        @Override
        public void onEvent(final EventView event) {
            events++;
            checksum += event.x();
        }
    }

    /** Every event of the journal through the scan callback; events/s. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long fullScan(final Data data, final Threads threads, final Counted counted) {
        // Reads a field of every event and writes nothing shared: threads must not contend in the handler.
        final ScanStats stats = data.scanner.scan(Scan.builder().threads(threads.threads).build(), e -> {
            if (e.x() == Integer.MIN_VALUE + 7) {
                throw new IllegalStateException("sentinel x");
            }
        });
        counted.events += stats.eventsReturned();
        return stats.eventsReturned();
    }

    /**
     * Every event of the journal as primitive column batches of 4,096 rows, all fields (the shape exporters and
     * bulk readers consume); events/s.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long fullScanColumns(final Data data, final Threads threads, final Counted counted) {
        final ScanStats stats = data.scanner.scanColumns(Scan.builder().threads(threads.threads).build(), 4096,
            batch -> {
                if (batch.xs()[batch.size() - 1] == Integer.MIN_VALUE + 7) {
                    throw new IllegalStateException("sentinel x");
                }
            });
        counted.events += stats.eventsReturned();
        return stats.eventsReturned();
    }

    /** Per-thread query picker. */
    @State(Scope.Thread)
    public static class Picker {
        final SplittableRandom random = new SplittableRandom(7);
    }

    /** One device, one hour, picked at random each call: the selective query's latency. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long oneDeviceOneHour(final Data data, final Picker picker) {
        return oneQuery(data, picker.random).eventsReturned();
    }

    private static ScanStats oneQuery(final Data data, final SplittableRandom random) {
        final long hour = 3_600_000_000_000L;
        final long from = ScanJournal.EPOCH_NS + random.nextLong(Math.max(1, data.spanNs - hour));
        final Count count = new Count();
        return data.scanner.scan(Scan.builder().deviceKeys("ws-" + random.nextInt(DEVICES)).from(from)
            .to(from + hour).build(), count);
    }

    /** The index contract, checked before measuring: a one-device hour reads at most its blocks plus one. */
    static void checkBlocksRead(final Data data) {
        final SplittableRandom random = new SplittableRandom(99);
        for (int q = 0; q < 200; q++) {
            final ScanStats stats = oneQuery(data, random);
            final long holding = (stats.eventsReturned() + 4095) / 4096 + 1;
            if (stats.blocksRead() > holding + 1) {
                throw new IllegalStateException("query " + q + " read " + stats.blocksRead() + " blocks for "
                    + stats.eventsReturned() + " events: " + stats);
            }
        }
    }
}
