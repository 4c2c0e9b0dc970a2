/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;

import java.nio.file.Paths;

/**
 * Child process of {@link CompactCommandTest}: appends 500 events of device "erin" (fewer than a block, and no flush,
 * so they stay in its memory-mapped staging file), prints {@code staged} and waits to be killed, never closing.
 * <pre>args: journalDir</pre>
 */
public final class StagedWriterMain {
    /** Events appended. */
    static final int EVENTS = 500;

    private StagedWriterMain() {
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
