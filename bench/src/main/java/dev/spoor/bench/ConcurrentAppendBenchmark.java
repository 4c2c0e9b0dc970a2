/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Four collector threads appending at once, the two designs of DESIGN.md side by side:
 * <ul>
 *   <li>{@code writerPerThread}: each thread its own {@link JournalWriter} (own staging file and open
 *       blocks), sharing the queue and index;</li>
 *   <li>{@code ringBuffer}: threads put 32-byte event records into an Agrona many-to-one ring buffer, one
 *       consumer thread drains it into a single writer.</li>
 * </ul>
 * Each thread appends to its own 250 devices; scores are events/s over all threads.
 * <pre>
 *   bench/jmh ConcurrentAppendBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(4)
public class ConcurrentAppendBenchmark {
    static final int BATCH = 1024;
    private static final int EVENTS = 1 << 18;
    private static final int RECORD = 32;

    /** The shared journal and, for the ring design, the ring and its consumer. */
    @State(Scope.Benchmark)
    public static class Shared {
        Path dir;
        Journal journal;
        ManyToOneRingBuffer ring;
        Thread consumer;
        final AtomicBoolean isRunning = new AtomicBoolean(true);

        /**
         * @throws IOException when the directory cannot be made.
         */
        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("spoor-concurrent");
            journal = Journal.open(dir, new JournalConfig().maxOpenBlocks(1024));
            ring = new ManyToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect((1 << 22) + RingBufferDescriptor.TRAILER_LENGTH)));
            final JournalWriter writer = journal.newWriter();
            consumer = new Thread(() -> drain(writer), "ring-consumer");
            consumer.start();
        }

        private void drain(final JournalWriter writer) {
            final MessageHandler handler = (type, buffer, index, length) -> writer.move(buffer.getLong(index),
                buffer.getLong(index + 8), buffer.getInt(index + 16), buffer.getInt(index + 20), 0);
            while (isRunning.get()) {
                if (ring.read(handler, 4096) == 0) {
                    Thread.onSpinWait();
                }
            }
            writer.close();
        }

        /**
         * Stops the consumer, closes and deletes the journal.
         *
         * @throws InterruptedException when interrupted.
         */
        @TearDown(Level.Trial)
        public void close() throws InterruptedException {
            isRunning.set(false);
            consumer.join();
            journal.close();
            Cleanup.delete(dir);
        }
    }

    /** One collector thread's events and, for the per-thread design, its writer. */
    @State(Scope.Thread)
    public static class Collector {
        SyntheticMouse mouse;
        JournalWriter writer;
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RECORD]);
        int next;
        private static final AtomicInteger THREADS =
            new AtomicInteger();

        /**
         * @param shared the journal.
         */
        @Setup(Level.Trial)
        public void open(final Shared shared) {
            final int thread = THREADS.getAndIncrement();
            mouse = new SyntheticMouse(EVENTS, 250, thread);
            for (int i = 0; i < EVENTS; i++) {
                mouse.device[i] += 250L * thread;
            }
            writer = shared.journal.newWriter();
        }

        /** Closes the writer. */
        @TearDown(Level.Trial)
        public void close() {
            writer.close();
        }
    }

    /**
     * @param collector this thread's events and writer.
     * @return staged events, so nothing is eliminated.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long writerPerThread(final Collector collector) {
        final SyntheticMouse m = collector.mouse;
        int i = collector.next;
        for (int n = 0; n < BATCH; n++) {
            collector.writer.move(m.device[i], m.timestampNs[i], m.x[i], m.y[i], 0);
            i = (i + 1) & (EVENTS - 1);
        }
        collector.next = i;
        return collector.writer.stagedEvents();
    }

    /**
     * @param shared    the ring.
     * @param collector this thread's events.
     * @return the last claim index.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int ringBuffer(final Shared shared, final Collector collector) {
        final SyntheticMouse m = collector.mouse;
        final ManyToOneRingBuffer ring = shared.ring;
        int i = collector.next;
        int index = 0;
        for (int n = 0; n < BATCH; n++) {
            while ((index = ring.tryClaim(1, RECORD)) < 0) {
                Thread.onSpinWait();
            }
            final var buffer = ring.buffer();
            buffer.putLong(index, m.device[i]);
            buffer.putLong(index + 8, m.timestampNs[i]);
            buffer.putInt(index + 16, m.x[i]);
            buffer.putInt(index + 20, m.y[i]);
            ring.commit(index);
            i = (i + 1) & (EVENTS - 1);
        }
        collector.next = i;
        return index;
    }
}
