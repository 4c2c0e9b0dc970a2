/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.spark;

import dev.spoor.core.EventRows;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.parquet.ParquetExporter;
import dev.spoor.parquet.PartitionColumn;
import dev.spoor.parquet.PartitionedParquetExporter;
import dev.spoor.query.scan.Scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The same events three ways, under one folder:
 * <pre>
 * journals/collector-N/   one Spoor journal per collector (default settings); device d goes to collector d % N
 * plain/collector-N.parquet   each journal exported as `spoor export --out collector-N.parquet` does
 * by-device-date/device=../date=../part-*.parquet   each journal exported as
 *                         `spoor export --partition-by device,date` does, the exports' device folders side by side
 * </pre>
 * Both Parquet forms are written by the project's exporters (zstd, Parquet's default row groups) from the
 * journals, so the three hold the same rows.
 */
final class EventFiles {
    final Path journals;
    final Path plain;
    final Path byDeviceDate;

    private EventFiles(final Path root) {
        journals = root.resolve("journals");
        plain = root.resolve("plain");
        byDeviceDate = root.resolve("by-device-date");
    }

    /**
     * @param root       the folder (created; must not hold a previous run).
     * @param rows       the events.
     * @param devices    devices numbered 0..devices-1 in {@code rows}.
     * @param collectors journals to spread the devices over.
     * @return the paths.
     */
    static EventFiles write(final Path root, final EventRows rows, final int devices, final int collectors)
        throws IOException {
        final EventFiles files = new EventFiles(root);
        Files.createDirectories(files.journals);
        Files.createDirectories(files.plain);
        Files.createDirectories(files.byDeviceDate);
        final Path staging = Files.createDirectories(root.resolve("staging"));
        for (int c = 0; c < collectors; c++) {
            final Path journal = files.journals.resolve(collectorName(c));
            writeJournal(journal, rows, devices, collectors, c);
            try (Journal j = Journal.openReadOnly(journal)) {
                new ParquetExporter(j).export(Scan.builder().merged(true).build(),
                    files.plain.resolve(collectorName(c) + ".parquet"), done -> { });
                final List<PartitionColumn> by = List.of(PartitionColumn.DEVICE, PartitionColumn.DATE);
                final Path out = staging.resolve(collectorName(c));
                new PartitionedParquetExporter(j).export(PartitionedParquetExporter.order(Scan.builder(), by).build(),
                    by, out, done -> { });
                moveDeviceFolders(out, files.byDeviceDate);
            }
        }
        return files;
    }

    /**
     * @param root a folder {@link #write} filled.
     * @return its paths.
     */
    static EventFiles at(final Path root) {
        return new EventFiles(root);
    }

    /** @return the plain Parquet files (named, not globbed: Spark looks for a streaming sink's metadata in globs). */
    String[] plainFiles() throws IOException {
        try (Stream<Path> entries = Files.list(plain)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".parquet")).map(Path::toString).sorted()
                .toArray(String[]::new);
        }
    }

    static String collectorName(final int c) {
        return "collector-" + c;
    }

    private static void writeJournal(final Path dir, final EventRows rows, final int devices, final int collectors,
        final int c) {
        try (Journal j = Journal.open(dir, new JournalConfig()); JournalWriter writer = j.newWriter()) {
            final long[] ids = new long[devices];
            for (int d = c; d < devices; d += collectors) {
                ids[d] = j.devices().register(SyntheticEvents.key(d));
            }
            for (int i = 0, n = rows.size(); i < n; i++) {
                if (rows.device(i) % collectors == c) {
                    rows.appendTo(writer, ids, i);
                }
            }
        }
    }

    /** Each export's device folders go into one tree; its manifest stays behind in the staging folder. */
    private static void moveDeviceFolders(final Path export, final Path tree) throws IOException {
        try (Stream<Path> entries = Files.list(export)) {
            for (final Path entry : (Iterable<Path>)entries::iterator) {
                if (Files.isDirectory(entry)) {
                    Files.move(entry, tree.resolve(entry.getFileName().toString()));
                }
            }
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
