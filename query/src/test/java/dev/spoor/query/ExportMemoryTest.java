/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.core.ChildJvm;
import dev.spoor.core.JournalConfig;
import dev.spoor.query.export.Exporter;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exports stream: a child JVM with a 40 MB heap exports files several times its heap (per-device and
 * merged), which it could not if rows were gathered in memory.
 */
class ExportMemoryTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final int EVENTS = 1_500_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void exportsFilesLargerThanTheHeapOfASmallJvm() throws Exception {
        final Path journal = Files.createDirectory(dir.resolve("journal"));
        GeneratedJournal.write(journal, 41, 50, EVENTS, new JournalConfig());
        for (final String order : List.of("per-device", "merged")) {
            final Path out = dir.resolve(order + ".csv");
            final Process child = children.start(ChildJvm.builder(ExportMain.class, false, List.of("-Xmx40m"),
                journal.toString(), out.toString(), "CSV", order).redirectErrorStream(true));
            final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "export did not finish");
            assertEquals(0, child.exitValue(), output);
            assertTrue(output.contains("rows " + EVENTS) && output.contains("progress 65536\n")
                && output.contains("progress " + (EVENTS & ~Exporter.PROGRESS_EVERY_MASK) + "\n"), output);
            final long size = Files.size(out);
            assertTrue(size > 40L * 1024 * 1024, order + ": file of " + size + " bytes is not larger than the heap");
        }
    }
}
