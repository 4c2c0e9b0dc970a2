/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.export;

/** Text formats {@link Exporter} writes. Both carry the columns of {@link ExportRow#COLUMNS}. */
public enum ExportFormat {
    /** RFC 4180 CSV with a header row; empty where a field does not apply. */
    CSV,
    /** One JSON object per line; null where a field does not apply. */
    JSONL
}
