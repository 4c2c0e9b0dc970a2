/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.core.Journal;
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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a batch job or a query in a new process pays before its first read: {@code Journal.openReadOnly} and close
 * on the scan benchmarks' journal (built once, {@link ScanJournal}; its size from {@code -Dspoor.bench.scanEvents},
 * 100 M events by default), page cache warm. Opening checks every cycle file against the cycle summary, the end of
 * the newest one ({@code CycleTail}), loads the index file and maps the queue; it reads no block.
 * <pre>
 *   bench/jmh JournalOpenBenchmark
 * </pre>
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JournalOpenBenchmark {
    /** The journal's directory. */
    @State(Scope.Benchmark)
    public static class Data {
        Path dir;

        /** Builds the journal once (the files stay for the next run). */
        @Setup(Level.Trial)
        public void build() {
            dir = ScanJournal.build(ScanBenchmark.EVENTS, ScanBenchmark.DEVICES);
        }
    }

    /**
     * @param data the journal.
     * @return its directory's hash (so the open is not dead code).
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int openReadOnly(final Data data) {
        try (Journal journal = Journal.openReadOnly(data.dir)) {
            return journal.directory().hashCode();
        }
    }
}
