/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.Erasure;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Child process of {@link EraseCrashTest}: opens a journal (read only, as {@code spoor erase} does, or for writing),
 * prints {@code start}, records the test's erasures one after another, printing {@code acked K} once the K-th has
 * returned, and prints {@code done NANOS}.
 * <pre>args: journalDir readOnly|writable</pre>
 */
public final class EraseCrashMain {
    private EraseCrashMain() {
    }

    /**
     * @param args journal directory, how to open.
     */
    public static void main(final String[] args) {
        final Path dir = Paths.get(args[0]);
        try (Journal journal = args[1].equals("readOnly") ? Journal.openReadOnly(dir)
            : Journal.open(dir, EraseCrashTest.config(false))) {
            final List<Erasure> erasures = EraseCrashTest.erasures(KillEvents.devices(journal, EraseCrashTest.DEVICES));
            System.out.println("start");
            final long startNs = System.nanoTime();
            for (int k = 0; k < erasures.size(); k++) {
                final Erasure erasure = erasures.get(k);
                if (erasure.isWholeDevice()) {
                    journal.governance().erase(KillEvents.key(k));
                } else {
                    journal.governance().erase(KillEvents.key(k), erasure.fromNs(), erasure.toNs());
                }
                System.out.println("acked " + (k + 1));
            }
            System.out.println("done " + (System.nanoTime() - startNs));
        }
    }
}
