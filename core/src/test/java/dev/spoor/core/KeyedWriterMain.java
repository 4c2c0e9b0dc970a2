/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.nio.file.Path;
import java.util.Random;

/**
 * Child process of {@link DeviceKeyKillTest}: a collector that keeps registering new devices (keys of its own run)
 * and appending to them, printing {@code acked N} after every 500 devices, until it is killed. Of each device: one in
 * three is never appended to, one in five gets its first event before its key is registered (by the id
 * {@code lookup} gives), the rest right after; and every event goes to a random device registered so far.
 * <pre>args: journalDir seed run</pre>
 */
public final class KeyedWriterMain {
    private KeyedWriterMain() {
    }

    /**
     * @param args the journal directory, the seed and the run (part of every key, so each run's keys are new).
     */
    public static void main(final String[] args) {
        final Random random = new Random(Long.parseLong(args[1]));
        try (Journal journal = Journal.open(Path.of(args[0]), new JournalConfig().blockEvents(64));
             JournalWriter writer = journal.newWriter()) {
            long[] ids = new long[1024];
            for (int n = 0; n < Integer.MAX_VALUE; n++) {
                if (n == ids.length) {
                    ids = java.util.Arrays.copyOf(ids, 2 * n);
                }
                final String key = "collector-" + args[2] + "/device-" + n;
                if (n % 5 == 0) {
                    writer.move(journal.devices().lookup(key), 1_000_000L * n, n % 1920, n % 1080, 0);
                }
                ids[n] = journal.devices().register(key);
                if (n % 3 != 0) {
                    writer.move(ids[n], 1_000_000L * n, n % 1920, n % 1080, 0);
                }
                writer.move(ids[random.nextInt(n + 1)], 1_000_000L * n + 1, 1, 1, 0);
                if (n % 500 == 499) {
                    System.out.println("acked " + (n + 1));
                }
            }
        }
    }
}
