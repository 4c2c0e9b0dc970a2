/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoor.core.EdgeTimeJournal;
import dev.spoor.core.Journal;
import dev.spoor.query.export.ExportFormat;
import dev.spoor.query.export.ExportResult;
import dev.spoor.query.export.Exporter;
import dev.spoor.query.report.ActivityReport;
import dev.spoor.query.report.Bucket;
import dev.spoor.query.report.Session;
import dev.spoor.query.scan.Event;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scan left open at the end returns every stored event, the ones at {@code Long.MAX_VALUE} (the largest
 * timestamp a writer accepts) too, and one left open at the start the ones at 0: stats, every delivery, exports
 * and sessions count the same events over a journal with events at 0, ordinary times and {@code Long.MAX_VALUE}
 * ({@link EdgeTimeJournal}).
 */
@Timeout(120)
class OpenEndedScanTest {
    private static final long MAX = Long.MAX_VALUE;

    @TempDir
    Path dir;

    private EdgeTimeJournal model;
    private Path journalDir;

    @BeforeEach
    void write() {
        journalDir = dir.resolve("journal");
        model = EdgeTimeJournal.write(journalDir);
    }

    @Test
    void everyDeliveryOfAnOpenEndedScanReturnsEveryStoredEvent() {
        try (Journal journal = Journal.openReadOnly(journalDir); Scanner scanner = new Scanner(journal)) {
            assertEquals(model.events(), journal.stats().events());
            for (final Supplier<Scan.Builder> open : List.<Supplier<Scan.Builder>>of(Scan::builder,
                () -> Scan.builder().from(0), () -> Scan.builder().to(MAX), () -> Scan.builder().from(0).to(MAX))) {
                for (final Scan scan : List.of(open.get().build(), open.get().threads(3).build(),
                    open.get().merged(true).build())) {
                    final List<Event> called = Collections.synchronizedList(new ArrayList<>());
                    final ScanStats stats = scanner.scan(scan, e -> called.add(e.toEvent()));
                    assertEquals(journal.stats().events(), stats.eventsReturned(), scan.toString());
                    assertEvents(called, scan + " scan");
                    try (Stream<Event> streamed = scanner.stream(scan)) {
                        assertEvents(streamed.collect(Collectors.toList()), scan + " stream");
                    }
                    // A parallel scan calls the handler from several threads (ColumnBatchHandler): count atomically.
                    final AtomicLong rows = new AtomicLong();
                    final AtomicLong rowsAtMax = new AtomicLong();
                    scanner.scanColumns(scan, 5, batch -> {
                        rows.addAndGet(batch.size());
                        for (int i = 0; i < batch.size(); i++) {
                            rowsAtMax.addAndGet(batch.timestamps()[i] == MAX ? 1 : 0);
                        }
                    });
                    assertEquals(model.events(), rows.get(), scan + " columns");
                    assertEquals(model.eventsAt(MAX), rowsAtMax.get(), scan + " columns at MAX");
                }
            }
        }
    }

    @Test
    void aScanFromTheLastTimestampReturnsTheEventsAtIt() {
        try (Journal journal = Journal.openReadOnly(journalDir); Scanner scanner = new Scanner(journal)) {
            for (final Scan scan : List.of(Scan.builder().from(MAX).build(), Scan.builder().from(MAX).to(MAX).build(),
                Scan.builder().from(MAX).merged(true).build(), Scan.builder().from(MAX - 1).build())) {
                final List<Long> timestamps = new ArrayList<>();
                scanner.scan(scan, e -> timestamps.add(e.timestampNs()));
                assertEquals(model.eventsAt(MAX), timestamps.size(), scan.toString());
                assertTrue(timestamps.stream().allMatch(ts -> ts == MAX), scan.toString());
            }
            final List<Event> beforeLast = new ArrayList<>();
            scanner.scan(Scan.builder().to(MAX - 1).build(), e -> beforeLast.add(e.toEvent()));
            assertEquals(model.events() - model.eventsAt(MAX), beforeLast.size(), "an end below MAX stays exclusive");
            assertThrows(IllegalArgumentException.class, () -> Scan.builder().from(5).to(5).build());
            assertThrows(IllegalArgumentException.class, () -> Scan.builder().from(MAX).to(MAX - 1).build());
        }
    }

    @Test
    void exportsOfAnOpenEndedScanHoldEveryStoredEvent() throws Exception {
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            final Exporter exporter = new Exporter(journal);
            for (final Scan scan : List.of(Scan.builder().build(), Scan.builder().merged(true).from(0).build())) {
                final ExportResult csv = exporter.export(scan, dir.resolve("out.csv"), ExportFormat.CSV, r -> { });
                assertEquals(model.events(), csv.rows(), scan.toString());
                final List<Long> csvTimestamps = new ArrayList<>();
                try (Reader in = Files.newBufferedReader(csv.file(), StandardCharsets.UTF_8);
                     CSVParser rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                         .parse(in)) {
                    for (final CSVRecord row : rows) {
                        csvTimestamps.add(Long.parseLong(row.get("ts_nanos")));
                    }
                }
                assertTimestamps(csvTimestamps, scan + " csv");
                final ExportResult jsonl = exporter.export(scan, dir.resolve("out.jsonl"), ExportFormat.JSONL,
                    r -> { });
                assertEquals(model.events(), jsonl.rows(), scan.toString());
                assertTimestamps(jsonlTimestamps(jsonl.file()), scan + " jsonl");
            }
        }
    }

    @Test
    void sessionsOfAnOpenEndedScanCountEveryStoredEvent() {
        try (Journal journal = Journal.openReadOnly(journalDir); Scanner scanner = new Scanner(journal)) {
            for (final Scan scan : List.of(Scan.builder().build(), Scan.builder().from(0).threads(2).build())) {
                final ActivityReport report = ActivityReport.run(scanner, scan, ActivityReport.Settings.defaults());
                assertEquals(journal.stats().events(),
                    report.sessions().stream().mapToLong(s -> s.activity().events()).sum(), scan + " sessions");
                assertEquals(journal.stats().events(),
                    report.buckets().stream().mapToLong(b -> b.activity().events()).sum(), scan + " buckets");
                for (final String key : EdgeTimeJournal.KEYS) {
                    final long id = journal.devices().lookup(key);
                    final List<Session> of = report.sessions().stream().filter(s -> s.deviceId() == id).toList();
                    final List<Long> appended = model.timestampsOf(key);
                    assertEquals(appended.stream().mapToLong(Long::longValue).min().orElseThrow(), of.get(0).startNs(),
                        key);
                    assertEquals(appended.stream().mapToLong(Long::longValue).max().orElseThrow(),
                        of.get(of.size() - 1).endNs(), key);
                    assertTrue(of.stream().allMatch(s -> s.durationNs() >= 0 && s.activeNs() >= 0), key);
                }
                assertTrue(report.buckets().stream().mapToLong(Bucket::startNs).max().orElseThrow()
                    > MAX - ActivityReport.Settings.defaults().bucketNs(), "a bucket holds Long.MAX_VALUE");
            }
        }
    }

    /** Per device, the delivered timestamps are the appended ones (time order), and each device is in order. */
    private void assertEvents(final List<Event> events, final String what) {
        assertTimestamps(events.stream().map(Event::timestampNs).collect(Collectors.toList()), what);
        final Map<String, List<Long>> byKey = new TreeMap<>();
        for (final Event e : events) {
            byKey.computeIfAbsent(e.deviceKey(), k -> new ArrayList<>()).add(e.timestampNs());
        }
        for (final String key : EdgeTimeJournal.KEYS) {
            assertEquals(model.timestampsOf(key).stream().sorted().collect(Collectors.toList()), byKey.get(key),
                what + " " + key);
        }
    }

    private void assertTimestamps(final List<Long> timestamps, final String what) {
        assertEquals(model.events(), timestamps.size(), what);
        assertEquals(model.eventsAt(MAX), timestamps.stream().filter(ts -> ts == MAX).count(), what + " at MAX");
        assertEquals(model.eventsAt(0), timestamps.stream().filter(ts -> ts == 0).count(), what + " at 0");
    }

    private static List<Long> jsonlTimestamps(final Path file) throws Exception {
        final List<Long> timestamps = new ArrayList<>();
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try (JsonParser json = new JsonFactory().createParser(line)) {
                for (JsonToken t = json.nextToken(); t != null; t = json.nextToken()) {
                    if (t == JsonToken.FIELD_NAME && "ts_nanos".equals(json.currentName())) {
                        json.nextToken();
                        timestamps.add(json.getLongValue());
                    }
                }
            }
        }
        return timestamps;
    }
}
