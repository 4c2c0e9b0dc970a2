/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.privacy.PrivacyPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JournalTailer}: follows blocks as they are sealed, resumes from a stored position across roll cycles
 * without gaps or repeats, jumps over cycles retention deleted (and says so), decrypts, and passes over erased
 * devices' blocks.
 */
class JournalTailerTest {
    private static final long HOUR_MS = 3_600_000L;
    private static final long START_MS = 1_767_225_600_000L;

    @TempDir
    Path dir;

    @Test
    void followsBlocksAsTheyAreSealedAndResumesAcrossRollCyclesWithoutGapsOrRepeats() {
        final ManualClock clock = new ManualClock(START_MS);
        try (Journal journal = Journal.open(dir, new JournalConfig().clock(clock).blockEvents(64));
             JournalWriter writer = journal.newWriter()) {
            final List<Long> all = new ArrayList<>();
            long stored;
            try (JournalTailer tailer = journal.newTailer()) {
                assertEquals(JournalTailer.START, tailer.position());
                assertEquals(0, tailer.poll(collect(all), 100), "nothing sealed yet");
                appendHour(writer, 0, 640);
                writer.flush();
                assertEquals(4, tailer.poll(collect(all), 4), "the limit bounds a poll");
                assertEquals(6, tailer.poll(collect(all), 100));
                assertEquals(0, tailer.poll(collect(all), 100));
                stored = tailer.position();
                assertEquals(all.get(all.size() - 1), stored);
            }
            clock.advance(HOUR_MS);
            appendHour(writer, 1, 640);
            writer.flush();
            clock.advance(HOUR_MS);
            appendHour(writer, 2, 320);
            writer.flush();
            try (JournalTailer resumed = journal.newTailer(stored)) {
                assertEquals(7, resumed.poll(collect(all), 7));
                stored = resumed.position();
            }
            try (JournalTailer resumed = journal.newTailer(stored)) {
                assertTrue(resumed.poll(collect(all), 100) >= 8);
                assertEquals(0, resumed.poll(collect(all), 100));
            }
            assertEquals(blockPositions(journal), all, "every block once, in journal order, across three cycles");
            assertEquals(3, all.stream().map(journal::cycleOf).distinct().count());
            for (int i = 1; i < all.size(); i++) {
                assertTrue(all.get(i) > all.get(i - 1), "positions only increase: " + all);
            }
        }
    }

    @Test
    void resumesAtTheFirstKeptBlockWhenRetentionDeletedTheStoredPositionsCycle() {
        final ManualClock clock = new ManualClock(START_MS);
        try (Journal journal = Journal.open(dir, new JournalConfig().clock(clock).blockEvents(64));
             JournalWriter writer = journal.newWriter()) {
            for (int hour = 0; hour < 6; hour++) {
                appendHour(writer, hour, 128);
                writer.flush();
                clock.advance(HOUR_MS);
            }
            final List<Long> before = blockPositions(journal);
            final List<Long> seen = new ArrayList<>();
            final long stored;
            try (JournalTailer live = journal.newTailer();
                 Journal otherProcess = Journal.openReadOnly(dir);
                 JournalTailer remote = otherProcess.newTailer()) {
                assertEquals(3, live.poll(collect(seen), 3), "into hour 1");
                assertEquals(3, remote.poll(collect(new ArrayList<>()), 3));
                stored = live.position();
                assertEquals(1, journal.cycleOf(stored) - journal.cycleOf(before.get(0)));
                journal.governance().retain(3 * HOUR_MS);
                final List<Long> kept = blockPositions(journal);
                assertEquals(before.subList(6, 12), kept, "hours 0-2 deleted");

                final List<Long> afterRetention = new ArrayList<>();
                assertEquals(6, live.poll(collect(afterRetention), 100));
                assertEquals(kept, afterRetention, "the live tailer jumps to the first block kept");
                assertEquals(1, live.retentionSkips());
                sleepPastRetentionCheck();
                final List<Long> remoteAfter = new ArrayList<>();
                assertEquals(6, remote.poll(collect(remoteAfter), 100));
                assertEquals(kept, remoteAfter, "so does one in another journal instance");
                assertEquals(1, remote.retentionSkips());
            }
            try (JournalTailer resumed = journal.newTailer(stored)) {
                final List<Long> again = new ArrayList<>();
                assertEquals(6, resumed.poll(collect(again), 100));
                assertEquals(before.subList(6, 12), again, "a stored position in a deleted cycle resumes there too");
                assertEquals(1, resumed.retentionSkips());
            }
            try (JournalTailer fromStart = journal.newTailer()) {
                assertEquals(6, fromStart.poll(collect(new ArrayList<>()), 100));
                assertEquals(0, fromStart.retentionSkips(), "START means the first block kept: nothing skipped");
            }
        }
    }

    @Test
    void decryptsAndPassesOverErasedDevicesBlocks() {
        final JournalConfig config = new JournalConfig().blockEvents(64)
            .privacyPolicy(PrivacyPolicy.defaults().encryption(true));
        try (Journal journal = Journal.open(dir, config)) {
            final long alice = journal.devices().register("alice");
            final long bob = journal.devices().register("bob");
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < 640; i++) {
                    writer.move(alice, i, i, 1, 0);
                    writer.move(bob, i, i, 2, 0);
                }
            }
            journal.governance().erase("alice");
            final BlockDecoder decoder = new BlockDecoder();
            final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
            final long[] bobEvents = {0};
            try (JournalTailer tailer = journal.newTailer()) {
                assertEquals(10, tailer.poll((position, device, buffer, offset, length) -> {
                    assertEquals(bob, device);
                    decoder.decode(buffer, offset, length, batch);
                    bobEvents[0] += batch.size();
                    return true;
                }, 100));
                assertEquals(10, tailer.erasedBlocksSkipped());
                assertEquals(0, tailer.undecryptableBlocksSkipped());
                assertEquals(blockPositions(journal).get(19), tailer.position(), "past the last block, erased or not");
            }
            assertEquals(640, bobEvents[0]);
        }
    }

    @Test
    void aBlockWhoseHandlerThrowsIsHandedOverAgain() {
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(64));
             JournalWriter writer = journal.newWriter()) {
            appendHour(writer, 0, 256);
            writer.flush();
            final List<Long> positions = blockPositions(journal);
            try (JournalTailer tailer = journal.newTailer()) {
                final List<Long> seen = new ArrayList<>();
                tailer.poll(collect(seen), 1);
                assertThrows(IllegalStateException.class, () -> tailer.poll((position, device, buffer, offset,
                    length) -> {
                    throw new IllegalStateException("the trainer's store is down");
                }, 10));
                assertEquals(positions.get(0), tailer.position());
                assertEquals(1, tailer.poll((position, device, buffer, offset, length) -> {
                    seen.add(position);
                    return false;
                }, 10), "false ends the poll after its block");
                assertEquals(2, tailer.poll(collect(seen), 10));
                assertEquals(positions, seen);
            }
        }
    }

    @Test
    void refusesAPositionTheJournalNeverHeld() {
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(64));
             JournalWriter writer = journal.newWriter()) {
            appendHour(writer, 0, 64);
            writer.flush();
            final long last = blockPositions(journal).get(0);
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> journal.newTailer(last + 5));
            assertTrue(e.getMessage().contains("is not a block of journal"), e.getMessage());
            try (JournalTailer atEnd = journal.newTailer(last)) {
                assertEquals(0, atEnd.poll(collect(new ArrayList<>()), 10), "the last block: nothing after it");
                assertThrows(IllegalArgumentException.class, () -> atEnd.poll(collect(new ArrayList<>()), 0));
            }
        }
    }

    private static BlockHandler collect(final List<Long> positions) {
        return (position, device, buffer, offset, length) -> {
            positions.add(position);
            return true;
        };
    }

    private static void appendHour(final JournalWriter writer, final int hour, final int events) {
        for (int i = 0; i < events; i++) {
            writer.move(1, (START_MS + hour * HOUR_MS + i) * 1_000_000L, i, hour, 0);
        }
    }

    /** Every excerpt's position, erased devices' blocks included. */
    private static List<Long> blockPositions(final Journal journal) {
        final List<Long> positions = new ArrayList<>();
        try (QueueStore.Cursor cursor = journal.queue().cursor().after(-1)) {
            while (cursor.next()) {
                positions.add(cursor.index());
            }
        }
        return positions;
    }

    /** A journal instance looks at the retention file at most every 100 ms. */
    private static void sleepPastRetentionCheck() {
        try {
            Thread.sleep(150);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
