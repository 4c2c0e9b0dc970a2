/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.recovery.RepairReport;

import java.nio.file.Paths;

/** A child JVM that repairs the journal named by its argument, for {@code RepairCrashTest}. */
public final class RepairMain {
    private RepairMain() {
    }

    /**
     * @param args the journal directory.
     */
    public static void main(final String[] args) {
        System.out.println("start");
        System.out.flush();
        final long startNs = System.nanoTime();
        final RepairReport report = Journal.repair(Paths.get(args[0]), false);
        System.out.println("done " + (System.nanoTime() - startNs) + " " + report.actions().size());
    }
}
