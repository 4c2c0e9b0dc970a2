/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import com.sun.management.ThreadMXBean;
import dev.spoor.codec.EventType;
import dev.spoor.core.recovery.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalWriterTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aCleanCloseRemovesTheStagingFileAndKeepsEveryEvent() throws Exception {
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(64))) {
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < 1_000; i++) {
                    writer.move(i % 7, 1_000_000L * i, i, i, 0);
                }
                assertTrue(Files.list(dir.resolve("staging")).findAny().isPresent());
            }
            assertTrue(Files.list(dir.resolve("staging")).findAny().isEmpty(),
                "staging file left after a clean close");
            assertEquals(1_000, journal.verify().events());
        }
    }

    @Test
    void sealsBlocksOlderThanMaxAgeOnPoll() {
        final ManualClock clock = new ManualClock(T0);
        try (Journal journal = Journal.open(dir, new JournalConfig().clock(clock).maxBlockAgeMs(10_000));
             JournalWriter writer = journal.newWriter()) {
            writer.move(1, T0 * 1_000_000, 1, 1, 0);
            clock.advance(5_000);
            writer.move(2, T0 * 1_000_000, 1, 1, 0);
            assertEquals(0, writer.poll(), "nothing is 10 s old yet");
            clock.advance(5_000);
            assertEquals(1, writer.poll(), "device 1's block is 10 s old");
            assertEquals(1, writer.openBlocks());
            assertEquals(1, writer.blocksSealed());
        }
    }

    @Test
    void sealsAgedBlocksOnEvery1024thAppendWithoutPoll() {
        final ManualClock clock = new ManualClock(T0);
        try (Journal journal = Journal.open(dir, new JournalConfig().clock(clock).maxBlockAgeMs(10_000));
             JournalWriter writer = journal.newWriter()) {
            writer.move(1, T0 * 1_000_000, 1, 1, 0);
            clock.advance(10_000);
            for (int i = 2; i < 1024; i++) {
                writer.move(2, T0 * 1_000_000 + i, i, 1, 0);
            }
            assertEquals(0, writer.blocksSealed(), "1,023 appends: the clock is not looked at yet");
            writer.move(2, T0 * 1_000_000 + 1024, 1024, 1, 0);
            assertEquals(1, writer.blocksSealed(), "the 1,024th append seals device 1's 10 s old block");
            assertEquals(1, writer.openBlocks(), "device 2's block, opened 0 s ago, stays open");
            clock.advance(9_999);
            for (int i = 0; i < 1024; i++) {
                writer.move(2, T0 * 1_000_000 + 2000 + i, i, 1, 0);
            }
            assertEquals(1, writer.blocksSealed(), "device 2's block is 9.999 s old");
            clock.advance(1);
            for (int i = 0; i < 1024; i++) {
                writer.move(3, T0 * 1_000_000 + 4000 + i, i, 1, 0);
            }
            assertEquals(2, writer.blocksSealed(), "device 2's block came of age at the next check");
            assertEquals(0, writer.poll(), "device 3's block was opened just now");
        }
    }

    @Test
    void neverMixesEventsAcceptedInDifferentRollCyclesInOneBlock() {
        final ManualClock clock = new ManualClock(3_600_000L * 470_000 + 3_599_000);
        try (Journal journal = Journal.open(dir, new JournalConfig().clock(clock));
             JournalWriter writer = journal.newWriter()) {
            writer.move(1, 1, 1, 1, 0);
            writer.move(2, 1, 1, 1, 0);
            clock.advance(2_000);
            assertEquals(2, writer.poll(), "the hour changed: both open blocks sealed");
            writer.move(1, 2, 1, 1, 0);
            writer.flush();
            final long[] devicesInOrder = new long[3];
            final int[] cycles = new int[3];
            try (JournalReader reader = journal.newReader()) {
                final int[] i = {0};
                assertEquals(3, reader.readAll((index, device, buffer, offset, length) -> {
                    cycles[i[0]] = journal.queue().cycleOf(index);
                    devicesInOrder[i[0]++] = device;
                    return true;
                }), "device 1's events from the two hours are in two blocks");
            }
            assertEquals(1, devicesInOrder[2]);
            assertEquals(cycles[2], (int)RollPeriod.HOURLY.cycleOf(clock.millis()),
                "blocks go to the file of the cycle they are sealed in");
        }
    }

    @Test
    void sealsLeastRecentlyUsedDevicesAboveTheMemoryBudget() {
        final int blockEvents = 1024;
        final long budget = 4L * blockEvents * 32;
        final JournalConfig config = new JournalConfig().blockEvents(blockEvents).memoryBudgetBytes(budget);
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            for (int round = 0; round < 700; round++) {
                for (int device = 0; device < 8; device++) {
                    writer.move(device, round, round, round, 0);
                }
                assertTrue(writer.stagedBytes() <= budget, "staged " + writer.stagedBytes() + " > budget " + budget);
            }
            assertTrue(writer.blocksSealed() > 0, "the budget forced early seals");
        }
    }

    @Test
    void sealsTheIdlestDeviceFirstWhenOverBudget() {
        // Budget 8,192 events, blocks of 4,096: nothing fills a block before the budget is exceeded.
        final JournalConfig config = new JournalConfig().memoryBudgetBytes(8L * 1024 * 32);
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            for (int i = 0; i < 500; i++) {
                writer.move(42, i, i, i, 0);
            }
            for (int i = 0; writer.blocksSealed() == 0; i++) {
                writer.move(i % 7, i, i, i, 0);
            }
            assertEquals(1, writer.blocksSealed(), "an eighth of 8 open blocks: one sealed");
            assertEquals(7, writer.openBlocks());
            writer.flush();
            try (JournalReader reader = journal.newReader()) {
                final long[] first = {-1};
                reader.readAll((index, device, buffer, offset, length) -> {
                    first[0] = device;
                    return false;
                });
                assertEquals(42, first[0], "the device idle longest is sealed first");
            }
        }
    }

    @Test
    void keepsAllEventsFromFourConcurrentWriters() throws Exception {
        final int threads = 4;
        final int perThread = 50_000;
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(512))) {
            final ExecutorService pool = Executors.newFixedThreadPool(threads);
            final Future<?>[] done = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                done[t] = pool.submit(() -> {
                    try (JournalWriter writer = journal.newWriter()) {
                        for (int i = 0; i < perThread; i++) {
                            writer.move(thread * 100 + (i % 37), i, i, thread, 0);
                        }
                    }
                });
            }
            for (final Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            final VerifyReport report = journal.verify();
            assertTrue(report.isClean(), report.toString());
            assertEquals((long)threads * perThread, report.events());
            final Map<Long, List<long[]>> events = JournalEvents.readAll(journal);
            for (final Map.Entry<Long, List<long[]>> device : events.entrySet()) {
                long previous = -1;
                for (final long[] e : device.getValue()) {
                    assertTrue(e[1] > previous, "device " + device.getKey() + " events out of order");
                    previous = e[1];
                }
            }
        }
    }

    @Test
    void rejectsBadInputWithoutTouchingWhatIsStored() {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final JournalWriter writer = journal.newWriter();
            writer.move(1, 5, 1, 1, 0);
            final IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> writer.move(1, -5, 1, 1, 0));
            assertTrue(negative.getMessage().contains("timestampNs=-5"), negative.getMessage());
            final IllegalArgumentException noType = assertThrows(IllegalArgumentException.class,
                () -> writer.append(1, 5, (EventType)null, 0, 0, 0, 0));
            assertTrue(noType.getMessage().contains("type must be one of"), noType.getMessage());
            writer.move(1, 3, 2, 2, 0);
            writer.close();
            final IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> writer.move(1, 6, 1, 1, 0));
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
            final VerifyReport report = journal.verify();
            assertEquals(2, report.events(), "out-of-order timestamps are kept, bad events are not");
        }
        final IllegalArgumentException blockSize = assertThrows(IllegalArgumentException.class,
            () -> Journal.open(dir, new JournalConfig().blockEvents(-1)));
        assertTrue(blockSize.getMessage().contains("blockEvents=-1"), blockSize.getMessage());
        final JournalException mismatch = assertThrows(JournalException.class,
            () -> Journal.open(dir, new JournalConfig().blockEvents(1024)));
        assertTrue(mismatch.getMessage().contains("blockEvents=4096") && mismatch.getMessage().contains("1024"),
            mismatch.getMessage());
    }

    @Test
    void refusesADirectoryThatIsNotAJournal() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        final JournalException e = assertThrows(JournalException.class, () -> Journal.open(dir, new JournalConfig()));
        assertTrue(e.getMessage().contains("not a Spoor journal"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("notes.txt")));
    }

    @Test
    void refusesASecondWriterProcessOrInstance() {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertTrue(journal.journalId() != null);
            final JournalException e = assertThrows(JournalException.class,
                () -> Journal.open(dir, new JournalConfig()));
            assertTrue(e.getMessage().contains("already open for writing"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "visibilityMs={0}")
    @ValueSource(longs = {0, 60_000})
    void appendingToOpenBlocksAllocatesNothing(final long visibilityMs) {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (Journal journal = Journal.open(dir, new JournalConfig().visibilityMs(visibilityMs));
             JournalWriter writer = journal.newWriter()) {
            for (int i = 0; i < 1_000; i++) {
                writer.move(i % 100, i, i, i, 0);
                writer.keyDown(i % 100, i, 4, 0);
            }
            final long threadId = Thread.currentThread().getId();
            final long before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < 150_000; i++) {
                writer.move(i % 100, 1_000 + i, i, i, 0);
                writer.keyDown(i % 100, 1_000 + i, 4, 0);
            }
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            assertEquals(0, writer.blocksSealed(), "the test meant to stay within open blocks");
            // Per-event allocation would be >= 300 KB; a few hundred bytes once can come from JIT deoptimisation.
            assertTrue(allocated < 4096, allocated + " bytes allocated by 300,000 appends");
        }
    }
}
