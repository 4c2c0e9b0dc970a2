/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One data file of a partitioned export, as its manifest lists it.
 *
 * @param path      relative to the export's directory, '/'-separated, partition values escaped as in the
 *                  directory names ({@code device=a%2Fb/date=2026-01-05/part-00000.parquet}).
 * @param partition the partition columns and their values as written in the rows' terms (unescaped), in path
 *                  order.
 * @param rows      rows in the file.
 * @param sha256    the file's SHA-256, hex.
 */
public record ExportPart(String path, Map<String, String> partition, long rows, String sha256) {
    /**
     * @param path      relative path.
     * @param partition partition values, copied.
     * @param rows      rows.
     * @param sha256    hash.
     */
    public ExportPart {
        partition = Collections.unmodifiableMap(new LinkedHashMap<>(partition));
    }
}
