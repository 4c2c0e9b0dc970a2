/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.parquet.ParquetExporter;
import dev.spoor.query.export.ExportFormat;
import dev.spoor.query.export.ExportResult;
import dev.spoor.query.export.Exporter;
import dev.spoor.query.scan.Scan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code spoor export}: a file (Parquet, CSV or JSONL by extension) and its lineage manifest. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export events to FILE.parquet (zstd), FILE.csv or FILE.jsonl, with FILE.manifest.json beside it.")
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Mixin
    ScanFilters filters;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.parquet, FILE.csv or FILE.jsonl")
    Path out;

    @Override
    public Integer call() {
        final String name = out.getFileName().toString();
        final Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException("--out: folder " + parent + " does not exist");
        }
        final ExportResult result;
        try (Journal j = journal.openReadOnly(); Progress progress = Progress.start(cli, "export", -1, "rows")) {
            final Scan scan = filters.builder().build();
            if (name.endsWith(".parquet")) {
                result = new ParquetExporter(j).export(scan, out, progress::stepTo);
            } else if (name.endsWith(".csv")) {
                result = new Exporter(j).export(scan, out, ExportFormat.CSV, progress::stepTo);
            } else if (name.endsWith(".jsonl")) {
                result = new Exporter(j).export(scan, out, ExportFormat.JSONL, progress::stepTo);
            } else {
                throw new CliException("--out: '" + name + "' must end in .parquet, .csv or .jsonl");
            }
        }
        cli.out.println("exported " + result.rows() + " events (" + filters.describeDevices() + ") to " + out);
        cli.out.println("manifest " + result.manifest() + "  sha256 " + result.sha256());
        return 0;
    }
}
