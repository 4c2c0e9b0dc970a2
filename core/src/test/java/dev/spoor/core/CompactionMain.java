/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.CompactionReport;
import dev.spoor.core.governance.Governance;

import java.nio.file.Paths;

/**
 * Child process of {@link CompactionCrashTest}: prints {@code start}, compacts the journal, prints
 * {@code done NANOS report}; the test kills it with SIGKILL somewhere in between.
 * <pre>args: journalDir</pre>
 */
public final class CompactionMain {
    private CompactionMain() {
    }

    /**
     * @param args the journal directory.
     */
    public static void main(final String[] args) {
        System.out.println("start");
        System.out.flush();
        final long startNs = System.nanoTime();
        final CompactionReport report = Governance.compact(Paths.get(args[0]));
        System.out.println("done " + (System.nanoTime() - startNs) + " " + report);
    }
}
