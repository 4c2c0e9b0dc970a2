/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.codec.EventType;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.query.scan.ColumnBatch;
import dev.spoor.query.scan.Event;
import dev.spoor.query.scan.EventField;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every delivery (callback, columns, stream; sequential, parallel, merged) against the plain model over
 * seeded journals: exactly the events inside the scan, each device's in timestamp order (equal timestamps
 * in append order), nothing lost, nothing extra.
 */
class ScanTest {
    private static final int JOURNALS = Integer.getInteger("spoor.scan.journals", 24);
    private static final int SCANS_PER_JOURNAL = 45;

    @TempDir
    Path dir;

    @Test
    void everyDeliveryMatchesThePlainModel() throws Exception {
        final long baseSeed = Long.getLong("spoor.seed", 0x5CA7L);
        int cases = 0;
        for (int j = 0; j < JOURNALS; j++) {
            final long seed = baseSeed + j;
            final Random random = new Random(seed);
            final Path journalDir = Files.createDirectory(dir.resolve("j" + j));
            final GeneratedJournal model = GeneratedJournal.write(journalDir, seed, 1 + random.nextInt(12),
                1 + random.nextInt(6_000), GeneratedJournal.randomConfig(random));
            try (Journal journal = Journal.openReadOnly(journalDir)) {
                final Scanner scanner = new Scanner(journal);
                for (int s = 0; s < SCANS_PER_JOURNAL; s++) {
                    final Scan scan = randomScan(random, model, s % 5);
                    check(scanner, scan, model, "seed " + seed + " scan " + s + " " + scan);
                    cases++;
                }
            }
        }
        System.out.println("ScanTest: " + cases + " scans checked against the model (base seed " + baseSeed + ")");
        assertTrue(cases >= 1_000, "cases=" + cases);
    }

    @Test
    void aScanOfNothingDeliversNothing() throws Exception {
        GeneratedJournal.write(dir, 7, 3, 500, new JournalConfig().blockEvents(64));
        try (Journal journal = Journal.openReadOnly(dir)) {
            final List<Event> events = new ArrayList<>();
            final ScanStats stats = new Scanner(journal).scan(Scan.builder().deviceKeys("no-such-device").build(),
                e -> events.add(e.toEvent()));
            assertEquals(List.of(), events);
            assertEquals(0, stats.blocksRead());
        }
    }

    @Test
    void columnBatchesCarryOnlyTheWantedFields() throws Exception {
        final GeneratedJournal model = GeneratedJournal.write(dir, 8, 2, 3_000,
            new JournalConfig().blockEvents(128));
        try (Journal journal = Journal.openReadOnly(dir)) {
            final Scan scan = Scan.builder().fields(EventField.TIMESTAMP, EventField.POSITION).build();
            final List<long[]> seen = new ArrayList<>();
            new Scanner(journal).scanColumns(scan, 500, batch -> {
                assertTrue(batch.types() == null && batch.buttons() == null && batch.wheelDxs() == null
                    && batch.keys() == null && batch.modifiers() == null, "unwanted columns present");
                for (int i = 0; i < batch.size(); i++) {
                    seen.add(new long[] {batch.deviceIds()[i], batch.timestamps()[i], batch.xs()[i], batch.ys()[i]});
                }
            });
            final List<long[]> expected = new ArrayList<>();
            model.expected(scan).values().forEach(list -> list.forEach(e -> expected.add(
                new long[] {e.deviceId(), e.timestampNs(), e.x(), e.y()})));
            final Map<Long, List<String>> want = new LinkedHashMap<>();
            final Map<Long, List<String>> got = new LinkedHashMap<>();
            expected.forEach(r -> want.computeIfAbsent(r[0], k -> new ArrayList<>()).add(Arrays.toString(r)));
            seen.forEach(r -> got.computeIfAbsent(r[0], k -> new ArrayList<>()).add(Arrays.toString(r)));
            assertEquals(want, got);
        }
    }

    @Test
    void refusesAnEmptyRangeAndMergedWithThreads() {
        final IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
            () -> Scan.builder().from(10).to(10).build());
        assertTrue(empty.getMessage().contains("[10, 10)"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scan.builder().merged(true).threads(2).build());
        assertThrows(IllegalArgumentException.class, () -> Scan.builder().threads(0));
        assertThrows(IllegalArgumentException.class, () -> Scan.builder().types());
    }

    private static void check(final Scanner scanner, final Scan scan, final GeneratedJournal model,
        final String what) {
        final Map<Long, List<Event>> expected = model.expected(scan);
        final long expectedCount = expected.values().stream().mapToLong(List::size).sum();
        final List<Event> delivered = Collections.synchronizedList(new ArrayList<>());
        final ScanStats stats = scanner.scan(scan, e -> delivered.add(e.toEvent()));
        assertSame(expected, GeneratedJournal.byDevice(delivered), what + ": callback");
        assertEquals(expectedCount, stats.eventsReturned(), what + ": eventsReturned");
        assertEquals(stats.blocksPlanned(), stats.blocksRead(), what + ": every planned block read once");
        assertTrue(stats.eventsDecoded() >= stats.eventsReturned(), what);
        for (final EventType type : EventType.values()) {
            final long ofType = expected.values().stream().flatMap(List::stream).filter(e -> e.type() == type).count();
            assertEquals(ofType, stats.eventsReturned(type), what + ": returned " + type);
        }
        if (scan.isMerged()) {
            checkMergedOrder(delivered, what);
        }
        if (scan.isByDevice()) {
            checkDeviceByDevice(delivered, what);
        }
        try (Stream<Event> stream = scanner.stream(scan)) {
            assertSame(expected, GeneratedJournal.byDevice(stream.collect(Collectors.toList())), what + ": stream");
        }
        final List<Event> fromColumns = Collections.synchronizedList(new ArrayList<>());
        final ScanStats columnStats = scanner.scanColumns(scan, 1 + (int)(expectedCount % 97),
            batch -> fromColumns.addAll(rows(batch)));
        assertSame(withoutKeys(expected), GeneratedJournal.byDevice(fromColumns), what + ": columns");
        for (final EventType type : EventType.values()) {
            final long ofType = expected.values().stream().flatMap(List::stream).filter(e -> e.type() == type).count();
            assertEquals(ofType, columnStats.eventsReturned(type), what + ": columns returned " + type);
        }
    }

    /** Equal maps, or a failure naming the device and the first differing position (not the whole lists). */
    static void assertSame(final Map<Long, List<Event>> expected, final Map<Long, List<Event>> actual,
        final String what) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": devices");
        expected.forEach((device, events) -> {
            final List<Event> got = actual.get(device);
            for (int i = 0; i < Math.min(events.size(), got.size()); i++) {
                assertEquals(events.get(i), got.get(i), what + ": device " + device + " event " + i);
            }
            assertEquals(events.size(), got.size(), what + ": device " + device + " event count");
        });
    }

    static Map<Long, List<Event>> withoutKeys(final Map<Long, List<Event>> events) {
        final Map<Long, List<Event>> stripped = new LinkedHashMap<>();
        events.forEach((device, list) -> stripped.put(device, list.stream().map(e -> new Event(e.deviceId(), null,
            e.timestampNs(), e.type(), e.x(), e.y(), e.buttons(), e.wheelDx(), e.wheelDy(), e.key(), e.modifiers()))
            .collect(Collectors.toList())));
        return stripped;
    }

    /** Devices one after another, each whole (its own order is checked against the model). */
    private static void checkDeviceByDevice(final List<Event> delivered, final String what) {
        final long runs = IntStream.range(0, delivered.size())
            .filter(i -> i == 0 || delivered.get(i).deviceId() != delivered.get(i - 1).deviceId()).count();
        assertEquals(delivered.stream().map(Event::deviceId).distinct().count(), runs,
            what + ": each device's events in one run");
    }

    @Test
    void aDeviceByDeviceScanDeliversEachDeviceWholeWhereAPlainOneInterleaves() throws Exception {
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(64));
             JournalWriter writer = journal.newWriter()) {
            final long[] ids = {journal.devices().register("a"), journal.devices().register("b"),
                journal.devices().register("c")};
            for (int i = 0; i < 1_000; i++) {
                for (final long id : ids) {
                    writer.move(id, 1_000_000L * i, i, i, 0);   // round robin: the devices' blocks interleave
                }
            }
        }
        try (Journal journal = Journal.openReadOnly(dir); Scanner scanner = new Scanner(journal)) {
            final List<Event> plain = new ArrayList<>();
            scanner.scan(Scan.builder().build(), e -> plain.add(e.toEvent()));
            final long plainRuns = IntStream.range(0, plain.size())
                .filter(i -> i == 0 || plain.get(i).deviceId() != plain.get(i - 1).deviceId()).count();
            assertTrue(plainRuns > 3, "the plain scan reads in journal order, devices interleaved: " + plainRuns);
            final List<Event> byDevice = new ArrayList<>();
            scanner.scan(Scan.builder().byDevice(true).build(), e -> byDevice.add(e.toEvent()));
            checkDeviceByDevice(byDevice, "byDevice");
            assertSame(GeneratedJournal.byDevice(plain), GeneratedJournal.byDevice(byDevice), "byDevice");
        }
        assertThrows(IllegalArgumentException.class, () -> Scan.builder().byDevice(true).merged(true).build());
        assertThrows(IllegalArgumentException.class, () -> Scan.builder().byDevice(true).threads(2).build());
    }

    private static void checkMergedOrder(final List<Event> delivered, final String what) {
        for (int i = 1; i < delivered.size(); i++) {
            final Event a = delivered.get(i - 1);
            final Event b = delivered.get(i);
            if (b.timestampNs() < a.timestampNs()
                || b.timestampNs() == a.timestampNs() && b.deviceId() < a.deviceId()) {
                fail(what + ": merged order broken at " + i + ": " + a + " then " + b);
            }
        }
    }

    static List<Event> rows(final ColumnBatch batch) {
        final List<Event> rows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            rows.add(new Event(batch.deviceIds()[i], null, batch.timestamps()[i], EventType.fromCode(batch.types()[i]),
                batch.xs()[i], batch.ys()[i], batch.buttons()[i], batch.wheelDxs()[i], batch.wheelDys()[i],
                batch.keys()[i], batch.modifiers()[i]));
        }
        return rows;
    }

    private static Scan randomScan(final Random random, final GeneratedJournal model, final int shape) {
        final Scan.Builder builder = Scan.builder();
        final List<Event> all = model.all;
        final Event pivot = all.get(random.nextInt(all.size()));
        if (random.nextInt(3) > 0) {
            final List<Event> pick = new ArrayList<>();
            for (int k = random.nextInt(3); k >= 0; k--) {
                pick.add(all.get(random.nextInt(all.size())));
            }
            if (random.nextBoolean()) {
                builder.deviceIds(pick.stream().mapToLong(Event::deviceId).toArray());
            } else {
                builder.deviceKeys(pick.stream().map(Event::deviceKey).toArray(String[]::new));
            }
        }
        final int range = random.nextInt(8);
        if (range >= 4) {
            // Both ends at (or one after) a stored timestamp, so a range starts and ends inside blocks: an event
            // at the end is left out, one a nanosecond before it is taken.
            final long other = all.get(random.nextInt(all.size())).timestampNs();
            final long from = Math.min(pivot.timestampNs(), other) + random.nextInt(2);
            final long to = Math.max(pivot.timestampNs(), other) + random.nextInt(2);
            builder.from(from).to(Math.max(to, from + 1));
        } else if (range >= 1) {
            final long from = pivot.timestampNs() - random.nextInt(3) * (long)random.nextInt(1_000_000) * 1_000_000L;
            builder.from(from).to(from + 1 + (long)random.nextInt(2_000_000) * 1_000_000L);
        }
        if (random.nextBoolean()) {
            final EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
            for (final EventType type : EventType.values()) {
                if (random.nextBoolean()) {
                    types.add(type);
                }
            }
            types.add(pivot.type());
            builder.types(types.toArray(new EventType[0]));
        }
        switch (shape) {
            case 1:
                builder.threads(2);
                break;
            case 2:
                builder.merged(true);
                break;
            case 3:
                builder.threads(3);
                break;
            case 4:
                builder.byDevice(true);
                break;
            default:
                break;
        }
        return builder.build();
    }
}
