/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.index.BlockIndex;
import dev.spoor.core.index.IndexFile;
import dev.spoor.core.internal.Varints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

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
    void anIndexFileOfFormatVersion1IsRebuiltAndRewrittenAsVersion2() throws Exception {
        final Path file = dir.resolve(IndexFile.FILE_NAME);
        Files.write(file, version1(written));
        assertEquals(null, IndexFile.read(dir, 8), "a version 1 file holds no block bytes: not taken as is");
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(512).indexSpacing(8))) {
            journal.refreshIndex();
            assertTrue(written.sameEntries(journal.index()), "rebuilt from headers != kept while writing");
            assertEquals(written.size(), journal.stats().blocks());
            assertTrue(journal.verify().isClean(), journal.verify().toString());
        }
        final BlockIndex rewritten = IndexFile.read(dir, 8);
        assertTrue(rewritten != null && written.sameEntries(rewritten), "closing wrote it again, as version 2");
        assertEquals(IndexFile.VERSION, ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN)
            .getShort(4));
    }

    /**
     * The index file as format version 1 wrote it (IndexFile before block bytes were added): a 32-byte header
     * (magic, version 1, entries, devices, last queue index, payload length, CRC32C of header[0, 28) and payload),
     * device ids, then per entry as varints: device ordinal, queue index delta, cycle delta, min timestamp
     * delta, max - min, event count, type mask.
     */
    private static byte[] version1(final BlockIndex index) {
        final long[] devices = index.devices();
        final ByteBuffer b = ByteBuffer.allocate(32 + devices.length * 8 + index.size() * 60)
            .order(ByteOrder.LITTLE_ENDIAN);
        b.position(32);
        for (final long id : devices) {
            b.putLong(id);
        }
        long queue = 0;
        long cycle = 0;
        long min = 0;
        for (int i = 0; i < index.size(); i++) {
            Varints.putUnsigned(b, ordinal(devices, index.deviceId(i)));
            Varints.putSigned(b, index.queueIndex(i) - queue);
            Varints.putSigned(b, index.cycle(i) - cycle);
            Varints.putSigned(b, index.minTimestampNs(i) - min);
            Varints.putUnsigned(b, index.maxTimestampNs(i) - index.minTimestampNs(i));
            Varints.putUnsigned(b, index.eventCount(i));
            Varints.putUnsigned(b, index.typeMask(i));
            queue = index.queueIndex(i);
            cycle = index.cycle(i);
            min = index.minTimestampNs(i);
        }
        final int length = b.position();
        b.putInt(0, IndexFile.MAGIC).putShort(4, (short)1).putShort(6, (short)0).putInt(8, index.size())
            .putInt(12, devices.length).putLong(16, index.lastQueueIndex()).putInt(24, length - 32);
        final CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 28);
        crc.update(b.array(), 32, length - 32);
        b.putInt(28, (int)crc.getValue());
        return Arrays.copyOf(b.array(), length);
    }

    private static int ordinal(final long[] devices, final long device) {
        int ordinal = 0;
        while (devices[ordinal] != device) {
            ordinal++;
        }
        return ordinal;
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
