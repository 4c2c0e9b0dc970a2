/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.ChildJvm;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spoor ingest} stopped by SIGTERM (what Ctrl-C and a service manager send) in a child JVM: it says that what
 * it appended is kept and how to go on, and the same command run again stores every event once.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IngestSignalTest {
    private static final int ROWS = 1_000_000;
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path dir;

    @Test
    void aStoppedIngestSaysWhatIsKeptAndTheSameCommandFinishesIt() throws Exception {
        final Path csv = dir.resolve("big.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("ws-" + i % 50 + "," + (1_767_225_600_000_000_000L + 1_000_000L * i) + ",move," + i % 1920
                    + "," + i % 1080 + ",,,,,,\n");
            }
        }
        final Path journal = dir.resolve("journal");
        final Path err = dir.resolve("stopped.err");
        final Process stopped = children.start(ChildJvm.builder(SpoorCli.class, true, "ingest", "--journal",
            journal.toString(), "--format", "csv", csv.toString()).redirectError(err.toFile())
            .redirectOutput(dir.resolve("stopped.out").toFile()));
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!hasStagingFile(journal) && stopped.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(stopped.isAlive(), "still ingesting when its writer opened: " + Files.readString(err));
        stopped.destroy(); // SIGTERM
        final int code = children.waitFor(stopped, LIMIT);
        assertEquals(143, code, Files.readString(err));
        assertTrue(Files.readString(err).contains("spoor ingest: stopped by a signal before the end; every event"
            + " appended so far is kept"), Files.readString(err));

        final Path errAgain = dir.resolve("again.err");
        final Process again = children.start(ChildJvm.builder(SpoorCli.class, true, "ingest", "--journal",
            journal.toString(), "--format", "csv", csv.toString()).redirectError(errAgain.toFile())
            .redirectOutput(dir.resolve("again.out").toFile()));
        assertEquals(0, children.waitFor(again, LIMIT), Files.readString(errAgain));
        try (Journal opened = Journal.open(journal, new JournalConfig())) {
            assertEquals(ROWS, opened.stats().events(), "every event once, after the stop and the rerun");
        }
    }

    private static boolean hasStagingFile(final Path journal) throws Exception {
        final Path staging = journal.resolve("staging");
        if (!Files.isDirectory(staging)) {
            return false;
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.findAny().isPresent();
        }
    }
}
