/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Ingest, one thread, events of 1, 1,000 and 10,000 interleaved devices (Balabit-like deltas, see
 * {@link SyntheticMouse}): Spoor's journal writer (staging + per-device blocks + entropy coding + one excerpt
 * per block) against raw Chronicle Queue appends of one fixed 17-byte record per event (no codec, no index),
 * in the same run. Scores are events/s ({@code OperationsPerInvocation}). {@code visibilityMs} 60000 turns the
 * journal's idle sealer on, which costs each append the writer's ownership lock (a compare-and-set and a
 * release store); 0, the default, is the writer without it.
 * <pre>
 *   bench/jmh AppendBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AppendBenchmark {
    static final int BATCH = 4096;
    private static final int EVENTS = 1 << 20;

    /** The events, shared by both contenders. */
    @State(Scope.Benchmark)
    public static class Events {
        @Param({"1", "1000", "10000"})
        int devices;

        SyntheticMouse mouse;

        /** Generates the events once per trial. */
        @Setup(Level.Trial)
        public void generate() {
            mouse = new SyntheticMouse(EVENTS, devices, 42);
        }
    }

    /** A Spoor journal in a temporary directory. */
    @State(Scope.Thread)
    public static class SpoorJournal {
        @Param({"0"})
        long visibilityMs;

        Path dir;
        Journal journal;
        JournalWriter writer;
        int next;

        /**
         * @param events the trial's events, for the device count.
         * @throws IOException when the directory cannot be made.
         */
        @Setup(Level.Trial)
        public void open(final Events events) throws IOException {
            dir = Files.createTempDirectory("spoor-append");
            journal = Journal.open(dir, new JournalConfig().maxOpenBlocks(Math.max(16, events.devices))
                .visibilityMs(visibilityMs));
            writer = journal.newWriter();
        }

        /** Closes and deletes the journal. */
        @TearDown(Level.Trial)
        public void close() {
            journal.close();
            Cleanup.delete(dir);
        }
    }

    /** A raw Chronicle Queue in a temporary directory. */
    @State(Scope.Thread)
    public static class RawQueue {
        Path dir;
        SingleChronicleQueue queue;
        ExcerptAppender appender;
        int next;

        /**
         * @throws IOException when the directory cannot be made.
         */
        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("raw-chronicle");
            queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_HOURLY).build();
            appender = queue.createAppender();
        }

        /** Closes and deletes the queue. */
        @TearDown(Level.Trial)
        public void close() {
            queue.close();
            Cleanup.delete(dir);
        }
    }

    /**
     * Appends the next {@value #BATCH} events to the journal.
     *
     * @param events the events.
     * @param spoor  the journal.
     * @return the writer's staged event count, so nothing is eliminated.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long spoor(final Events events, final SpoorJournal spoor) {
        final SyntheticMouse m = events.mouse;
        final JournalWriter writer = spoor.writer;
        int i = spoor.next;
        for (int n = 0; n < BATCH; n++) {
            writer.move(m.device[i], m.timestampNs[i], m.x[i], m.y[i], 0);
            i = (i + 1) & (EVENTS - 1);
        }
        spoor.next = i;
        return writer.stagedEvents();
    }

    /**
     * Appends the next {@value #BATCH} events as 17-byte records: type (1), timestamp (8), x (4), y (4).
     *
     * @param events the events.
     * @param raw    the queue.
     * @return the last index appended.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rawChronicle(final Events events, final RawQueue raw) {
        final SyntheticMouse m = events.mouse;
        final ExcerptAppender appender = raw.appender;
        int i = raw.next;
        for (int n = 0; n < BATCH; n++) {
            try (DocumentContext context = appender.writingDocument()) {
                final Bytes<?> bytes = context.wire().bytes();
                bytes.writeByte((byte)0);
                bytes.writeLong(m.timestampNs[i]);
                bytes.writeInt(m.x[i]);
                bytes.writeInt(m.y[i]);
            }
            i = (i + 1) & (EVENTS - 1);
        }
        raw.next = i;
        return appender.lastIndexAppended();
    }
}
