/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import dev.spoor.core.ChildJvm;
import dev.spoor.core.Journal;
import dev.spoor.query.export.ExportRow;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingest streams: a child JVM with a 48 MiB heap ingests a generated CSV input several times that size (320 MB
 * by default; {@code -Dspoor.ingest.memory.bytes=4000000000} for a multi-GB run) and finishes with every line
 * stored. Collecting the input (as ingest once did) fails here with OutOfMemoryError.
 */
class BoundedMemoryTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final String HEAP = "-Xmx48m";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void anInputManyTimesTheHeapIsIngestedWhole() throws Exception {
        final long bytes = Long.getLong("spoor.ingest.memory.bytes", 320_000_000L);
        final Path input = Files.createDirectories(tmp.resolve("in"));
        final long lines = generate(input, bytes);
        System.out.printf("BoundedMemoryTest: %,d lines, %,d bytes of CSV, child heap %s%n", lines, bytes, HEAP);
        final Path dir = tmp.resolve("journal");
        final List<String> heap = List.of(HEAP, "-XX:+ExitOnOutOfMemoryError");
        final Process child = children.start(ChildJvm.builder(IngestChildMain.class, true, heap, dir.toString(), "2",
            input.toString()).redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child.log").toFile()));
        assertTrue(child.waitFor(10, TimeUnit.MINUTES), "the ingest did not finish");
        final String log = Files.readString(tmp.resolve("child.log"), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), log);
        assertTrue(log.contains("appended " + lines + " "), log);
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals(lines, journal.stats().events());
        }
    }

    /** Four files of moves, about {@code bytes} in all; returns the lines written (events). */
    private static long generate(final Path folder, final long bytes) throws IOException {
        long written = 0;
        long lines = 0;
        for (int f = 0; f < 4; f++) {
            try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("part-" + f + ".csv"),
                StandardCharsets.UTF_8)) {
                out.write(String.join(",", ExportRow.COLUMNS));
                out.write('\n');
                long ts = GeneratedCsv.START_NS;
                while (written < bytes * (f + 1) / 4) {
                    ts += 7_000_000L;
                    final String line = "ws-" + f + "-" + (lines & 15) + "," + ts + ",move," + (lines % 3840) + ","
                        + (lines % 2160) + ",,0,,,,\n";
                    out.write(line);
                    written += line.length();
                    lines++;
                }
            }
        }
        return lines;
    }
}
