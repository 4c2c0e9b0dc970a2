/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * JMH benchmarks ({@link dev.spoor.bench.CodecBenchmark}) and size reports
 * ({@link dev.spoor.bench.CodecSizeReport}) over the team's shared real recordings. Run them with
 * {@code bench/jmh}; never from unit tests.
 */
package dev.spoor.bench;
