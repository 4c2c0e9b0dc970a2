/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the whole report at a tiny size, so the benchmark cannot rot unnoticed: its answers are checked inside. */
class SparkVsParquetReportTest {
    @Test
    void shouldAnswerAlikeOnEverySourceAndPrintTheTable(@TempDir final Path dir) throws Exception {
        final Options options = Options.parse(new String[] {"--events", "6000", "--devices", "12", "--journals", "2",
            "--queries", "2", "--warmups", "0", "--rounds", "1", "--dir", dir.resolve("data").toString()});
        final String markdown = SparkVsParquetReport.run(options);
        assertTrue(markdown.contains("| " + SparkVsParquetReport.COUNT + " | "), markdown);
        assertTrue(markdown.contains("| " + SparkVsParquetReport.GROUP_BY_TYPE + " | "), markdown);
        assertTrue(markdown.contains("| " + SparkVsParquetReport.HOUR + " | "), markdown);
        assertTrue(markdown.contains("6,000 synthetic events"), markdown);
    }
}
