/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.parquet.ParquetExporter;
import dev.spoor.parquet.PartitionColumn;
import dev.spoor.parquet.PartitionedExportResult;
import dev.spoor.parquet.PartitionedParquetExporter;
import dev.spoor.query.export.ExportFormat;
import dev.spoor.query.export.ExportResult;
import dev.spoor.query.export.Exporter;
import dev.spoor.query.scan.Scan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code spoor export}: a file (Parquet, CSV or JSONL by extension) and its lineage manifest, or with
 * {@code --partition-by} a Hive-style directory of Parquet files and one manifest.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export events to FILE.parquet (zstd), FILE.csv or FILE.jsonl, with FILE.manifest.json beside it.",
        "With --partition-by, to a new directory of Parquet files in Hive's layout,"
            + " DIR/device=KEY/date=YYYY-MM-DD/part-NNNNN.parquet (rows in time order; date is the UTC day of"
            + " each event; values escaped as Hive does), with DIR/_manifest.json listing every file;"
            + " DuckDB: read_parquet('DIR/**/*.parquet', hive_partitioning = true)."})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Mixin
    ScanFilters filters;

    @Option(names = "--out", required = true, paramLabel = "FILE|DIR",
        description = "FILE.parquet, FILE.csv or FILE.jsonl; with --partition-by a directory that does not exist or"
            + " is empty")
    Path out;

    @Option(names = "--partition-by", paramLabel = "COLUMNS",
        description = "device and/or date, comma-separated, one directory level each in the order given"
            + " (date: the UTC day of the event's timestamp); the partition columns are in the paths, not the files")
    String partitionBy;

    @Option(names = "--max-rows-per-file", paramLabel = "N",
        description = "with --partition-by: rows per part file before a partition gets another (default: "
            + PartitionedParquetExporter.DEFAULT_MAX_ROWS_PER_FILE + ")")
    long maxRowsPerFile = PartitionedParquetExporter.DEFAULT_MAX_ROWS_PER_FILE;

    @Override
    public Integer call() {
        if (partitionBy != null) {
            return partitioned();
        }
        if (maxRowsPerFile != PartitionedParquetExporter.DEFAULT_MAX_ROWS_PER_FILE) {
            throw new IllegalArgumentException("--max-rows-per-file: only with --partition-by (one file is one file)");
        }
        final String name = out.getFileName().toString();
        final Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException("--out: folder " + parent + " does not exist");
        }
        final ExportResult result;
        final boolean isReplacing = Files.exists(out);
        try (Journal j = journal.openReadOnly()) {
            KnownDevices.check(j, filters.range.devices);
            filters.damage.warnOfDamagedCycles(cli, j);
            final Scan scan = filters.builder().build();
            result = export(j, scan, name);
        }
        DamageOption.warnOfSkippedBlocks(cli, result.stats());
        cli.out.println("exported " + result.rows() + " events (" + filters.describeDevices() + ") to " + out
            + (isReplacing ? " (replacing the file there, and its manifest)" : ""));
        cli.out.println("manifest " + result.manifest() + "  sha256 " + result.sha256());
        return 0;
    }

    private ExportResult export(final Journal j, final Scan scan, final String name) {
        final ExportResult result;
        try (Progress progress = Progress.forScan(cli, "export", j, scan)) {
            if (name.endsWith(".parquet")) {
                result = new ParquetExporter(j).export(scan, out, progress::stepTo);
            } else if (name.endsWith(".csv")) {
                result = new Exporter(j).export(scan, out, ExportFormat.CSV, progress::stepTo);
            } else if (name.endsWith(".jsonl")) {
                result = new Exporter(j).export(scan, out, ExportFormat.JSONL, progress::stepTo);
            } else {
                throw new IllegalArgumentException("--out: '" + name + "' must end in .parquet, .csv or .jsonl");
            }
            progress.finish(result.rows());
        }
        return result;
    }

    private Integer partitioned() {
        final List<PartitionColumn> columns;
        try {
            columns = PartitionColumn.parseList(partitionBy);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("--partition-by: " + e.getMessage(), e);
        }
        final String name = out.getFileName().toString();
        if (name.endsWith(".csv") || name.endsWith(".jsonl")) {
            throw new IllegalArgumentException("--out: a partitioned export is a directory of Parquet files, not '"
                + name + "'");
        }
        if (maxRowsPerFile < 1) {
            throw new IllegalArgumentException("--max-rows-per-file: " + maxRowsPerFile + " is not a positive number");
        }
        final Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException("--out: folder " + parent + " does not exist");
        }
        if (Files.exists(out) && !isEmptyDirectory(out)) {
            throw new CliException("--out: " + out + (Files.isDirectory(out) ? " is not empty" : " is a file")
                + "; a partitioned export writes a new directory (remove it or choose another)");
        }
        final PartitionedExportResult result;
        try (Journal j = journal.openReadOnly()) {
            KnownDevices.check(j, filters.range.devices);
            filters.damage.warnOfDamagedCycles(cli, j);
            final Scan scan = PartitionedParquetExporter.order(filters.builder(), columns).build();
            try (Progress progress = Progress.forScan(cli, "export", j, scan)) {
                result = new PartitionedParquetExporter(j).maxRowsPerFile(maxRowsPerFile)
                    .export(scan, columns, out, progress::stepTo);
                progress.finish(result.rows());
            }
        }
        DamageOption.warnOfSkippedBlocks(cli, result.stats());
        cli.out.println("exported " + result.rows() + " events (" + filters.describeDevices() + ") to "
            + result.parts().size() + " files under " + out + ", partitioned by " + partitionBy);
        cli.out.println("manifest " + result.manifest());
        return 0;
    }

    private static boolean isEmptyDirectory(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }
}
