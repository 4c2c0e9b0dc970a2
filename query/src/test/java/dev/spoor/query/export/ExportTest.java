/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.query.GeneratedJournal;
import dev.spoor.query.scan.Event;
import dev.spoor.query.scan.Scan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV and JSONL exports read back by independent parsers, row for row, and their lineage manifests. */
class ExportTest {
    @TempDir
    Path dir;

    @Test
    void csvAndJsonlHoldExactlyTheScannedRowsWithLineage() throws Exception {
        final Path journalDir = Files.createDirectory(dir.resolve("journal"));
        final GeneratedJournal model = GeneratedJournal.write(journalDir, 21, 5, 20_000,
            new JournalConfig().blockEvents(512));
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            final Event pivot = model.all.get(9_000);
            final Scan scan = Scan.builder().deviceKeys(pivot.deviceKey(), model.all.get(0).deviceKey())
                .from(pivot.timestampNs()).types(EventType.MOVE, EventType.BUTTON_DOWN, EventType.KEY_UP,
                    EventType.WHEEL).build();
            final List<String[]> expected = expectedRows(model.expected(scan));
            final Exporter exporter = new Exporter(journal);
            final ExportResult csv = exporter.export(scan, dir.resolve("out.csv"), ExportFormat.CSV, rows -> { });
            final List<String[]> csvRows = parseCsv(Files.readString(csv.file(), StandardCharsets.UTF_8));
            assertEquals(String.join(",", ExportRow.COLUMNS), String.join(",", csvRows.remove(0)));
            assertRows(expected, csvRows, "csv");
            checkManifest(journal, csv, expected, "csv");

            final ExportResult jsonl = exporter.export(scan, dir.resolve("out.jsonl"), ExportFormat.JSONL, r -> { });
            assertRows(expected, parseJsonl(jsonl.file()), "jsonl");
            checkManifest(journal, jsonl, expected, "jsonl");
        }
    }

    @Test
    void quotesDeviceKeysThatNeedItAndNamesKeylessDevicesById() throws Exception {
        final String awkward = "desk \"7\", row\nB";
        final Path journalDir = dir.resolve("j"); // the export goes beside it: never into a journal's folder
        try (Journal journal = Journal.open(journalDir, new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            writer.move(journal.devices().register(awkward), 1_000, 5, 6, 0);
            writer.keyDown(0x2aL, 2_000, 65, 1);
        }
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            final ExportResult csv = new Exporter(journal).export(Scan.builder().merged(true).build(),
                dir.resolve("k.csv"), ExportFormat.CSV, r -> { });
            final List<String[]> rows = parseCsv(Files.readString(csv.file()));
            assertEquals(List.of(awkward, "1000", "move", "5", "6", "", "", "", "", "", ""),
                Arrays.asList(rows.get(1)));
            assertEquals(List.of("000000000000002a", "2000", "key_down", "", "", "", "", "", "", "letter", "1"),
                Arrays.asList(rows.get(2)));
        }
    }

    @Test
    void buttonNamesRoundTripEveryMask() {
        assertEquals("left+right", ExportRow.buttonNames(3));
        assertEquals("", ExportRow.buttonNames(0));
        assertEquals("x1+b5+b31", ExportRow.buttonNames(8 | 32 | Integer.MIN_VALUE));
        final Random random = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            final int mask = random.nextInt();
            assertEquals(mask, ExportRow.parseButtonNames(ExportRow.buttonNames(mask)), "mask " + mask);
        }
        assertThrows(IllegalArgumentException.class, () -> ExportRow.parseButtonNames("left+thumb"));
    }

    @Test
    void aFailedExportLeavesNoFileBehind() throws Exception {
        GeneratedJournal.write(dir.resolve("j"), 3, 2, 100, new JournalConfig());
        try (Journal journal = Journal.openReadOnly(dir.resolve("j"))) {
            final Path out = dir.resolve("missing-folder").resolve("x.csv");
            assertThrows(UncheckedIOException.class,
                () -> new Exporter(journal).export(Scan.builder().build(), out, ExportFormat.CSV, r -> { }));
            assertFalse(Files.exists(out));
            assertThrows(IllegalArgumentException.class, () -> new Exporter(journal)
                .export(Scan.builder().threads(2).build(), dir.resolve("p.csv"), ExportFormat.CSV, r -> { }));
        }
    }

    @Test
    void anExportWhoseManifestCannotBeWrittenIsNotPutInPlace() throws Exception {
        GeneratedJournal.write(dir.resolve("j"), 3, 2, 100, new JournalConfig());
        try (Journal journal = Journal.openReadOnly(dir.resolve("j"))) {
            final Path out = dir.resolve("x.csv");
            // a folder, not empty, where the manifest goes: it cannot be moved into place
            Files.writeString(Files.createDirectories(dir.resolve("x.csv.manifest.json")).resolve("blocker"), "");
            assertThrows(UncheckedIOException.class,
                () -> new Exporter(journal).export(Scan.builder().build(), out, ExportFormat.CSV, r -> { }));
            assertFalse(Files.exists(out), "no export without its lineage");
            assertFalse(Files.exists(dir.resolve("x.csv.partial")));
        }
    }

    private static void checkManifest(final Journal journal, final ExportResult result, final List<String[]> rows,
        final String format) throws Exception {
        final Path manifest = result.file().resolveSibling(result.file().getFileName() + ".manifest.json");
        assertEquals(manifest, result.manifest());
        final Map<String, Object> fields = flatJson(manifest);
        final String sha = Exporter.hex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(result.file())));
        assertEquals(sha, fields.get("sha256"), format);
        assertEquals((long)rows.size(), fields.get("rows"), format);
        assertEquals(journal.journalId().toString(), fields.get("journal.id"));
        assertEquals(journal.directory().toAbsolutePath().toString(), fields.get("journal.path"));
        assertEquals(format, fields.get("format"));
        assertEquals((long)LineageManifest.VERSION, fields.get("manifest_version"));
        assertEquals(Arrays.toString(result.stats().queueIndexesRead()),
            fields.get("read.block_queue_indexes").toString());
        assertEquals(Arrays.toString(result.stats().cyclesRead()), fields.get("read.cycles").toString());
        for (final EventType type : EventType.values()) {
            final long count = rows.stream().filter(r -> r[2].equals(ExportRow.typeName(type))).count();
            assertEquals(count, fields.get("events_by_type." + ExportRow.typeName(type)), format + " " + type);
        }
        assertEquals("code", fields.get("privacy_policy.keystrokes"), "the journal's policy");
        assertEquals(1L, fields.get("privacy_policy.version"));
        assertEquals(List.of(1L), fields.get("read.policy_versions_of_blocks_read"));
        assertTrue(fields.containsKey("privacy_policy.summary") && fields.containsKey("exported_at")
            && fields.containsKey("spoor_version") && fields.containsKey("query.from_ns"), fields.toString());
        assertTrue(fields.get("spoor_version").toString().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"),
            "the build's version, filtered in: " + fields.get("spoor_version"));
    }

    /** Leaf values of a JSON document by dotted path; arrays of scalars as lists. */
    private static Map<String, Object> flatJson(final Path file) throws Exception {
        final Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            final List<String> path = new ArrayList<>();
            List<Object> array = null;
            String field = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case FIELD_NAME -> field = parser.currentName();
                    case START_OBJECT -> {
                        if (field != null) {
                            path.add(field);
                        }
                        field = null;
                    }
                    case END_OBJECT -> {
                        if (!path.isEmpty()) {
                            path.remove(path.size() - 1);
                        }
                    }
                    case START_ARRAY -> array = new ArrayList<>();
                    case END_ARRAY -> {
                        fields.put(String.join(".", append(path, field)), array);
                        array = null;
                    }
                    default -> {
                        final Object value = token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue()
                            : token == JsonToken.VALUE_NULL ? null : parser.getText();
                        if (array != null) {
                            array.add(value);
                        } else {
                            fields.put(String.join(".", append(path, field)), value);
                        }
                    }
                }
            }
        }
        return fields;
    }

    private static List<String> append(final List<String> path, final String field) {
        final List<String> full = new ArrayList<>(path);
        full.add(field);
        return full;
    }

    private static List<String[]> expectedRows(final Map<Long, List<Event>> events) {
        final List<String[]> rows = new ArrayList<>();
        events.values().forEach(list -> list.forEach(e -> {
            final int t = e.type().code();
            rows.add(new String[] {e.deviceKey(), Long.toString(e.timestampNs()), ExportRow.typeName(e.type()),
                t <= 3 ? SubPixel.toDecimal(e.x(), e.xFraction()) : "",
                t <= 3 ? SubPixel.toDecimal(e.y(), e.yFraction()) : "",
                t == 1 || t == 2 ? ExportRow.buttonNames(e.buttons()) : "",
                t == 0 ? ExportRow.buttonNames(e.buttons()) : "",
                t == 3 ? Integer.toString(e.wheelDx()) : "", t == 3 ? Integer.toString(e.wheelDy()) : "",
                t >= 4 ? Integer.toString(e.key()) : "", t >= 4 ? Integer.toString(e.modifiers()) : ""});
        }));
        return rows;
    }

    private static void assertRows(final List<String[]> expected, final List<String[]> actual, final String what) {
        final Map<String, List<String>> byDeviceExpected = new LinkedHashMap<>();
        final Map<String, List<String>> byDeviceActual = new LinkedHashMap<>();
        expected.forEach(r -> byDeviceExpected.computeIfAbsent(r[0], k -> new ArrayList<>()).add(String.join("|", r)));
        actual.forEach(r -> byDeviceActual.computeIfAbsent(r[0], k -> new ArrayList<>()).add(String.join("|", r)));
        assertEquals(byDeviceExpected, byDeviceActual, what);
        assertTrue(expected.size() > 100, "too few rows to mean anything: " + expected.size());
    }

    /** A plain RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
    static List<String[]> parseCsv(final String text) {
        final List<String[]> rows = new ArrayList<>();
        final List<String> row = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean isQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (isQuoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    isQuoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                isQuoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row.toArray(new String[0]));
                row.clear();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }

    private static List<String[]> parseJsonl(final Path file) throws Exception {
        final List<String[]> rows = new ArrayList<>();
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try (Reader reader = new StringReader(line);
                JsonParser parser = new JsonFactory().createParser(reader)) {
                final String[] row = new String[ExportRow.COLUMNS.length];
                int column = 0;
                for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                    if (t == JsonToken.FIELD_NAME) {
                        assertEquals(ExportRow.COLUMNS[column], parser.currentName());
                    } else if (t.isScalarValue()) {
                        row[column++] = t == JsonToken.VALUE_NULL ? "" : parser.getText();
                    }
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
