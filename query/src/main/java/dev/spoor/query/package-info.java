/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Reading a journal for batch jobs, in three parts:
 * <ul>
 *   <li>{@code scan}: a {@link dev.spoor.query.scan.Scan} names devices, a time range, types and fields; a
 *       {@link dev.spoor.query.scan.Scanner} runs it with the index choosing the blocks and delivers each
 *       device's events in timestamp order, or all devices merged into one time-ordered stream, through a
 *       zero-allocation callback, primitive column batches or a {@code Stream}, on one thread or several;</li>
 *   <li>{@code report}: sessions and per-bucket aggregates ({@link dev.spoor.query.report.ActivityReport});</li>
 *   <li>{@code export}: CSV and JSONL files with a lineage manifest beside each
 *       ({@link dev.spoor.query.export.Exporter}); Parquet lives in {@code spoor-parquet}.</li>
 * </ul>
 */
package dev.spoor.query;
