/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.query.export.ExportRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every CSV the {@code spoor} command prints goes through one RFC 4180 writer: a device key holding a comma,
 * a double quote, a CR and an LF comes back whole from {@code scan}, {@code sessions} and {@code export},
 * read by Commons CSV's own parser, with every row as wide as the header.
 */
class CsvOutputsTest {
    private static final String AWKWARD = "desk \"7\", row\r\nB\nC\r";
    private static final String PLAIN = "ws-01";

    @TempDir
    static Path dir;

    static Path journal;

    @BeforeAll
    static void write() {
        journal = dir.resolve("journal");
        try (Journal j = Journal.open(journal, new JournalConfig()); JournalWriter writer = j.newWriter()) {
            for (final String key : List.of(AWKWARD, PLAIN)) {
                final long device = j.devices().register(key);
                writer.move(device, 1_000_000_000L, 10, 20, 0);
                writer.move(device, 2_000_000_000L, 13, 24, 0);
                writer.buttonDown(device, 3_000_000_000L, 13, 24, 1);
                writer.keyDown(device, 4_000_000_000L, 65, 0);
            }
        }
    }

    @Test
    void scanCsvKeepsAnAwkwardKeyInOneFieldAndIngestsBack() throws Exception {
        final Cli scan = Cli.run("scan", "--journal", journal.toString());
        assertEquals(0, scan.exitCode, scan.toString());
        assertEvents(parse(scan.out, ExportRow.COLUMNS.length), scan.out);
        final Path file = dir.resolve("scan.csv");
        assertEquals(0, Cli.run("scan", "--journal", journal.toString(), "--out", file.toString()).exitCode);
        assertEquals(scan.out, Files.readString(file, StandardCharsets.UTF_8));
        final Path copy = dir.resolve("copy");
        final Cli ingest = Cli.run("ingest", "--journal", copy.toString(), "--format", "csv", file.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("rejected 0 lines"), ingest.out);
        assertEquals(scan.out, Cli.run("scan", "--journal", copy.toString()).out, "scan, ingest, scan again");
    }

    @Test
    void exportCsvKeepsAnAwkwardKeyInOneField() throws Exception {
        final Path file = dir.resolve("x.csv");
        final Cli export = Cli.run("export", "--journal", journal.toString(), "--out", file.toString());
        assertEquals(0, export.exitCode, export.toString());
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        assertEvents(parse(text, ExportRow.COLUMNS.length), text);
    }

    @Test
    void sessionsCsvKeepsAnAwkwardKeyInOneFieldWhateverTheLocale() throws Exception {
        final Locale before = Locale.getDefault();
        try {
            for (final Locale locale : List.of(Locale.ROOT, Locale.GERMANY)) {
                Locale.setDefault(locale);
                final Cli sessions = Cli.run("sessions", "--journal", journal.toString(), "--format", "csv");
                assertEquals(0, sessions.exitCode, sessions.toString());
                final List<CSVRecord> rows = parse(sessions.out, SessionsCommand.COLUMNS.length);
                assertEquals(List.of(SessionsCommand.COLUMNS), rows.get(0).toList(), sessions.out);
                assertEquals(List.of(AWKWARD, PLAIN), List.of(rows.get(1).get(0), rows.get(2).get(0)), sessions.out);
                for (final CSVRecord row : rows.subList(1, rows.size())) {
                    assertEquals("3.000", row.get(3), locale + ": duration_s with a decimal point");
                    assertEquals("4", row.get(5), locale + ": events");
                    assertEquals("5.0", row.get(10), locale + ": path_px");
                }
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    /** All records, each checked to have exactly {@code columns} fields. */
    private static List<CSVRecord> parse(final String text, final int columns) throws IOException {
        final List<CSVRecord> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
            for (final CSVRecord row : parser) {
                assertEquals(columns, row.size(), "record " + row.getRecordNumber() + " " + row.toList() + " in\n"
                    + text);
                rows.add(row);
            }
        }
        return rows;
    }

    private static void assertEvents(final List<CSVRecord> rows, final String text) {
        assertEquals(List.of(ExportRow.COLUMNS), rows.get(0).toList(), text);
        assertEquals(9, rows.size(), text);
        for (final String key : List.of(AWKWARD, PLAIN)) {
            final List<CSVRecord> mine = rows.stream().filter(r -> key.equals(r.get(0))).toList();
            assertEquals(4, mine.size(), key + " in\n" + text);
            assertEquals(List.of(key, "2000000000", "move", "13", "24", "", "", "", "", "", ""), mine.get(1).toList());
        }
    }
}
