/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.export;

import dev.spoor.query.scan.ScanStats;

import java.nio.file.Path;

/**
 * What an export wrote.
 *
 * @param file     the data file.
 * @param manifest its lineage manifest.
 * @param rows     rows written.
 * @param sha256   the file's SHA-256, hex.
 * @param stats    what the scan did.
 */
public record ExportResult(Path file, Path manifest, long rows, String sha256, ScanStats stats) {
}
