/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.nio.file.Paths;

/**
 * Child process of {@link IndexCrashTest}: opens a journal holding {@code events} {@link KillEvents} and prints
 * {@code start}; then {@code rounds} times appends a batch, flushes it, prints {@code acked N} and replaces the
 * index file ({@link Journal#writeIndex()}); prints {@code done NANOS}. Nearly all its time after {@code start} is
 * spent writing and renaming the index file.
 * <pre>args: journalDir devices events rounds batch</pre>
 */
public final class IndexCrashMain {
    private IndexCrashMain() {
    }

    /**
     * @param args journal directory, devices, events already in it, rounds, events per round.
     */
    public static void main(final String[] args) {
        final int devices = Integer.parseInt(args[1]);
        long events = Long.parseLong(args[2]);
        final int rounds = Integer.parseInt(args[3]);
        final int batch = Integer.parseInt(args[4]);
        try (Journal journal = Journal.open(Paths.get(args[0]), IndexCrashTest.config())) {
            final long[] ids = KillEvents.devices(journal, devices);
            try (JournalWriter writer = journal.newWriter()) {
                System.out.println("start");
                final long startNs = System.nanoTime();
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < batch; i++, events++) {
                        KillEvents.append(writer, ids, events);
                    }
                    writer.flush();
                    System.out.println("acked " + events);
                    journal.writeIndex();
                }
                System.out.println("done " + (System.nanoTime() - startNs));
            }
        }
    }
}
