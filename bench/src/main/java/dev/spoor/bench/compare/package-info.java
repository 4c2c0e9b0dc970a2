/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Spoor side by side with QuestDB, Parquet+zstd and raw Chronicle Queue on the same events in one run
 * ({@link dev.spoor.bench.compare.Compare}, run by {@code bench/compare}); results in {@code bench/RESULTS.md}.
 */
package dev.spoor.bench.compare;
