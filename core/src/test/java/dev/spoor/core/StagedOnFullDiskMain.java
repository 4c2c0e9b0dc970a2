/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * Child process of {@link DiskFullRecoveryTest}: fills {@code sealed} devices' blocks (sealed, their staging slots
 * freed but still holding their pages), then stages {@code staged} events for each of {@code open} devices and
 * halts without closing, as a writer killed on a full disk leaves its journal. Given a filler path, it first fills
 * the disk and flushes, so that the staged blocks are refused on their way to the queue.
 * <pre>args: journalDir sealedDevices openDevices stagedEventsEach [fillerPath]</pre>
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
        final ManualClock clock = new ManualClock(T0 / 1_000_000L);
        final Journal journal = Journal.open(Paths.get(args[0]), new JournalConfig().blockEvents(BLOCK_EVENTS)
            .clock(clock));
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
        if (args.length > 4) {
            fill(Paths.get(args[4]));
            clock.advance(2 * 3_600_000L); // the blocks go to a cycle two hours on: a new file, which needs room
            try {
                writer.flush();
                System.out.println("flushed"); // the disk had room after all: the test says so
            } catch (final DiskFullException refused) {
                System.out.println("refused"); // the blocks wait in their slots, SEALING or OPEN
            }
        }
        System.out.println("staged");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** Takes every free byte with a file of zeros. */
    private static void fill(final Path filler) {
        final ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (true) {
                zeros.clear();
                channel.write(zeros);
            }
        } catch (final IOException full) {
            // No space left on device: full
        }
    }
}
