/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.query.export.ExportFormat;
import dev.spoor.query.export.Exporter;
import dev.spoor.query.report.ActivityReport;
import dev.spoor.query.report.Session;
import dev.spoor.query.scan.ColumnBatch;
import dev.spoor.query.scan.EventView;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Erasure through every Scanner path on plain and encrypted journals: alice erased whole, bob erased in a range
 * whose ends fall inside blocks. Per-device, merged, parallel, Stream and column scans, CSV and JSONL exports and
 * sessions return exactly the model without the erased events (every field), and the manifests name the erasures.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ErasureScanTest {
    private static final int EVENTS = 3_000;
    private static final long MS = 1_000_000L;
    private static final long FROM = 700 * MS;
    private static final long TO = 2_100 * MS;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void everyScanPathLeavesOutTheErasedEventsAndKeepsTheRestExact(final boolean isEncrypted) throws Exception {
        final Path journalDir = dir.resolve("j");
        try (Journal journal = Journal.open(journalDir, new JournalConfig().blockEvents(256)
            .privacyPolicy(PrivacyPolicy.defaults().encryption(isEncrypted)));
             Scanner scanner = new Scanner(journal)) {
            final List<String> model = write(journal);
            final long alice = journal.devices().lookup("alice");
            final long bob = journal.devices().lookup("bob");
            assertEquals(sorted(model), sorted(perDevice(scanner, Scan.builder().build())), "before");
            journal.governance().erase("alice");
            journal.governance().erase("bob", FROM, TO);
            final List<String> expected = sorted(model.stream().filter(line -> !line.startsWith(hex(alice))
                && !(line.startsWith(hex(bob)) && ts(line) >= FROM && ts(line) < TO)).collect(Collectors.toList()));
            assertEquals(2 * EVENTS - (TO - FROM) / MS, expected.size());

            final List<String> events = new ArrayList<>();
            final ScanStats stats = scanner.scan(Scan.builder().build(), e -> events.add(line(e)));
            assertEquals(expected, sorted(events), "per device");
            assertTrue(stats.erasedBlocks() >= 12 + 4, stats.toString());
            assertEquals(2, stats.erasuresApplied().size(), stats.erasuresApplied().toString());

            final List<String> merged = new ArrayList<>();
            scanner.scan(Scan.builder().merged(true).build(), e -> merged.add(line(e)));
            assertEquals(expected, sorted(merged), "merged");
            for (int i = 1; i < merged.size(); i++) {
                assertTrue(ts(merged.get(i - 1)) <= ts(merged.get(i)), "merged in time order");
            }
            final List<String> parallel = Collections.synchronizedList(new ArrayList<>());
            scanner.scan(Scan.builder().threads(2).build(), e -> parallel.add(line(e)));
            assertEquals(expected, sorted(parallel), "two threads");
            final List<String> streamed;
            try (Stream<dev.spoor.query.scan.Event> stream = scanner.stream(Scan.builder().build())) {
                streamed = stream.map(e -> hex(e.deviceId()) + " ts=" + e.timestampNs()).collect(Collectors.toList());
            }
            assertEquals(timestamps(expected), sorted(streamed), "stream");
            final List<String> columns = new ArrayList<>();
            scanner.scanColumns(Scan.builder().merged(true).build(), 100, batch -> addColumns(batch, columns));
            assertEquals(timestamps(expected), sorted(columns), "columns");

            final Map<Long, Long> sessionEvents = new TreeMap<>();
            for (final Session s : ActivityReport.run(scanner, Scan.builder().build(),
                ActivityReport.Settings.defaults()).sessions()) {
                sessionEvents.merge(s.deviceId(), s.activity().events(), Long::sum);
            }
            assertEquals(Map.of(bob, (long)EVENTS - (TO - FROM) / MS, journal.devices().lookup("carol"),
                (long)EVENTS), sessionEvents, "sessions");

            for (final ExportFormat format : List.of(ExportFormat.CSV, ExportFormat.JSONL)) {
                final Path out = dir.resolve("out." + format.name().toLowerCase());
                final long rows = new Exporter(journal).export(Scan.builder().build(), out, format, r -> { }).rows();
                assertEquals(expected.size(), rows, format.name());
                final String text = Files.readString(out);
                assertTrue(!text.contains("alice") && text.contains("bob") && text.contains("carol"), format.name());
                final String manifest = Files.readString(dir.resolve("out." + format.name().toLowerCase()
                    + ".manifest.json")).replaceAll("\\s", "");
                assertTrue(manifest.contains("\"erasures_applied\"") && manifest.contains(
                    "\"device\":\"" + String.format("%016x", bob) + "\",\"whole_device\":false,\"from_ns\":" + FROM
                    + ",\"to_ns\":" + TO) && manifest.contains(String.format("%016x", alice)), manifest);
                assertTrue(manifest.contains("\"erased_devices_excluded\":[\"" + String.format("%016x", alice)
                    + "\"]"), "alice only, erased whole; bob has rows outside his erased range: " + manifest);
            }
        }
    }

    private static List<String> write(final Journal journal) {
        final List<String> model = new ArrayList<>();
        final String[] keys = {"alice", "bob", "carol"};
        try (JournalWriter writer = journal.newWriter()) {
            for (int i = 0; i < EVENTS; i++) {
                for (int d = 0; d < keys.length; d++) {
                    final long device = journal.devices().register(keys[d]);
                    final long ts = i * MS;
                    if (i % 5 == 2) {
                        writer.wheel(device, ts, i % 1000, d, 2, -3);
                        model.add(hex(device) + " ts=" + ts + " t=3 x=" + i % 1000 + " y=" + d + " b=0 w=2,-3 m=0");
                    } else {
                        writer.move(device, ts, i % 1000, i % 700 + d, i % 2);
                        model.add(hex(device) + " ts=" + ts + " t=0 x=" + i % 1000 + " y=" + (i % 700 + d) + " b="
                            + i % 2 + " w=0,0 m=0");
                    }
                }
            }
        }
        return model;
    }

    private static List<String> perDevice(final Scanner scanner, final Scan scan) {
        final List<String> events = new ArrayList<>();
        scanner.scan(scan, e -> events.add(line(e)));
        return events;
    }

    private static String line(final EventView e) {
        return hex(e.deviceId()) + " ts=" + e.timestampNs() + " t=" + e.typeCode() + " x=" + e.x() + " y=" + e.y()
            + " b=" + e.buttons() + " w=" + e.wheelDx() + "," + e.wheelDy() + " m=" + e.modifiers();
    }

    private static void addColumns(final ColumnBatch batch, final List<String> into) {
        for (int i = 0; i < batch.size(); i++) {
            into.add(hex(batch.deviceIds()[i]) + " ts=" + batch.timestamps()[i]);
        }
    }

    private static List<String> timestamps(final List<String> lines) {
        return sorted(lines.stream().map(l -> l.substring(0, l.indexOf(' ', l.indexOf("ts=")))).collect(
            Collectors.toList()));
    }

    private static long ts(final String line) {
        final int at = line.indexOf("ts=") + 3;
        return Long.parseLong(line.substring(at, line.indexOf(' ', at)));
    }

    private static String hex(final long id) {
        return Long.toHexString(id);
    }

    private static List<String> sorted(final List<String> lines) {
        final List<String> copy = new ArrayList<>(lines);
        Collections.sort(copy);
        return copy;
    }
}
