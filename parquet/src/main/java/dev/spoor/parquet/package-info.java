/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Parquet export of scans ({@link dev.spoor.parquet.ParquetExporter}): zstd, typed columns, the same
 * lineage manifest as the text exports; and Hive-style directories partitioned by device and/or UTC day
 * ({@link dev.spoor.parquet.PartitionedParquetExporter}, {@link dev.spoor.parquet.HivePaths}) with one manifest
 * for the whole directory. The same export gives the same bytes, so the same hash in its manifest
 * ({@code ParquetFooters} sorts the encodings parquet-java lists in hash order). Kept apart so that collectors,
 * which embed only
 * {@code spoor-core}, never carry Parquet or Hadoop.
 */
package dev.spoor.parquet;
