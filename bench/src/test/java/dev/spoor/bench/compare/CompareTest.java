/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.compare;

import dev.spoor.core.ChildJvm;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The comparison end to end on a small synthetic set, in a child JVM (QuestDB logs to standard output):
 * every peer ingests, scans and answers queries with the counts the data gives (Compare stops otherwise),
 * and the table, JSON and chart are written.
 */
class CompareTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void comparesEveryPeerAndWritesTableJsonAndChart() throws Exception {
        final Path json = dir.resolve("r.json");
        final Path markdown = dir.resolve("r.md");
        final Path chart = dir.resolve("r.png");
        final Path log = dir.resolve("compare.log");
        final Process child = children.start(ChildJvm.builder(Compare.class, false,
            List.of("-Xmx1g", "-Djava.awt.headless=true"), "--balabit", dir.resolve("absent").toString(),
            "--synthetic-events", "60000", "--json", json.toString(), "--markdown", markdown.toString(),
            "--chart", chart.toString()).redirectErrorStream(true).redirectOutput(log.toFile()));
        final int code = children.waitFor(child, Duration.ofMinutes(5));
        assertEquals(0, code, Files.readString(log));
        final String table = Files.readString(markdown);
        for (final String peer : List.of("Spoor", "QuestDB", "Parquet+zstd", "raw Chronicle")) {
            assertTrue(table.contains(peer), table);
        }
        assertTrue(table.contains("60,000 events") && table.contains("one device one hour, median ms"), table);
        final String results = Files.readString(json);
        assertEquals(4, results.split("\"peer\"").length - 1, results);
        assertNotNull(ImageIO.read(chart.toFile()), "chart is a PNG");
    }
}
