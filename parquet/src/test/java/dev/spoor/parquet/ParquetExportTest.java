/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.parquet;

import dev.spoor.codec.EventType;
import dev.spoor.core.EdgeTimeJournal;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.query.GeneratedJournal;
import dev.spoor.query.export.ExportResult;
import dev.spoor.query.export.ExportRow;
import dev.spoor.query.export.Exporter;
import dev.spoor.query.scan.Event;
import dev.spoor.query.scan.Scan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Parquet export read back by an independent reader, DuckDB over JDBC, and compared row for row with
 * the plain model; the column types and zstd compression checked from DuckDB's view of the file.
 */
class ParquetExportTest {
    @TempDir
    Path dir;

    @Test
    void duckDbReadsEveryRowBackExactly() throws Exception {
        final Path journalDir = Files.createDirectory(dir.resolve("journal"));
        final GeneratedJournal model = GeneratedJournal.write(journalDir, 31, 4, 30_000,
            new JournalConfig().blockEvents(1024));
        final Path out = dir.resolve("events.parquet");
        final Scan scan = Scan.builder().from(model.all.get(100).timestampNs()).build();
        final ExportResult result;
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            result = new ParquetExporter(journal).export(scan, out, rows -> { });
        }
        final Map<Long, List<Event>> expected = model.expected(scan);
        final long expectedRows = expected.values().stream().mapToLong(List::size).sum();
        assertEquals(expectedRows, result.rows());
        assertEquals(Exporter.sha256Of(out), result.sha256());
        assertTrue(Files.exists(out.resolveSibling("events.parquet.manifest.json")));

        final Map<String, List<String>> fromDuckDb = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = db.createStatement()) {
            final String file = "'" + out.toString().replace("'", "''") + "'";
            try (ResultSet rows = sql.executeQuery("SELECT * FROM read_parquet(" + file + ")")) {
                assertEquals(ExportRow.COLUMNS.length, rows.getMetaData().getColumnCount());
                for (int c = 0; c < ExportRow.COLUMNS.length; c++) {
                    assertEquals(ExportRow.COLUMNS[c], rows.getMetaData().getColumnName(c + 1));
                }
                while (rows.next()) {
                    final StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= ExportRow.COLUMNS.length; c++) {
                        final Object value = rows.getObject(c);
                        row.append(c > 1 ? "|" : "").append(value == null ? "" : value.toString());
                    }
                    fromDuckDb.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(row.toString());
                }
            }
            try (ResultSet types = sql.executeQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                + "read_parquet(" + file + "))")) {
                final Map<String, String> byName = new LinkedHashMap<>();
                while (types.next()) {
                    byName.put(types.getString(1), types.getString(2));
                }
                assertEquals("VARCHAR", byName.get("device"));
                assertEquals("BIGINT", byName.get("ts_nanos"));
                assertEquals("VARCHAR", byName.get("type"));
                assertEquals("DOUBLE", byName.get("x"), "x and y carry fractions of a pixel, exactly");
                assertEquals("DOUBLE", byName.get("y"));
            }
            try (ResultSet codecs =
                sql.executeQuery("SELECT DISTINCT compression FROM parquet_metadata(" + file + ")")) {
                assertTrue(codecs.next());
                assertEquals("ZSTD", codecs.getString(1).toUpperCase());
            }
        }
        final Map<String, List<String>> want = new LinkedHashMap<>();
        expected.values().forEach(list -> list.forEach(e -> want.computeIfAbsent(e.deviceKey(), k -> new ArrayList<>())
            .add(row(e))));
        assertEquals(want.keySet(), fromDuckDb.keySet());
        want.forEach((device, rows) -> assertEquals(rows, fromDuckDb.get(device), "device " + device));
    }

    @Test
    void anOpenEndedExportHoldsTheEventsAtZeroAndAtTheLastTimestamp() throws Exception {
        final Path journalDir = dir.resolve("edges");
        final EdgeTimeJournal model = EdgeTimeJournal.write(journalDir);
        for (final Scan scan : List.of(Scan.builder().build(), Scan.builder().from(0).merged(true).build())) {
            final Path out = dir.resolve("edges.parquet");
            final ExportResult result;
            final long stored;
            try (Journal journal = Journal.openReadOnly(journalDir)) {
                stored = journal.stats().events();
                result = new ParquetExporter(journal).export(scan, out, rows -> { });
            }
            assertEquals(model.events(), stored);
            assertEquals(stored, result.rows(), scan.toString());
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                 Statement sql = db.createStatement();
                 ResultSet counts = sql.executeQuery("SELECT count(*), count(*) FILTER (WHERE ts_nanos = "
                     + Long.MAX_VALUE + "), count(*) FILTER (WHERE ts_nanos = 0) FROM read_parquet('"
                     + out.toString().replace("'", "''") + "')")) {
                assertTrue(counts.next());
                assertEquals(stored, counts.getLong(1), scan + ": rows DuckDB reads");
                assertEquals(model.eventsAt(Long.MAX_VALUE), counts.getLong(2), scan + ": rows at Long.MAX_VALUE");
                assertEquals(model.eventsAt(0), counts.getLong(3), scan + ": rows at 0");
            }
        }
    }

    private static String row(final Event e) {
        final int t = e.type().code();
        return String.join("|", e.deviceKey(), Long.toString(e.timestampNs()), ExportRow.typeName(e.type()),
            t <= 3 ? Double.toString(e.xPixels()) : "", t <= 3 ? Double.toString(e.yPixels()) : "",
            t == 1 || t == 2 ? Integer.toString(e.buttons()) : "", t == 0 ? Integer.toString(e.buttons()) : "",
            t == EventType.WHEEL.code() ? Integer.toString(e.wheelDx()) : "",
            t == EventType.WHEEL.code() ? Integer.toString(e.wheelDy()) : "",
            t >= 4 ? Integer.toString(e.key()) : "", t >= 4 ? Integer.toString(e.modifiers()) : "");
    }
}
