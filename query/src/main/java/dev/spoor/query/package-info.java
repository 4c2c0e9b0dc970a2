/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Reading a journal for batch jobs. A {@link dev.spoor.query.Scan} names devices, a time range, types and
 * fields; a {@link dev.spoor.query.Scanner} runs it with the index choosing the blocks and delivers each
 * device's events in timestamp order (overlapping blocks merged), or all devices merged into one
 * time-ordered stream, through a zero-allocation callback ({@link dev.spoor.query.EventView}), primitive
 * columns ({@link dev.spoor.query.ColumnBatch}) or a {@code Stream} of {@link dev.spoor.query.Event}
 * records, on one thread or several. {@link dev.spoor.query.ScanStats} counts what was considered, read,
 * decoded and returned, and which damaged blocks were skipped. {@link dev.spoor.query.ActivityReport}
 * builds sessions and per-bucket aggregates; {@link dev.spoor.query.Exporter} writes CSV or JSONL with a
 * {@link dev.spoor.query.LineageManifest} beside the file (Parquet lives in {@code spoor-parquet}).
 */
package dev.spoor.query;
