/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Spark reading Spoor journals against Spark reading the same events as Parquet+zstd, in one SparkSession
 * ({@link dev.spoor.bench.spark.SparkVsParquetReport}, run by {@code bench/spark-compare}). A module apart from
 * {@code bench/} so the shaded JMH jar never carries Spark.
 */
package dev.spoor.bench.spark;
