/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.ChildJvm;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.testkit.ChildProcesses;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Child process of {@link CompactCommandTest} and {@link DamagedStagingTest}: appends 500 events of device "erin"
 * (fewer than a block, and no flush, so they stay in its memory-mapped staging file), prints {@code staged} and waits
 * to be killed, never closing.
 * <pre>args: journalDir</pre>
 */
public final class StagedWriterMain {
    /** Events appended. */
    static final int EVENTS = 500;

    private StagedWriterMain() {
    }

    /**
     * Runs this in a child JVM on the journal and kills it (SIGKILL) once its events are staged.
     *
     * @param children the test's child processes.
     * @param journal  the journal directory.
     * @throws Exception when the child cannot be started or does not stage its events.
     */
    static void stageAndKill(final ChildProcesses children, final Path journal) throws Exception {
        final Process writer = children.start(ChildJvm.builder(StagedWriterMain.class, false, journal.toString())
            .redirectErrorStream(true));
        final BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(),
            StandardCharsets.UTF_8));
        if (!"staged".equals(lines.readLine())) {
            throw new IllegalStateException("the staging child did not stage its events");
        }
        writer.destroyForcibly();
        if (!writer.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the staging child did not end within 60 s of SIGKILL");
        }
    }

    /**
     * @param args the journal directory.
     * @throws Exception when the journal cannot be written.
     */
    public static void main(final String[] args) throws Exception {
        final Journal journal = Journal.open(Paths.get(args[0]), new JournalConfig());
        final JournalWriter writer = journal.newWriter();
        final long erin = journal.devices().register("erin");
        final long startNs = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < EVENTS; i++) {
            writer.move(erin, startNs + i * 1_000_000L, 700 + i % 100, 9, 0);
        }
        System.out.println("staged");
        Thread.sleep(Long.MAX_VALUE);
    }
}
