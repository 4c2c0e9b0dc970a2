/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.EventBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing a writer that holds many part-filled blocks: the sealing thread and the closing thread seal them
 * between them. Every event is in the journal once, each device's open block became one block, and on a full
 * disk the blocks neither thread could seal wait in the staging file for the next open.
 */
@Timeout(300)
class WriterCloseTest {
    private static SmallFileSystem fs;

    @TempDir
    Path dir;

    @BeforeAll
    static void mount() throws Exception {
        fs = SmallFileSystem.mount(8);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (fs != null) {
            fs.close();
        }
    }

    @Test
    void closeSealsEveryPartFilledBlockOnceWhicheverThreadSealsIt() throws Exception {
        final long seed = Long.getLong("spoor.seed", System.nanoTime());
        System.out.println("WriterCloseTest seed=" + seed + " (replay with -Dspoor.seed=" + seed + ")");
        final Random random = new Random(seed);
        final int devices = 300;
        final int blockEvents = 256; // devices of more than 256 events hand full blocks over before the close
        final long events;
        final long blocks;
        try (Journal journal = Journal.open(dir, new JournalConfig().maxOpenBlocks(devices).blockEvents(blockEvents));
             JournalWriter writer = journal.newWriter()) {
            final int[] perDevice = new int[devices];
            events = offerPartFilledBlocks(journal, writer, perDevice, random);
            blocks = IntStream.of(perDevice).map(n -> (n + blockEvents - 1) / blockEvents).sum();
            assertEquals(IntStream.of(perDevice).filter(n -> n % blockEvents != 0).count(), writer.openBlocks(),
                "seed=" + seed);
        }
        try (Stream<Path> staged = Files.list(dir.resolve("staging"))) {
            assertTrue(staged.findAny().isEmpty(), "the staging file went with a clean close");
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals(blocks, journal.stats().blocks(), "no block sealed twice, none split; seed=" + seed);
        }
        assertEquals(events, countEachOnce(dir, events), "seed=" + seed);
    }

    @Test
    void closeSealsADevicesLastBlockAfterTheBlockItHandedOverJustBefore() throws Exception {
        // Every device's block fills at the very end, one device after another, and each gets one more event: at
        // the close the sealing thread still has many of those full blocks waiting (once the code is compiled: the
        // rounds), and each device's last block must reach the queue after its full one, whichever thread seals it.
        for (int round = 0; round < 10; round++) {
            final Path journalDir = dir.resolve("round-" + round);
            final long events = fillEveryBlockJustBeforeTheClose(journalDir, 300, 256);
            try (Journal journal = Journal.openReadOnly(journalDir)) {
                assertEquals(2L * 300, journal.stats().blocks(), "a full block and a last one per device");
            }
            assertEquals(events, countEachOnce(journalDir, events), "round " + round);
        }
    }

    /** @return events appended: per device 1..blockEvents-1 first, then the rest of its block and one more. */
    private static long fillEveryBlockJustBeforeTheClose(final Path journalDir, final int devices,
        final int blockEvents) {
        final Random random = new Random(11);
        try (Journal journal = Journal.open(journalDir,
                new JournalConfig().maxOpenBlocks(devices).blockEvents(blockEvents));
             JournalWriter writer = journal.newWriter()) {
            final long[] ids = new long[devices];
            final int[] staged = new int[devices];
            long n = 0;
            for (int d = 0; d < devices; d++) {
                ids[d] = journal.devices().register("device-" + d);
                staged[d] = 1 + random.nextInt(blockEvents - 1);
                for (int i = 0; i < staged[d]; i++) {
                    writer.move(ids[d], AcknowledgedEvents.timestampNs(n++), i, i, 0);
                }
            }
            for (int d = 0; d < devices; d++) {
                for (int i = staged[d]; i <= blockEvents; i++) {
                    writer.move(ids[d], AcknowledgedEvents.timestampNs(n++), i, i, 0);
                }
            }
            assertEquals(devices, writer.openBlocks());
            return n;
        }
    }

    @Test
    void closeOnAFullDiskLeavesTheBlocksItCannotSealToTheNextOpen() throws Exception {
        final Random random = new Random(7);
        for (int run = 0; run < 3; run++) {
            fs.clear();
            final Path journalDir = fs.root().resolve("journal");
            final int devices = 200;
            final Journal journal = Journal.open(journalDir, new JournalConfig().maxOpenBlocks(devices));
            final long events;
            boolean isRefused = false;
            try {
                final JournalWriter writer = journal.newWriter();
                events = offerPartFilledBlocks(journal, writer, new int[devices], random);
                fs.fill("filler", 16L << 20); // all that is left: the blocks cannot reach the queue
                try {
                    writer.close();
                } catch (final JournalException refused) {
                    isRefused = true;
                }
            } finally {
                try {
                    journal.close();
                } catch (final JournalException alsoRefused) {
                    isRefused = true;
                }
            }
            assertTrue(isRefused, "run " + run + ": closing on a full disk must say so");
            Files.delete(fs.root().resolve("filler"));
            try (Journal reopened = Journal.open(journalDir, new JournalConfig())) {
                reopened.checkOpen(); // recovery seals what the staging file still holds
            }
            assertEquals(events, countEachOnce(journalDir, events), "run " + run);
        }
    }

    /**
     * Device d gets 1..600 events, interleaved at random; event n at {@link AcknowledgedEvents#timestampNs}.
     *
     * @param perDevice one place a device: filled with its count of events.
     * @return events offered.
     */
    private static long offerPartFilledBlocks(final Journal journal, final JournalWriter writer,
        final int[] perDevice, final Random random) {
        final int devices = perDevice.length;
        final long[] ids = new long[devices];
        final int[] left = new int[devices];
        long total = 0;
        for (int d = 0; d < devices; d++) {
            ids[d] = journal.devices().register("device-" + d);
            left[d] = 1 + random.nextInt(600);
            perDevice[d] = left[d];
            total += left[d];
        }
        long n = 0;
        while (n < total) {
            final int d = random.nextInt(devices);
            if (left[d] > 0) {
                left[d]--;
                writer.move(ids[d], AcknowledgedEvents.timestampNs(n), random.nextInt(4000), random.nextInt(3000), 0);
                n++;
            }
        }
        return total;
    }

    /**
     * Events 0..expected-1 each found once and nothing else, verify clean, and each device's blocks in time order
     * in the queue.
     *
     * @return how many were found.
     */
    private static long countEachOnce(final Path journalDir, final long expected) {
        final Map<Long, Long> lastNs = new HashMap<>();
        try (Journal journal = Journal.openReadOnly(journalDir); JournalReader reader = journal.newReader()) {
            final BlockDecoder decoder = new BlockDecoder();
            final EventBatch batch = new EventBatch(4096);
            reader.readAll((queueIndex, deviceId, buffer, offset, length) -> {
                decoder.decode(buffer, offset, length, batch);
                final long previous = lastNs.getOrDefault(deviceId, Long.MIN_VALUE);
                assertTrue(batch.size() > 0 && batch.timestampNs(0) > previous,
                    "device " + deviceId + "'s blocks reached the queue out of order");
                lastNs.put(deviceId, batch.timestampNs(batch.size() - 1));
                return true;
            });
        }
        return AcknowledgedEvents.check(journalDir, expected, journalDir.toString());
    }
}
