/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;

import java.nio.file.Paths;

/**
 * Child process of {@link CompactCommandTest}: a collector holding the journal open for writing with the real
 * wall clock (so in the current roll cycle), appending device "dave" and printing {@code appended N} after
 * every flush, until a line arrives on stdin; then it closes the journal and exits.
 * <pre>args: journalDir</pre>
 */
public final class AppenderMain {
    private AppenderMain() {
    }

    /**
     * @param args the journal directory.
     * @throws Exception when the journal cannot be written.
     */
    public static void main(final String[] args) throws Exception {
        try (Journal journal = Journal.open(Paths.get(args[0]), new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            final long dave = journal.devices().register("dave");
            final long startNs = System.currentTimeMillis() * 1_000_000L;
            long appended = 0;
            while (System.in.available() == 0) {
                for (int i = 0; i < 100; i++, appended++) {
                    writer.move(dave, startNs + appended * 1_000_000L, (int)(appended % 1920), 5, 0);
                }
                writer.flush();
                System.out.println("appended " + appended);
                Thread.sleep(20);
            }
        }
        System.out.println("closed");
    }
}
