/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.index.BlockIndex;
import dev.spoor.core.index.IndexFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index: rebuilt from headers equals the one kept while writing, persisted compactly, trusted only while
 * intact and never ahead of the queue, and selective (a device-and-hour query reads only matching blocks).
 */
class BlockIndexTest {
    private static final long HOUR_NS = 3_600_000_000_000L;
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final int DEVICES = 20;

    @TempDir
    Path dir;

    private BlockIndex written;

    @BeforeEach
    void writeSixHoursOfTwentyDevices() {
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(512).indexSpacing(8));
             JournalWriter writer = journal.newWriter()) {
            // 6 hours, each device a move every 2 s: 512-event blocks of ~17 minutes.
            for (long t = 0; t < 6 * HOUR_NS; t += 2_000_000_000L) {
                for (int d = 0; d < DEVICES; d++) {
                    writer.move(d, T0 + t + d, d, (int)(t >>> 30), 0);
                }
            }
            writer.flush();
            written = copyOf(journal);
        }
    }

    @Test
    void rebuiltIndexEqualsTheIncrementalOne() throws Exception {
        Files.delete(dir.resolve(IndexFile.FILE_NAME));
        try (Journal journal = Journal.openReadOnly(dir)) {
            journal.refreshIndex();
            assertTrue(written.sameEntries(journal.index()), "rebuilt from headers != kept while writing");
        }
    }

    @Test
    void persistedIndexIsLoadedIntact() {
        final BlockIndex loaded = IndexFile.read(dir, 8);
        assertTrue(loaded != null && written.sameEntries(loaded));
    }

    @Test
    void indexIsUnderHalfAPercentOfTheJournalAtDefaultSettings(@TempDir final Path other) throws Exception {
        final long seed = 11;
        final Random random = new Random(seed);
        try (Journal journal = Journal.open(other, new JournalConfig()); JournalWriter writer = journal.newWriter()) {
            final int[] x = new int[DEVICES];
            final long[] ts = new long[DEVICES];
            for (int i = 0; i < 400_000; i++) {
                final int d = random.nextInt(DEVICES);
                ts[d] += (random.nextInt(4) * 16 + random.nextInt(2)) * 1_000_000L;
                x[d] += (int)(random.nextGaussian() * 20);
                writer.move(d, T0 + ts[d], x[d], x[d] / 2, 0);
            }
        }
        final long indexBytes = Files.size(other.resolve(IndexFile.FILE_NAME));
        final long blockBytes = JournalFiles.blockBytes(other);
        final double fraction = (double)indexBytes / blockBytes;
        System.out.printf("BlockIndexTest: index %d bytes, blocks %d bytes: %.3f%% (seed %d)%n", indexBytes,
            blockBytes, 100 * fraction, seed);
        assertTrue(fraction < 0.005, "index is " + 100 * fraction + "% of the block bytes, seed=" + seed);
    }

    @Test
    void damagedOrStaleIndexIsRebuilt() throws Exception {
        final Path file = dir.resolve(IndexFile.FILE_NAME);
        final byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertEquals(null, IndexFile.read(dir, 8), "a flipped byte fails the checksum");
        try (Journal journal = Journal.openReadOnly(dir)) {
            journal.refreshIndex();
            assertTrue(written.sameEntries(journal.index()));
        }
        // Stale: an index written before more blocks were sealed is caught up from the queue.
        final byte[] early;
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(512).indexSpacing(8))) {
            journal.writeIndex();
            early = Files.readAllBytes(file);
            try (JournalWriter writer = journal.newWriter()) {
                writer.move(99, T0 + 7 * HOUR_NS, 1, 1, 0);
            }
        }
        Files.write(file, early);
        try (Journal journal = Journal.openReadOnly(dir)) {
            journal.refreshIndex();
            assertEquals(written.size() + 1, journal.index().size());
        }
    }

    @Test
    void oneDeviceOneHourReadsOnlyItsBlocks() {
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.newReader()) {
            final long[] device = {7};
            final long from = T0 + 2 * HOUR_NS;
            final long to = T0 + 3 * HOUR_NS;
            final List<Long> devices = new ArrayList<>();
            final int read = reader.readBlocks(device, from, to, (index, id, buffer, offset, length) -> {
                devices.add(id);
                return true;
            });
            final int expected = countMatching(journal.index(), 7, from, to);
            assertEquals(expected, read);
            assertEquals(expected, reader.blocksRead(), "only matching blocks are read");
            assertTrue(read >= 3 && read <= 6, "an hour of one device is 3-6 blocks of 17 minutes, got " + read);
            assertFalse(devices.stream().anyMatch(id -> id != 7), "another device's block was read");
            final long examinedBefore = journal.index().entriesExamined();
            reader.readRange(from, to, (index, id, buffer, offset, length) -> true);
            final long examined = journal.index().entriesExamined() - examinedBefore;
            assertTrue(examined < journal.index().size() / 2, "the sparse time index skipped little: examined "
                + examined + " of " + journal.index().size());
        }
    }

    private static int countMatching(final BlockIndex index, final long device, final long from, final long to) {
        int n = 0;
        for (int i = 0; i < index.size(); i++) {
            if (index.deviceId(i) == device && index.minTimestampNs(i) < to && index.maxTimestampNs(i) >= from) {
                n++;
            }
        }
        return n;
    }

    private static BlockIndex copyOf(final Journal journal) {
        final BlockIndex copy = new BlockIndex(8);
        final BlockIndex index = journal.index();
        for (int i = 0; i < index.size(); i++) {
            copy.add(index.queueIndex(i), index.cycle(i), index.deviceId(i), index.minTimestampNs(i),
                index.maxTimestampNs(i), index.eventCount(i), index.typeMask(i), index.blockBytes(i));
        }
        return copy;
    }
}
