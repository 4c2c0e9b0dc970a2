/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * When do events written here become visible to a reader in another JVM, with no {@code poll()} call? The
 * reader ({@link VisibilityReaderMain}) reports, at each read, how long a prefix of the events (numbered by x)
 * it sees; the first event missing must have been appended less than the promised bound before the read.
 */
class VisibilityTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final int DEVICES = 16;
    /** Blocks this large never fill during the test: only age (or the idle sealer) can seal them. */
    private static final int BLOCK_EVENTS = 16_384;
    /** The sealing thread's backoff, the reader's 10 ms poll and scheduling on two shared cores. */
    private static final long SLACK_MS = 400;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aWriterThatKeepsAppendingMakesAgedEventsVisibleWithoutPoll() throws Exception {
        final long maxAgeMs = 400;
        final int events = 80_000;
        final int eventsPerMs = 10;
        final long[] appendedAtMs = new long[events];
        final List<long[]> reads = Collections.synchronizedList(new ArrayList<>());
        final JournalConfig config = new JournalConfig().blockEvents(BLOCK_EVENTS).maxOpenBlocks(64)
            .maxBlockAgeMs(maxAgeMs);
        final long stoppedMs;
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            final Process reader = startReader(events, reads);
            try {
                final long startNs = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    if (i % eventsPerMs == 0) {
                        final long dueNs = startNs + (i / eventsPerMs) * 1_000_000L;
                        while (System.nanoTime() < dueNs) {
                            LockSupport.parkNanos(200_000);
                        }
                    }
                    appendedAtMs[i] = System.currentTimeMillis();
                    writer.move(i % DEVICES, appendedAtMs[i] * 1_000_000L, i, 0, 0);
                }
                stoppedMs = System.currentTimeMillis();
                writer.flush();
                assertTrue(reader.waitFor(60, TimeUnit.SECONDS), "reader never saw all " + events + " events");
                assertEquals(0, reader.exitValue(), "reader failed");
            } finally {
                reader.destroyForcibly();
            }
        }
        final long checkIntervalMs = maxCheckIntervalMs(appendedAtMs);
        final long boundMs = maxAgeMs + checkIntervalMs + SLACK_MS;
        int checked = 0;
        int maxPrefix = 0;
        long worstLagMs = 0;
        for (final long[] read : new ArrayList<>(reads)) {
            final long atMs = read[0];
            final int prefix = (int)read[1];
            if (atMs < appendedAtMs[0] || atMs > stoppedMs || prefix >= events) {
                continue;
            }
            checked++;
            maxPrefix = Math.max(maxPrefix, prefix);
            final long lagMs = atMs - appendedAtMs[prefix];
            worstLagMs = Math.max(worstLagMs, lagMs);
            if (lagMs >= boundMs) {
                fail("event " + prefix + ", appended " + lagMs + " ms before a read at " + atMs + ", was not visible"
                    + " to the other JVM [maxAgeMs=" + maxAgeMs + ", checkIntervalMs=" + checkIntervalMs
                    + ", boundMs=" + boundMs + "]");
            }
        }
        System.out.println("VisibilityTest.appending: " + checked + " reads checked, worst lag " + worstLagMs
            + " ms against a bound of " + boundMs + " ms (max age " + maxAgeMs + ", check interval "
            + checkIntervalMs + ")");
        assertTrue(checked >= 100, "too few reads to judge: " + checked);
        assertTrue(maxPrefix > events / 2, "the reader saw only " + maxPrefix + " events while the writer ran");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void anIdleWritersLastEventsBecomeVisibleWithinTheConfiguredBound() throws Exception {
        final long visibilityMs = 1_000;
        final int events = 5_000;
        final List<long[]> reads = Collections.synchronizedList(new ArrayList<>());
        // The default 300 s max age: only the idle sealer, under the 1 s bound, can make these events visible.
        final JournalConfig config = new JournalConfig().blockEvents(BLOCK_EVENTS).maxOpenBlocks(64)
            .visibilityMs(visibilityMs);
        final long firstAppendMs;
        final long visibleAtMs;
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            final Process reader = startReader(events, reads);
            try {
                firstAppendMs = System.currentTimeMillis();
                for (int i = 0; i < events; i++) {
                    writer.move(i % DEVICES, System.currentTimeMillis() * 1_000_000L, i, 0, 0);
                }
                // From here on the collector does nothing: no append, no poll, no flush until the reader is done.
                assertTrue(reader.waitFor(visibilityMs + 15_000, TimeUnit.MILLISECONDS), "the idle writer's events"
                    + " were not visible to the other JVM " + (visibilityMs + 15_000) + " ms after their append");
                assertEquals(0, reader.exitValue(), "reader failed");
                visibleAtMs = firstFullRead(reads, events);
                assertEquals(DEVICES, writer.blocksSealed(), "sealed by the idle sealer, one block per device");
            } finally {
                reader.destroyForcibly();
            }
        }
        final long latencyMs = visibleAtMs - firstAppendMs;
        System.out.println("VisibilityTest.idle: the first event appended became visible to the other JVM after "
            + latencyMs + " ms (bound " + visibilityMs + " ms + " + SLACK_MS + " ms slack)");
        assertTrue(latencyMs <= visibilityMs + SLACK_MS, "visible after " + latencyMs + " ms, bound " + visibilityMs
            + " ms + " + SLACK_MS + " ms slack");
    }

    private static long firstFullRead(final List<long[]> reads, final int events) {
        for (final long[] read : new ArrayList<>(reads)) {
            if (read[1] >= events) {
                return read[0];
            }
        }
        throw new AssertionError("no read saw all " + events + " events");
    }

    /** The longest wall time between two appends that look at the clock (every 1,024th). */
    private static long maxCheckIntervalMs(final long[] appendedAtMs) {
        long max = 0;
        for (int i = 1023 + 1024; i < appendedAtMs.length; i += 1024) {
            max = Math.max(max, appendedAtMs[i] - appendedAtMs[i - 1024]);
        }
        return max;
    }

    /** Starts the reader and returns once it has read once; its reports go to {@code reads} as {at, prefix}. */
    private Process startReader(final int events, final List<long[]> reads) throws Exception {
        final Process reader = children.start(ChildJvm.builder(VisibilityReaderMain.class, false, dir.toString(),
            Integer.toString(events)).redirectErrorStream(true));
        final StringBuilder other = new StringBuilder();
        final Thread pump = new Thread(() -> pump(reader, reads, other), "visibility-reader-pump");
        pump.setDaemon(true);
        pump.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (reads.isEmpty() && reader.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        if (reads.isEmpty()) {
            reader.destroyForcibly();
            fail("the reader did not start; it said:\n" + other);
        }
        return reader;
    }

    private static void pump(final Process reader, final List<long[]> reads, final StringBuilder other) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(reader.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("at ")) {
                    final String[] parts = line.split(" ");
                    reads.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
                } else {
                    synchronized (other) {
                        other.append(line).append('\n');
                    }
                }
            }
        } catch (final IOException ignored) {
            // the reader ended: its pipe closed
        }
    }
}
