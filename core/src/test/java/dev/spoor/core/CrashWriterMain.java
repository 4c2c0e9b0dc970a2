/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PrivacyPolicy;

import java.nio.file.Paths;

/**
 * Child process of {@link CrashRecoveryTest}: appends a seeded stream to a journal and prints
 * {@code acked N} after every 25 appends that returned, until it is killed.
 * <pre>args: journalDir seed devices</pre>
 */
public final class CrashWriterMain {
    static final int BLOCK_EVENTS = 64;
    static final int MAX_OPEN_BLOCKS = 16;

    private CrashWriterMain() {
    }

    static JournalConfig config() {
        // Key codes kept exactly: the test compares every field of every event.
        return new JournalConfig().blockEvents(BLOCK_EVENTS).maxOpenBlocks(MAX_OPEN_BLOCKS)
            .privacyPolicy(PrivacyPolicy.defaults().keystrokes(KeystrokeMode.CODE));
    }

    /**
     * @param args journal directory, seed, device count.
     */
    public static void main(final String[] args) {
        final long seed = Long.parseLong(args[1]);
        final JournalEvents.Stream stream = new JournalEvents.Stream(seed, Integer.parseInt(args[2]));
        final Journal journal = Journal.open(Paths.get(args[0]), config());
        final JournalWriter writer = journal.newWriter();
        System.out.println("ready");
        for (long acked = 1; ; acked++) {
            JournalEvents.append(writer, stream.next());
            if (acked % 25 == 0) {
                System.out.println("acked " + acked);
            }
        }
    }
}
