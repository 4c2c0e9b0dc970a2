/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.recovery.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Journal#stats()} counts from the index: the same figures as reading and decoding every block, and
 * none of the blocks is read (a block damaged after it was indexed changes nothing).
 */
class JournalStatsTest {
    private static final long HOUR_MS = 3_600_000L;
    private static final long START_MS = 1_767_225_600_000L;
    private static final int DEVICES = 5;

    @TempDir
    Path dir;

    @Test
    void statsEqualWhatReadingEveryBlockCounts() {
        final long seed = 17;
        write(seed);
        try (Journal journal = Journal.openReadOnly(dir)) {
            final JournalStats stats = journal.stats();
            assertEquals(countEveryBlock(journal), stats, "seed=" + seed);
            assertEquals(3, stats.cycles(), "three hourly cycles");
            assertEquals(DEVICES, stats.devices());
            final VerifyReport verify = journal.verify();
            assertEquals(verify.events(), stats.events());
            assertEquals(verify.blocks(), stats.blocks());
            assertEquals(verify.blockBytes(), stats.blockBytes());
        }
    }

    @Test
    void theWritersStatsFollowItsAppends() {
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(64));
             JournalWriter writer = journal.newWriter()) {
            assertEquals(new JournalStats(0, 0, 0, 0, 0, 0, 0), journal.stats(), "an empty journal");
            for (int i = 0; i < 1_000; i++) {
                writer.move(journal.devices().register("d" + i % 3), 5_000 + i, i, i, 0);
            }
            writer.flush();
            final JournalStats stats = journal.stats();
            assertEquals(1_000, stats.events());
            assertEquals(3, stats.devices());
            assertEquals(5_000, stats.minTimestampNs());
            assertEquals(5_999, stats.maxTimestampNs());
            assertEquals(countEveryBlock(journal), stats);
        }
    }

    @Test
    void statsReadNoBlock() throws Exception {
        write(23);
        final JournalStats before;
        final byte[] victim;
        try (Journal journal = Journal.openReadOnly(dir)) {
            before = journal.stats();
            victim = blocks(journal).get(4);
        }
        // Damage a block after it was indexed: its event count in the header and a byte of its payload. Reading
        // the header would count differently, decoding it would fail; the index still knows the block as sealed.
        final byte[] damaged = victim.clone();
        final ByteBuffer header = ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(BlockLayout.COUNT_OFFSET, header.getInt(BlockLayout.COUNT_OFFSET) + 1_000);
        damaged[damaged.length - 3] ^= 0x5A;
        replaceInCycleFiles(victim, damaged);
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals(before, journal.stats(), "counted from the index, not from the blocks");
            final VerifyReport verify = journal.verify();
            assertEquals(1, verify.problems().size(), "a reader meets the damage: " + verify);
        }
    }

    /** Three hourly cycles of moves from five devices, blocks of 256 events. */
    private void write(final long seed) {
        final Random random = new Random(seed);
        final ManualClock clock = new ManualClock(START_MS);
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(256).clock(clock));
             JournalWriter writer = journal.newWriter()) {
            final long[] ids = new long[DEVICES];
            for (int d = 0; d < DEVICES; d++) {
                ids[d] = journal.devices().register("ws-" + d);
            }
            for (int hour = 0; hour < 3; hour++) {
                for (int i = 0; i < 3_000 + random.nextInt(2_000); i++) {
                    final long ts = (START_MS + hour * HOUR_MS + i * 500L) * 1_000_000L + random.nextInt(1_000);
                    writer.move(ids[random.nextInt(DEVICES)], ts, random.nextInt(1920), random.nextInt(1080), 0);
                }
                writer.flush();
                clock.advance(HOUR_MS);
            }
        }
    }

    /** The same figures from reading and decoding every block. */
    private static JournalStats countEveryBlock(final Journal journal) {
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(journal.config().blockEvents());
        final Set<Long> devices = new HashSet<>();
        final Set<Integer> cycles = new HashSet<>();
        final long[] totals = {0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE};
        try (JournalReader reader = journal.newReader()) {
            reader.readAll((queueIndex, deviceId, buffer, offset, length) -> {
                decoder.decode(buffer, offset, length, batch);
                totals[0] += batch.size();
                totals[1]++;
                totals[2] += length;
                for (int i = 0; i < batch.size(); i++) {
                    totals[3] = Math.min(totals[3], batch.timestampNs(i));
                    totals[4] = Math.max(totals[4], batch.timestampNs(i));
                }
                devices.add(deviceId);
                cycles.add(journal.cycleOf(queueIndex));
                return true;
            });
        }
        final boolean isEmpty = totals[1] == 0;
        return new JournalStats(totals[0], totals[1], devices.size(), cycles.size(), isEmpty ? 0 : totals[3],
            isEmpty ? 0 : totals[4], totals[2]);
    }

    private static List<byte[]> blocks(final Journal journal) {
        final List<byte[]> blocks = new ArrayList<>();
        try (JournalReader reader = journal.newReader()) {
            reader.readAll((queueIndex, deviceId, buffer, offset, length) -> {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                blocks.add(bytes);
                return true;
            });
        }
        return blocks;
    }

    private void replaceInCycleFiles(final byte[] original, final byte[] replacement) throws Exception {
        for (final Path file : JournalFiles.cycleFiles(dir)) {
            final byte[] content = Files.readAllBytes(file);
            final int at = JournalFiles.indexOf(content, original);
            if (at >= 0) {
                System.arraycopy(replacement, 0, content, at, replacement.length);
                Files.write(file, content);
                return;
            }
        }
        throw new AssertionError("block bytes not found in any cycle file");
    }
}
