/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.parquet;

import dev.spoor.core.EdgeTimeJournal;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.query.export.ExportPart;
import dev.spoor.query.export.ExportRow;
import dev.spoor.query.export.Exporter;
import dev.spoor.query.export.LineageManifest;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A partitioned export read back by DuckDB's {@code hive_partitioning}: rows per partition as the journal's own
 * scan counts them, every file in time order and listed in the manifest with its rows and hash, an awkward key
 * back unchanged, an erased device nowhere, and nothing that looks complete after a failure.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PartitionedParquetExportTest {
    static final String AWKWARD = "a/b=c%d é";
    static final String ERASED = "gone";
    static final List<String> KEYS = List.of("ws-1", "ws-2", AWKWARD, ERASED);
    /** 2026-01-05T00:00Z. */
    static final long DAY0_NS = 1_767_571_200_000_000_000L;
    static final long DAY_NS = 86_400_000_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"device,date", "date,device", "device", "date"})
    void duckDbReadsTheSameCountsPerPartitionAsTheJournalScans(final String by) throws Exception {
        final Path journalDir = writeJournal(dir.resolve("journal"), 42);
        final List<PartitionColumn> columns = PartitionColumn.parseList(by);
        final Path out = dir.resolve("out");
        final Map<String, Long> expected;
        final PartitionedExportResult result;
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            expected = countsByPartition(journal, columns);
            result = new PartitionedParquetExporter(journal).maxRowsPerFile(700)
                .export(PartitionedParquetExporter.order(Scan.builder(), columns).build(), columns, out, rows -> { });
        }
        assertFalse(Files.exists(dir.resolve("out.partial")));
        assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), result.rows());
        assertTrue(result.parts().size() > expected.size(), "some partitions take several part files");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            final Map<String, Long> read = new TreeMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT " + concat(columns) + ", count(*) FROM read_parquet("
                + quote(out + "/**/*.parquet") + ", " + hive(columns) + ") GROUP BY ALL")) {
                while (rows.next()) {
                    read.put(rows.getString(1), rows.getLong(2));
                }
            }
            assertEquals(new TreeMap<>(expected), read, "rows per partition (" + by + ")");
            if (columns.contains(PartitionColumn.DEVICE)) {
                assertTrue(read.keySet().stream().anyMatch(k -> k.contains(AWKWARD)), read.keySet().toString());
                try (Stream<Path> all = Files.walk(out)) {
                    assertTrue(all.anyMatch(p -> p.getFileName().toString().equals("device=a%2Fb%3Dc%25d é")
                        && Files.isDirectory(p)), "the awkward key's directory, escaped as Hive does");
                }
            }
            assertFalse(read.keySet().stream().anyMatch(k -> k.contains(ERASED)), "erased device exported");
            checkFiles(sql, out, result, columns);
        }
        final String manifest = Files.readString(out.resolve(LineageManifest.DIRECTORY_MANIFEST));
        assertTrue(manifest.contains("\"layout\" : \"hive\""), manifest);
        assertTrue(manifest.contains(String.format("%016x", hash(journalDir, ERASED))),
            "the manifest names the erased device: " + manifest);
    }

    @Test
    void eachDayOfTheEdgesOfTimeIsInTimeOrder() throws Exception {
        final Path journalDir = dir.resolve("edges");
        EdgeTimeJournal.write(journalDir);
        final List<PartitionColumn> columns = PartitionColumn.parseList("device,date");
        final PartitionedExportResult result;
        final Map<String, Long> expected;
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            expected = countsByPartition(journal, columns);
            result = new PartitionedParquetExporter(journal).export(
                PartitionedParquetExporter.order(Scan.builder(), columns).build(), columns, dir.resolve("out"),
                rows -> { });
        }
        assertTrue(expected.containsKey("edge-d|1970-01-01") && expected.containsKey("edge-d|2262-04-11"),
            expected.toString());
        assertEquals(expected.size(), result.parts().size());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            checkFiles(sql, dir.resolve("out"), result, columns);
        }
    }

    @Test
    void refusesADirectoryThatIsNotEmptyAndChangesNothing() throws Exception {
        final Path journalDir = writeJournal(dir.resolve("journal"), 7);
        final Path out = Files.createDirectory(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        final List<PartitionColumn> columns = PartitionColumn.parseList("device");
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PartitionedParquetExporter(journal).export(
                    PartitionedParquetExporter.order(Scan.builder(), columns).build(), columns, out, rows -> { }));
            assertTrue(e.getMessage().contains("not empty"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new PartitionedParquetExporter(journal)
                .export(Scan.builder().merged(true).build(), columns, dir.resolve("other"), rows -> { }),
                "partitioning by device needs a device-by-device scan");
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), files.collect(Collectors.toList()));
        }
        assertFalse(Files.exists(dir.resolve("out.partial")));
    }

    @Test
    void aFailedExportLeavesNothingThatLooksComplete() throws Exception {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(journalDir, new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            writer.move(journal.devices().register("aaa-first"), DAY0_NS, 1, 2, 0);
            // Its directory name would pass 255 bytes: the export fails after writing the first device.
            writer.move(journal.devices().register("z".repeat(300)), DAY0_NS, 1, 2, 0);
        }
        final List<PartitionColumn> columns = PartitionColumn.parseList("device,date");
        final Path out = dir.resolve("out");
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PartitionedParquetExporter(journal).export(
                    PartitionedParquetExporter.order(Scan.builder(), columns).build(), columns, out, rows -> { }));
            assertTrue(e.getMessage().contains("255"), e.getMessage());
        }
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("out.partial")));
    }

    @Test
    void aPseudonymousJournalsDevicesArePartitionedAsTheExportsWriteThem() throws Exception {
        final Path keyFile = dir.resolve("pseudonym.key");
        final Path journalDir = dir.resolve("pseudonymous");
        try (Journal journal = Journal.open(journalDir, new JournalConfig().pseudonymKeyFile(keyFile));
             JournalWriter writer = journal.newWriter()) {
            final long alice = journal.devices().register("alice");
            final long bob = journal.devices().register("bob");
            for (int i = 0; i < 10; i++) {
                writer.move(alice, DAY0_NS + i, i, i, 0);
                writer.move(bob, DAY0_NS + DAY_NS + i, i, i, 0);
            }
        }
        final List<PartitionColumn> columns = PartitionColumn.parseList("device");
        for (final Path key : new Path[] {null, keyFile}) {
            final Path out = dir.resolve("out-" + (key == null ? "without-key" : "with-key"));
            final Set<String> expected = new HashSet<>();
            try (Journal journal = key == null ? Journal.openReadOnly(journalDir)
                : Journal.openReadOnly(journalDir, key); Scanner scanner = new Scanner(journal)) {
                scanner.scan(Scan.builder().build(), e -> expected.add("device=" + HivePaths.escape(
                    ExportRow.deviceColumn(e))));
                new PartitionedParquetExporter(journal).export(PartitionedParquetExporter.order(Scan.builder(),
                    columns).build(), columns, out, rows -> { });
            }
            try (Stream<Path> found = Files.list(out)) {
                final Set<String> names = found.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toSet());
                assertEquals(expected, names, "key file " + key);
                assertEquals(2, names.size());
            }
        }
    }

    @Test
    void hivePathsEscapeWhatHiveEscapesAndReadBack() {
        assertEquals("a%2Fb%3Dc%25d é", HivePaths.escape(AWKWARD));
        assertEquals("%01%1F%7F%22%23%27%2A%3A%3F%5C%7B%5B%5D%5E x+y.-_~}", HivePaths.escape(
            "\u0001\u001f\u007f\"#'*:?\\{[]^ x+y.-_~}"));
        for (final String value : List.of(AWKWARD, "%41", "100%", "%%2", "\u0001\u001f\u007f\"#'*:?\\{[]^ x+y.-_~}")) {
            assertEquals(value, HivePaths.unescape(HivePaths.escape(value)));
        }
        assertThrows(IllegalArgumentException.class, () -> HivePaths.escape(""));
        assertThrows(IllegalArgumentException.class, () -> HivePaths.segment("device", "é".repeat(130)));
    }

    /** Several devices over four UTC days, appended partly out of time order, with repeated timestamps. */
    static Path writeJournal(final Path journalDir, final long seed) {
        final Random random = new Random(seed);
        try (Journal journal = Journal.open(journalDir, new JournalConfig().blockEvents(256));
             JournalWriter writer = journal.newWriter()) {
            final long[] ids = new long[KEYS.size()];
            for (int d = 0; d < ids.length; d++) {
                ids[d] = journal.devices().register(KEYS.get(d));
            }
            for (int chunk = 0; chunk < 300; chunk++) {
                for (int d = 0; d < ids.length; d++) {
                    // ten events per chunk and device, ~17 min apart, in a shuffled order; midnight exactly at times
                    final List<Long> times = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        final long t = DAY0_NS - DAY_NS / 4 + (chunk * 10L + i) * 100_000_000_000L
                            + (i == 3 ? 0 : d * 1_000_000L);
                        times.add(i == 4 ? times.get(3) : t);
                    }
                    Collections.shuffle(times, random);
                    for (final long t : times) {
                        if (random.nextInt(10) == 0) {
                            writer.keyDown(ids[d], t, 65, 0);
                        } else {
                            writer.move(ids[d], t, random.nextInt(1920), random.nextInt(1080), 0);
                        }
                    }
                }
            }
            writer.move(ids[0], DAY0_NS + DAY_NS, 5, 5, 0);
            writer.move(ids[0], DAY0_NS + DAY_NS - 1, 5, 5, 0);
            writer.flush();
            journal.governance().erase(ERASED);
        }
        return journalDir;
    }

    /** The journal's own view: a plain scan counted by partition key (values joined by '|', path order). */
    static Map<String, Long> countsByPartition(final Journal journal, final List<PartitionColumn> columns) {
        final Map<String, Long> counts = new TreeMap<>();
        try (Scanner scanner = new Scanner(journal)) {
            scanner.scan(Scan.builder().build(), e -> {
                final List<String> values = new ArrayList<>();
                for (final PartitionColumn column : columns) {
                    values.add(column == PartitionColumn.DEVICE ? ExportRow.deviceColumn(e)
                        : LocalDate.ofInstant(Instant.EPOCH.plusNanos(e.timestampNs()), ZoneOffset.UTC).toString());
                }
                counts.merge(String.join("|", values), 1L, Long::sum);
            });
        }
        return counts;
    }

    /** Every file listed with its rows and hash, none unlisted, each in time order and after its partition's last. */
    static void checkFiles(final Statement sql, final Path out, final PartitionedExportResult result,
        final List<PartitionColumn> columns) throws Exception {
        final Set<String> onDisk;
        try (Stream<Path> files = Files.walk(out)) {
            onDisk = files.filter(Files::isRegularFile).map(f -> out.relativize(f).toString())
                .collect(Collectors.toCollection(HashSet::new));
        }
        assertTrue(onDisk.remove(LineageManifest.DIRECTORY_MANIFEST), onDisk.toString());
        assertEquals(onDisk, result.parts().stream().map(ExportPart::path).collect(Collectors.toSet()));
        final Map<String, Long> listed = new TreeMap<>();
        try (ResultSet rows = sql.executeQuery("SELECT f.path, f.rows, f.sha256 FROM (SELECT unnest(files) AS f FROM "
            + "read_json(" + quote(out.resolve(LineageManifest.DIRECTORY_MANIFEST).toString()) + "))")) {
            while (rows.next()) {
                listed.put(rows.getString(1), rows.getLong(2));
                assertEquals(Exporter.sha256Of(out.resolve(rows.getString(1))), rows.getString(3), rows.getString(1));
            }
        }
        assertEquals(onDisk, listed.keySet(), "the manifest lists every file");
        final Map<Map<String, String>, Long> lastOfPartition = new HashMap<>();
        for (final ExportPart part : result.parts()) {
            final List<Long> times = times(sql, out.resolve(part.path()));
            assertEquals(listed.get(part.path()), (long)times.size(), part.path());
            assertEquals(part.rows(), times.size(), part.path());
            final Long last = lastOfPartition.get(part.partition());
            assertTrue(last == null || last <= times.get(0), part.path() + " starts before the part before it ended");
            for (int i = 1; i < times.size(); i++) {
                assertTrue(times.get(i - 1) <= times.get(i), part.path() + " row " + i + " goes back in time");
            }
            lastOfPartition.put(part.partition(), times.get(times.size() - 1));
        }
        final String oneFile = quote(out.resolve(result.parts().get(0).path()).toString());
        try (ResultSet names = sql.executeQuery("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet("
            + oneFile + ", hive_partitioning = false))")) {
            final List<String> found = new ArrayList<>();
            while (names.next()) {
                found.add(names.getString(1));
            }
            assertEquals(!columns.contains(PartitionColumn.DEVICE), found.contains("device"), found.toString());
            assertFalse(found.contains("date"), found.toString());
        }
    }

    private static List<Long> times(final Statement sql, final Path file) throws SQLException {
        final List<Long> times = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT ts_nanos FROM read_parquet(" + quote(file.toString())
            + ", file_row_number = true, hive_partitioning = false) ORDER BY file_row_number")) {
            while (rows.next()) {
                times.add(rows.getLong(1));
            }
        }
        return times;
    }

    /**
     * DuckDB's options: types given, since autocast would read a device column of digits only as a number and drop
     * its leading zeros.
     */
    static String hive(final List<PartitionColumn> columns) {
        return "hive_partitioning = true, hive_types = {" + columns.stream().map(c -> "'" + c.columnName() + "': "
            + (c == PartitionColumn.DEVICE ? "VARCHAR" : "DATE")).collect(Collectors.joining(", ")) + "}";
    }

    private static String concat(final List<PartitionColumn> columns) {
        return columns.stream().map(c -> "CAST(" + c.columnName() + " AS VARCHAR)").collect(Collectors.joining(
            " || '|' || "));
    }

    private static long hash(final Path journalDir, final String key) {
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            return journal.devices().lookup(key);
        }
    }

    static String quote(final String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
