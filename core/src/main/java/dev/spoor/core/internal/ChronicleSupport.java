/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

/**
 * Switches off Chronicle's analytics, announcer and disk monitor. Chronicle reads these properties when
 * its classes load, so {@link #quiet()} must run before any Chronicle class is touched: every entry point
 * ({@code Journal}) calls it from its static initialiser. The build also excludes the chronicle-analytics
 * artifact, so nothing could phone home even if a property were missed.
 */
public final class ChronicleSupport {
    private static final String[] OFF = {
        "chronicle.analytics.disable", "chronicle.announcer.disable", "chronicle.disk.monitor.disable",
        "disable.perf.info", "disable.resource.warning",
    };

    private ChronicleSupport() {
    }

    /** Sets the opt-out properties unless the user already set them. */
    public static void quiet() {
        for (final String property : OFF) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "true");
            }
        }
    }
}
