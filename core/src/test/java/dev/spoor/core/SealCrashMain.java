/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Child process of {@link SealCrashTest}: writes {@link KillEvents} into a new journal and seals them in one of
 * three ways, printing {@code start} when the sealing begins, {@code acked N} once N appends returned, and
 * {@code done NANOS} when the sealing is over:
 * <ul>
 *   <li>{@code close}: {@code events} appends over {@code devices} devices (part-filled blocks), then
 *       {@code start} and {@link Journal#close()}, which seals every block;</li>
 *   <li>{@code idle}: the same appends with the idle sealer on, then {@code start}; done once the idle sealer has
 *       sealed every block;</li>
 *   <li>{@code fill}: {@code start} once the new journal's writer exists, then appends in batches of
 *       {@link #FILL_BATCH}, each acknowledged, while blocks fill up and are sealed on the writer's sealing
 *       thread; the first one creates the queue's first cycle file.</li>
 * </ul>
 * <pre>args: journalDir mode devices events</pre>
 */
public final class SealCrashMain {
    static final int BLOCK_EVENTS = 64;
    static final int FILL_BATCH = 32;

    private SealCrashMain() {
    }

    static JournalConfig config(final int devices, final boolean isIdle) {
        final JournalConfig config = new JournalConfig().blockEvents(BLOCK_EVENTS).maxOpenBlocks(devices + 1);
        return isIdle ? config.visibilityMs(40) : config;
    }

    /**
     * @param args journal directory, mode (close, idle, fill), devices, events.
     * @throws InterruptedException never: the wait is bounded and not interrupted.
     */
    public static void main(final String[] args) throws InterruptedException {
        final Path dir = Paths.get(args[0]);
        final String mode = args[1];
        final int devices = Integer.parseInt(args[2]);
        final long events = Long.parseLong(args[3]);
        final Journal journal = Journal.open(dir, config(devices, mode.equals("idle")));
        final long[] ids = KillEvents.devices(journal, devices);
        final JournalWriter writer = journal.newWriter();
        if (mode.equals("fill")) {
            System.out.println("start");
        }
        final long fillStartNs = System.nanoTime();
        for (long i = 0; i < events; i++) {
            KillEvents.append(writer, ids, i);
            if (mode.equals("fill") && (i + 1) % FILL_BATCH == 0) {
                System.out.println("acked " + (i + 1));
            }
        }
        System.out.println("acked " + events);
        final long startNs;
        if (mode.equals("fill")) {
            startNs = fillStartNs;
        } else {
            System.out.println("start");
            startNs = System.nanoTime();
        }
        if (mode.equals("idle")) {
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (journal.stats().blocks() < devices && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }
        journal.close();
        System.out.println("done " + (System.nanoTime() - startNs));
    }
}
