/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;

import java.nio.file.Path;

/**
 * A collector in its own JVM for {@link CrossProcessScanTest}: device d's k-th event is a move at
 * {@code EPOCH + k ms} to (k, d). Flushes after every round of {@code perFlush} events per device and
 * prints "flushed N" so the test can pace itself.
 */
public final class ScanWriterMain {
    private ScanWriterMain() {
    }

    /**
     * @param args directory, devices, events per device, events per device between flushes.
     */
    public static void main(final String[] args) throws Exception {
        final Path dir = Path.of(args[0]);
        final int devices = Integer.parseInt(args[1]);
        final int events = Integer.parseInt(args[2]);
        final int perFlush = Integer.parseInt(args[3]);
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(300));
             JournalWriter writer = journal.newWriter()) {
            final long[] ids = new long[devices];
            for (int d = 0; d < devices; d++) {
                ids[d] = journal.devices().register("cp-" + d);
            }
            for (int k = 0; k < events; k++) {
                for (int d = 0; d < devices; d++) {
                    writer.move(ids[d], GeneratedJournal.EPOCH_NS + k * 1_000_000L, k, d, 0);
                }
                if ((k + 1) % perFlush == 0) {
                    writer.flush();
                    System.out.println("flushed " + (k + 1));
                    Thread.sleep(20);
                }
            }
        }
        System.out.println("done");
    }
}
