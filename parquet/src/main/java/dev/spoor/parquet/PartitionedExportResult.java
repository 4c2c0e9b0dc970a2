/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.parquet;

import dev.spoor.query.export.ExportPart;
import dev.spoor.query.scan.ScanStats;

import java.nio.file.Path;
import java.util.List;

/**
 * What a partitioned export wrote.
 *
 * @param directory the export's directory.
 * @param manifest  its lineage manifest, inside it.
 * @param rows      rows written, in all files.
 * @param parts     every data file, in the order written.
 * @param stats     what the scan did.
 */
public record PartitionedExportResult(Path directory, Path manifest, long rows, List<ExportPart> parts,
    ScanStats stats) {
    /**
     * @param directory directory.
     * @param manifest  manifest.
     * @param rows      rows.
     * @param parts     files, copied.
     * @param stats     stats.
     */
    public PartitionedExportResult {
        parts = List.copyOf(parts);
    }
}
