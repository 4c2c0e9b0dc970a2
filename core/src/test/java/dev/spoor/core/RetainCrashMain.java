/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.RetentionReport;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Child process of {@link RetainCrashTest}: opens a journal (read only, as {@code spoor retain} does, or for
 * writing, as a collector would), prints {@code start}, runs retention keeping the roll cycles from
 * {@code firstKeptMs} on, prints {@code done NANOS report}.
 * <pre>args: journalDir firstKeptMs readOnly|writable</pre>
 */
public final class RetainCrashMain {
    private RetainCrashMain() {
    }

    /**
     * @param args journal directory, start of the first cycle kept (epoch ms), how to open.
     */
    public static void main(final String[] args) {
        final Path dir = Paths.get(args[0]);
        final long firstKeptMs = Long.parseLong(args[1]);
        try (Journal journal = args[2].equals("readOnly") ? Journal.openReadOnly(dir)
            : Journal.open(dir, RetainCrashTest.config())) {
            System.out.println("start");
            final long startNs = System.nanoTime();
            final RetentionReport report = journal.governance().retain(System.currentTimeMillis() - firstKeptMs);
            System.out.println("done " + (System.nanoTime() - startNs) + " " + report);
        }
    }
}
