/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockHeaderFlyweight;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalFiles;
import dev.spoor.core.JournalReader;
import dev.spoor.query.scan.DamagePolicy;
import dev.spoor.query.scan.Event;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanException;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index decides what is read (counted independently from every block's header), and a damaged block
 * either stops the scan with its cycle, queue index and reason, or is skipped and reported; never a wrong
 * event either way.
 */
class ScanIndexAndDamageTest {
    @TempDir
    Path dir;

    /** Header facts of one stored block, read without the index. */
    private record Stored(long queueIndex, long device, long min, long max, byte[] bytes) {
    }

    @Test
    void oneDeviceOneHourReadsOnlyThatDevicesBlocksInThatHour() {
        final GeneratedJournal model = GeneratedJournal.write(dir, 11, 40, 60_000,
            new JournalConfig().blockEvents(128));
        try (Journal journal = Journal.openReadOnly(dir)) {
            final List<Stored> blocks = storedBlocks(journal);
            final Event pivot = model.all.get(model.all.size() / 2);
            final long from = pivot.timestampNs() - pivot.timestampNs() % GeneratedJournal.HOUR_NS;
            final Scan scan = Scan.builder().deviceIds(pivot.deviceId()).from(from)
                .to(from + GeneratedJournal.HOUR_NS).build();
            final List<Event> got = new ArrayList<>();
            final ScanStats stats = new Scanner(journal).scan(scan, e -> got.add(e.toEvent()));
            final long[] expectedBlocks = blocks.stream()
                .filter(b -> b.device == pivot.deviceId() && b.max >= scan.fromNs() && b.min < scan.toNs())
                .mapToLong(Stored::queueIndex).sorted().toArray();
            assertTrue(expectedBlocks.length > 0 && expectedBlocks.length < blocks.size() / 20,
                expectedBlocks.length + " of " + blocks.size());
            assertEquals(Arrays.toString(expectedBlocks), Arrays.toString(stats.queueIndexesRead()),
                "exactly the device's blocks that reach into the hour");
            assertEquals(model.expected(scan).get(pivot.deviceId()), got);
            // The per-device index may look at one entry before the range (running max) and one after it.
            assertTrue(stats.entriesConsidered() <= expectedBlocks.length + 2,
                "considered " + stats.entriesConsidered() + " for " + expectedBlocks.length + " blocks");
        }
    }

    @Test
    void aTimeRangeAcrossDevicesSkipsBlocksOutsideIt() {
        final GeneratedJournal model = GeneratedJournal.write(dir, 12, 10, 40_000,
            new JournalConfig().blockEvents(64));
        try (Journal journal = Journal.openReadOnly(dir)) {
            final List<Stored> blocks = storedBlocks(journal);
            final long from = model.all.get(20_000).timestampNs();
            final Scan scan = Scan.builder().from(from).to(from + 60_000_000_000L).build();
            final ScanStats stats = new Scanner(journal).scan(scan, e -> { });
            final long overlapping = blocks.stream().filter(b -> b.max >= scan.fromNs() && b.min < scan.toNs()).count();
            assertEquals(overlapping, stats.blocksRead());
            assertTrue(stats.blocksRead() < blocks.size() / 4, stats + " of " + blocks.size());
            assertEquals(model.expected(scan).values().stream().mapToLong(List::size).sum(), stats.eventsReturned());
        }
    }

    @Test
    void aDamagedBlockFailsTheScanOrIsSkippedAndReported() throws Exception {
        final GeneratedJournal model = GeneratedJournal.write(dir, 13, 4, 8_000, new JournalConfig().blockEvents(256));
        final Stored victim;
        final List<Event> victimEvents = new ArrayList<>();
        try (Journal journal = Journal.openReadOnly(dir)) {
            victim = storedBlocks(journal).get(9);
        }
        final EventBatch decoded = new EventBatch(256);
        new BlockDecoder().decode(new UnsafeBuffer(victim.bytes), 0, victim.bytes.length, decoded);
        for (int k = 0; k < decoded.size(); k++) {
            final int i = k;
            victimEvents.add(model.appended.get(victim.device).stream()
                .filter(e -> e.timestampNs() == decoded.timestampNs(i) && e.type() == decoded.type(i)
                    && e.x() == decoded.x(i) && e.y() == decoded.y(i) && e.key() == decoded.key(i))
                .findFirst().orElseThrow());
        }
        flipByteInside(victim.bytes);
        try (Journal journal = Journal.openReadOnly(dir)) {
            final Scanner scanner = new Scanner(journal);
            final ScanException failure = assertThrows(ScanException.class,
                () -> scanner.scan(Scan.builder().build(), e -> { }));
            assertEquals(victim.queueIndex, failure.block().queueIndex());
            assertTrue(failure.getMessage().contains("cycle " + failure.block().cycle())
                && failure.getMessage().contains(Long.toHexString(victim.queueIndex))
                && failure.getMessage().contains("crc32c") && failure.getMessage().contains("--on-damage skip"),
                failure.getMessage());

            final List<Event> got = new ArrayList<>();
            final ScanStats stats = scanner.scan(Scan.builder().onDamage(DamagePolicy.SKIP).build(),
                e -> got.add(e.toEvent()));
            assertEquals(1, stats.damagedBlocks().size(), stats.damagedBlocks().toString());
            assertEquals(victim.queueIndex, stats.damagedBlocks().get(0).queueIndex());
            final String key = journal.devices().keyOf(victim.device);
            assertTrue(key != null && stats.damagedBlocks().get(0).toString().contains("('" + key + "')"),
                "named by its key too: " + stats.damagedBlocks());
            assertEquals(stats.blocksRead(), journal.stats().blocks() - 1, "the damaged block is not counted as read");
            final List<Event> expected = new ArrayList<>(model.all);
            final Map<Event, Integer> toRemove = new HashMap<>();
            victimEvents.forEach(e -> toRemove.merge(e, 1, Integer::sum));
            final List<Event> survivors = expected.stream().filter(e -> toRemove.merge(e, -1, Integer::sum) < 0)
                .collect(Collectors.toList());
            assertEquals(model.all.size() - victimEvents.size(), got.size());
            assertEquals(sortedByDevice(survivors), sortedByDevice(got), "every other event, none from the damage");
        }
    }

    private static Map<Long, List<Event>> sortedByDevice(final List<Event> events) {
        final Map<Long, List<Event>> byDevice = GeneratedJournal.byDevice(events);
        byDevice.values().forEach(list -> list.sort(Comparator.comparingLong(Event::timestampNs)
            .thenComparingInt(Event::x).thenComparingInt(Event::y).thenComparingInt(Event::key)
            .thenComparingInt(e -> e.type().code()).thenComparingInt(Event::buttons)));
        return byDevice;
    }

    private void flipByteInside(final byte[] block) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (final Path file : files.filter(p -> p.toString().endsWith(".cq4")).collect(Collectors.toList())) {
                final byte[] content = Files.readAllBytes(file);
                final int at = JournalFiles.indexOf(content, block);
                if (at >= 0) {
                    content[at + block.length / 2] ^= 0x10;
                    Files.write(file, content);
                    return;
                }
            }
        }
        throw new AssertionError("block bytes not found in any .cq4 file");
    }

    private static List<Stored> storedBlocks(final Journal journal) {
        final List<Stored> blocks = new ArrayList<>();
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight();
        try (JournalReader reader = journal.newReader()) {
            reader.readAll((queueIndex, deviceId, buffer, offset, length) -> {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                header.wrap(new UnsafeBuffer(bytes), 0, length);
                blocks.add(new Stored(queueIndex, header.deviceId(), header.minTimestampNs(), header.maxTimestampNs(),
                    bytes));
                return true;
            });
        }
        return blocks;
    }
}
