/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spoor export --partition-by}: the directory DuckDB's {@code hive_partitioning} reads back with the rows
 * {@code spoor scan} counts per device and UTC day (an awkward key unchanged, an erased device absent), one
 * manifest, and clear refusals of a taken {@code --out} and of bad columns.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExportPartitionedCommandTest {
    private static final String AWKWARD = "a/b=c%d é";
    /** 2026-01-05T00:00Z. */
    private static final long DAY0_NS = 1_767_571_200_000_000_000L;
    private static final long HOUR_NS = 3_600_000_000_000L;

    @TempDir
    Path dir;

    Path journal;
    Map<String, Long> expected = new TreeMap<>();

    @BeforeEach
    void writeJournal() {
        journal = dir.resolve("j");
        try (Journal j = Journal.open(journal, new JournalConfig().blockEvents(64));
             JournalWriter writer = j.newWriter()) {
            final List<String> keys = List.of("ws-1", AWKWARD, "0042", "gone");
            for (int d = 0; d < keys.size(); d++) {
                final long id = j.devices().register(keys.get(d));
                // every 37 minutes over three days, starting 5 h before midnight; device d from its own offset
                final long step = 37 * 60_000_000_000L;
                for (long t = DAY0_NS - 5 * HOUR_NS + d * 1_000L; t < DAY0_NS + 67 * HOUR_NS; t += step) {
                    writer.move(id, t, 10 + d, 20, 0);
                    if (!keys.get(d).equals("gone")) {
                        expected.merge(keys.get(d) + "|" + day(t), 1L, Long::sum);
                    }
                }
            }
            writer.flush();
            j.governance().erase("gone");
        }
    }

    @Test
    void duckDbReadsTheScannedCountsPerDeviceAndDay() throws Exception {
        final Path out = dir.resolve("out");
        final Cli export = Cli.onTerminal("export", "--journal", journal.toString(), "--partition-by", "device,date",
            "--out", out.toString(), "--max-rows-per-file", "20");
        assertEquals(0, export.exitCode, export.toString());
        final long total = expected.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(export.out.startsWith("exported " + total + " events (all devices) to "), export.out);
        assertTrue(Files.isRegularFile(out.resolve("_manifest.json")), export.out);
        assertTrue(Files.isDirectory(out.resolve("device=a%2Fb%3Dc%25d é/date=2026-01-06")));
        assertEquals(expected, scannedCounts(), "the test's own model against spoor scan");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT device || '|' || CAST(date AS VARCHAR), count(*) FROM "
                 + "read_parquet('" + out.toString().replace("'", "''") + "/**/*.parquet', hive_partitioning = true,"
                 + " hive_types = {'device': VARCHAR, 'date': DATE}) GROUP BY ALL")) {
            final Map<String, Long> read = new TreeMap<>();
            while (rows.next()) {
                read.put(rows.getString(1), rows.getLong(2));
            }
            assertEquals(expected, read);
        }
        final String manifest = Files.readString(out.resolve("_manifest.json"));
        try (Stream<Path> files = Files.walk(out)) {
            final List<String> parts = files.filter(f -> f.toString().endsWith(".parquet"))
                .map(f -> out.relativize(f).toString()).collect(Collectors.toList());
            assertTrue(parts.size() > expected.size(), "several parts in the partitions over 20 rows: " + parts);
            parts.forEach(part -> assertTrue(manifest.contains("\"path\" : \"" + part.replace("\\", "\\\\") + "\""),
                part + " in " + manifest));
        }
        assertTrue(Cli.run("audit", "--journal", journal.toString()).out.contains("partitioned under"));
    }

    @Test
    void dateAloneKeepsEveryDeviceInOneTimeOrderedPartitionPerDay() throws Exception {
        final Path out = dir.resolve("by-day");
        final Cli export = Cli.run("export", "--journal", journal.toString(), "--partition-by", "date",
            "--out", out.toString(), "--device", "ws-1", "--device", AWKWARD);
        assertEquals(0, export.exitCode, export.toString());
        try (Stream<Path> days = Files.list(out)) {
            assertEquals(List.of("_manifest.json", "date=2026-01-04", "date=2026-01-05", "date=2026-01-06",
                "date=2026-01-07"), days.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*), count(DISTINCT device), bool_and(device <> 'gone')"
                 + " FROM read_parquet('" + out.toString().replace("'", "''") + "/date=2026-01-05/*.parquet')")) {
            assertTrue(rows.next());
            assertEquals(expected.get("ws-1|2026-01-05") + expected.get(AWKWARD + "|2026-01-05"), rows.getLong(1));
            assertEquals(2, rows.getLong(2), "the device column stays in the files when not a partition");
            assertTrue(rows.getBoolean(3));
        }
    }

    @Test
    void refusesATakenOutAndUnknownColumnsWithOneLine() throws Exception {
        final Path taken = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(taken.resolve("x"), "x");
        final Cli notEmpty = Cli.run("export", "--journal", journal.toString(), "--partition-by", "device",
            "--out", taken.toString());
        assertEquals(1, notEmpty.exitCode, notEmpty.toString());
        assertTrue(notEmpty.err.startsWith("spoor export: --out: ") && notEmpty.err.contains("is not empty"),
            notEmpty.err);
        final Cli badColumn = Cli.run("export", "--journal", journal.toString(), "--partition-by", "device,hour",
            "--out", dir.resolve("new").toString());
        assertEquals(2, badColumn.exitCode, badColumn.toString());
        assertTrue(badColumn.err.contains("--partition-by: 'hour' is not a partition column"), badColumn.err);
        final Cli csv = Cli.run("export", "--journal", journal.toString(), "--partition-by", "date",
            "--out", dir.resolve("new.csv").toString());
        assertEquals(2, csv.exitCode, csv.toString());
        assertFalse(Files.exists(dir.resolve("new")) || Files.exists(dir.resolve("new.csv")));
        final Path empty = Files.createDirectory(dir.resolve("empty"));
        final Cli intoEmpty = Cli.run("export", "--journal", journal.toString(), "--partition-by", "device",
            "--out", empty.toString());
        assertEquals(0, intoEmpty.exitCode, intoEmpty.toString());
        assertTrue(Files.isDirectory(empty.resolve("device=0042")));
    }

    private Map<String, Long> scannedCounts() {
        final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--format", "jsonl");
        assertEquals(0, scan.exitCode, scan.toString());
        final Map<String, Long> counts = new TreeMap<>();
        for (final String line : scan.out.split("\n")) {
            final String device = line.replaceFirst("^\\{\"device\":\"(.*?)\",.*$", "$1");
            final long ts = Long.parseLong(line.replaceFirst("^.*\"ts_nanos\":(\\d+),.*$", "$1"));
            counts.merge(device + "|" + day(ts), 1L, Long::sum);
        }
        return counts;
    }

    private static String day(final long timestampNs) {
        return LocalDate.ofInstant(Instant.EPOCH.plusNanos(timestampNs), ZoneOffset.UTC).toString();
    }
}
