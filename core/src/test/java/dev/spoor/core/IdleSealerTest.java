/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's idle sealer ({@link JournalConfig#visibilityMs(long)}): it seals an idle writer's aged blocks
 * without any call from the collector, with either sealing mode, and it never corrupts a writer whose collector
 * keeps appending while it runs.
 */
class IdleSealerTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "backgroundSealing={0}")
    @ValueSource(booleans = {true, false})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sealsAnIdleWritersAgedBlocksWithoutAnyCallFromTheCollector(final boolean isBackground) throws Exception {
        final ManualClock clock = new ManualClock(T0);
        final JournalConfig config = new JournalConfig().clock(clock).visibilityMs(40).backgroundSealing(isBackground);
        assertEquals(10, config.idleSealPeriodMs());
        assertEquals(30, config.sealAgeMs(), "the default 300 s max age is lowered to meet the 40 ms bound");
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            for (int i = 0; i < 300; i++) {
                writer.move(i % 3, T0 * 1_000_000 + i, i, 0, 0);
            }
            Thread.sleep(100);
            assertEquals(0, events(journal), "the blocks are 0 ms old by the journal's clock: nothing sealed");
            clock.advance(29);
            Thread.sleep(100);
            assertEquals(0, events(journal), "29 ms old");
            clock.advance(1);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events(journal) < 300 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(300, events(journal), "30 ms old: the idle sealer seals all three");
            assertEquals(0, writer.openBlocks());
            assertEquals(3, writer.blocksSealed());
            writer.move(7, T0 * 1_000_000 + 1_000, 1, 1, 0);
            assertEquals(1, writer.openBlocks(), "the collector carries on after the idle sealer's turn");
        }
    }

    @ParameterizedTest(name = "backgroundSealing={0}")
    @ValueSource(booleans = {true, false})
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void keepsEveryEventExactlyOnceWhileRacingABusyCollector(final boolean isBackground) {
        // Seal age 3 ms and a round every millisecond: the idle sealer contends with nearly every burst.
        final JournalConfig config = new JournalConfig().blockEvents(256).maxOpenBlocks(32).visibilityMs(4)
            .backgroundSealing(isBackground);
        final int events = 400_000;
        final long rounds;
        final long sealed;
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            for (int i = 0; i < events; i++) {
                writer.move(i % 24, i, i, 0, 0);
                if (i % 5_000 == 0) {
                    pause();
                }
            }
            writer.flush();
            rounds = journal.idleSealerRounds();
            sealed = writer.blocksSealed();
            final long[] seen = new long[events];
            final BlockDecoder decoder = new BlockDecoder();
            final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
            try (JournalReader reader = journal.newReader()) {
                reader.readAll((index, device, buffer, offset, length) -> {
                    decoder.decode(buffer, offset, length, batch);
                    for (int i = 0; i < batch.size(); i++) {
                        seen[batch.x(i)]++;
                    }
                    return true;
                });
            }
            for (int i = 0; i < events; i++) {
                assertEquals(1, seen[i], "event " + i + " seen " + seen[i] + " times");
            }
            assertTrue(journal.verify().isClean());
        }
        assertTrue(rounds > 10, "the idle sealer ran only " + rounds + " rounds");
        System.out.println("IdleSealerTest.racing(background=" + isBackground + "): " + rounds + " idle sealer rounds, "
            + sealed + " blocks");
    }

    @Test
    void refusesAVisibilityBoundTooShortToMeet() {
        assertThrows(IllegalArgumentException.class, () -> new JournalConfig().visibilityMs(3).conclude());
        assertThrows(IllegalArgumentException.class, () -> new JournalConfig().visibilityMs(-1).conclude());
        assertEquals(300_000, new JournalConfig().sealAgeMs(), "off: the max age alone");
        assertEquals(60_000, new JournalConfig().maxBlockAgeMs(60_000).visibilityMs(600_000).sealAgeMs(),
            "a shorter max age wins");
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long events(final Journal journal) {
        final long[] n = {0};
        try (JournalReader reader = journal.newReader()) {
            reader.readAll((index, device, buffer, offset, length) -> {
                n[0] += buffer.getInt(offset + BlockLayout.COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
                return true;
            });
        }
        return n[0];
    }
}
