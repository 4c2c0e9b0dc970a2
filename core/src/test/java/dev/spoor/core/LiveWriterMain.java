/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;


import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Child process of {@link TailerKillTest}: a collector on a fast clock (an hour every 3 s of real time, in the
 * past, so blocks go to a new roll cycle every 3 s) that appends a seeded stream of 16 devices at about 20,000
 * events/s without ever calling poll(), and runs retention (keep one hour) every 2 s, so followers meet both
 * roll-cycle changes and deleted cycles. Prints {@code ready}, {@code retained <cycles>} per run that deleted
 * something, and {@code done <events>} after a clean close, once the stop file exists (or after maxMs).
 * <pre>args: journalDir seed maxMs stopFile</pre>
 */
public final class LiveWriterMain {
    static final long SPEED = 1_200;
    static final long HOUR_MS = 3_600_000L;
    /** 2026-01-01T00:00Z: far enough in the past that the fast clock stays there. */
    static final long BASE_MS = 1_767_225_600_000L;
    static final int BLOCK_EVENTS = 256;
    private static final int DEVICES = 16;

    private LiveWriterMain() {
    }

    static JournalConfig config(final InstantSource clock) {
        return new JournalConfig().clock(clock).blockEvents(BLOCK_EVENTS).maxOpenBlocks(64).maxBlockAgeMs(60_000);
    }

    /**
     * @param args journal directory, seed, longest run in ms, stop file.
     */
    public static void main(final String[] args) {
        final Random random = new Random(Long.parseLong(args[1]));
        final long durationNs = Long.parseLong(args[2]) * 1_000_000L;
        final Path stop = Paths.get(args[3]);
        final long t0 = System.nanoTime();
        final InstantSource clock = () -> Instant.ofEpochMilli(BASE_MS + (System.nanoTime() - t0) / 1_000_000L * SPEED);
        long events = 0;
        try (Journal journal = Journal.open(Paths.get(args[0]), config(clock));
             JournalWriter writer = journal.newWriter()) {
            System.out.println("ready");
            long nextRetentionNs = t0 + 2_000_000_000L;
            while (System.nanoTime() - t0 < durationNs && !Files.exists(stop)) {
                for (int i = 0; i < 100; i++) {
                    final int device = random.nextInt(DEVICES);
                    writer.move(device, clock.millis() * 1_000_000L + events % 1_000_000, random.nextInt(1920),
                        random.nextInt(1080), 0);
                    events++;
                }
                LockSupport.parkNanos(5_000_000);
                if (System.nanoTime() >= nextRetentionNs) {
                    nextRetentionNs += 2_000_000_000L;
                    final int deleted = journal.governance().retain(HOUR_MS).cyclesDeleted();
                    if (deleted > 0) {
                        System.out.println("retained " + deleted);
                    }
                }
            }
        }
        System.out.println("done " + events);
    }
}
