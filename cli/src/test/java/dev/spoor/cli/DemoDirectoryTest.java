/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.ChildJvm;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spoor demo --dir} replaces only a journal an earlier demo wrote, and only while no writer has it open:
 * any other journal in the folder (written through the API, or a demo journal files were ingested into) is left
 * byte for byte, with a message saying why.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DemoDirectoryTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path dir;

    @Test
    void aSecondDemoReplacesTheFirst() {
        final Path demo = dir.resolve("demo");
        assertEquals(0, demo(demo).exitCode);
        final long first = events(demo);
        final Cli again = demo(demo);
        assertEquals(0, again.exitCode, again.toString());
        assertEquals(first, events(demo), "the second demo's journal holds its own events only");
    }

    @Test
    void aJournalTheDemoDidNotWriteIsLeftAsItIs() throws Exception {
        final Path journal = dir.resolve("collected");
        try (Journal open = Journal.open(journal, new JournalConfig());
             JournalWriter writer = open.newWriter()) {
            final long alice = open.devices().register("alice");
            for (int i = 0; i < 1_000; i++) {
                writer.move(alice, 1_700_000_000_000_000_000L + i * 1_000_000L, i, 2 * i, 0);
            }
        }
        final long before = events(journal);
        final Cli demo = demo(journal);
        assertEquals(1, demo.exitCode, demo.toString());
        assertTrue(demo.err.contains("holds a Spoor journal that is not a demo's") && demo.err.contains(
            "left as it is"), demo.err);
        assertEquals(1_000, before);
        assertEquals(before, events(journal));
    }

    @Test
    void aDemoJournalFilesWereIngestedIntoIsLeftAsItIs() throws Exception {
        final Path demo = dir.resolve("demo");
        assertEquals(0, demo(demo).exitCode);
        final Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n"
            + "bob,1767603600000000000,move,5,6,,,,,,\n");
        final Cli ingest = Cli.run("ingest", "--journal", demo.toString(), "--format", "csv", csv.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        final long before = events(demo);
        final Cli again = demo(demo);
        assertEquals(1, again.exitCode, again.toString());
        assertTrue(again.err.contains("files were ingested into it"), again.err);
        assertEquals(before, events(demo));
    }

    @Test
    void aDemoJournalAnotherProcessWritesIsLeftAsItIs() throws Exception {
        final Path demo = dir.resolve("demo");
        assertEquals(0, demo(demo).exitCode);
        final Process collector = children.start(ChildJvm.builder(AppenderMain.class, false, demo.toString())
            .redirectErrorStream(true));
        final BufferedReader lines = new BufferedReader(new InputStreamReader(collector.getInputStream(),
            StandardCharsets.UTF_8));
        final String first = lines.readLine();
        assertTrue(first != null && first.startsWith("appended "), "the collector appends: " + first);

        final Cli again = demo(demo);
        assertEquals(1, again.exitCode, again.toString());
        assertTrue(again.err.contains("already open for writing"), again.err);
        assertTrue(Journal.isJournal(demo));

        collector.getOutputStream().write('\n');
        collector.getOutputStream().flush();
        assertTrue(collector.waitFor(60, TimeUnit.SECONDS), "the collector closes");
        assertEquals(0, collector.exitValue());
        assertTrue(events(demo) > 0);
    }

    private static Cli demo(final Path journal) {
        return Cli.run("demo", "--dir", journal.toString(), "--devices", "3", "--minutes", "2");
    }

    private static long events(final Path journal) {
        try (Journal open = Journal.openReadOnly(journal)) {
            return open.stats().events();
        }
    }
}
