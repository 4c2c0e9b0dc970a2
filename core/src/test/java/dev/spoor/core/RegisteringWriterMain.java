/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.nio.file.Path;

/**
 * Child process of {@link ErasedDeviceKeyTest}: a writer that registers devices {@code keep-i} and {@code drop-i},
 * one pair at a time with a millisecond between pairs, appending one event to each, then prints {@code done} and
 * exits. The parent meanwhile rewrites {@code devices.dict} without the {@code drop-*} keys.
 * <pre>args: journalDir pairs</pre>
 */
public final class RegisteringWriterMain {
    private RegisteringWriterMain() {
    }

    /**
     * @param args the journal directory and the number of pairs.
     * @throws InterruptedException when interrupted between pairs.
     */
    public static void main(final String[] args) throws InterruptedException {
        final int pairs = Integer.parseInt(args[1]);
        try (Journal journal = Journal.open(Path.of(args[0]), new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            for (int i = 0; i < pairs; i++) {
                writer.move(journal.devices().register("keep-" + i), 1_000_000L * i, i, i, 0);
                writer.move(journal.devices().register("drop-" + i), 1_000_000L * i, i, i, 0);
                Thread.sleep(1);
            }
        }
        System.out.println("done");
    }
}
