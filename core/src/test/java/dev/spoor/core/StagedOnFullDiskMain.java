/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.nio.file.Paths;

/**
 * Child process of {@link DiskFullRecoveryTest}: fills {@code sealed} devices' blocks (sealed, their staging slots
 * freed but still holding their pages), then stages {@code staged} events for each of {@code open} devices and
 * halts without closing, as a writer killed on a full disk leaves its journal.
 * <pre>args: journalDir sealedDevices openDevices stagedEventsEach</pre>
 */
public final class StagedOnFullDiskMain {
    static final int BLOCK_EVENTS = 4096;
    static final long T0 = 1_767_225_600_000_000_000L;

    private StagedOnFullDiskMain() {
    }

    /**
     * @param args journal directory, devices whose blocks are sealed, devices left staged, events staged for each.
     */
    public static void main(final String[] args) {
        final int sealed = Integer.parseInt(args[1]);
        final int open = Integer.parseInt(args[2]);
        final int staged = Integer.parseInt(args[3]);
        final Journal journal = Journal.open(Paths.get(args[0]), new JournalConfig().blockEvents(BLOCK_EVENTS));
        final JournalWriter writer = journal.newWriter();
        for (int d = 0; d < sealed; d++) {
            final long device = journal.devices().register("sealed-" + d);
            for (int i = 0; i < BLOCK_EVENTS; i++) {
                writer.move(device, T0 + i * 1_000_000L, i % 1920, i % 1080, 0);
            }
        }
        writer.flush(); // every slot FREE again, its pages kept for reuse
        for (int d = 0; d < open; d++) {
            final long device = journal.devices().register("staged-" + d);
            for (int i = 0; i < staged; i++) {
                writer.move(device, T0 + i * 1_000_000L, i % 1920, i % 1080, 0);
            }
        }
        System.out.println("staged");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
