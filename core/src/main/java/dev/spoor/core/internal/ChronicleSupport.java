/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import net.openhft.chronicle.core.io.BackgroundResourceReleaser;

import java.lang.reflect.Field;

/**
 * Switches off Chronicle's analytics, announcer and disk monitor, and its background releaser. Chronicle reads
 * these properties when its classes load, so {@link #quiet()} must run before any Chronicle class is touched: every
 * entry point ({@code Journal}) calls it from its static initialiser. The build also excludes the
 * chronicle-analytics artifact, so nothing could phone home even if a property were missed.
 *
 * <p>The background releaser unmaps and closes a closed queue's files on a thread of its own, some time after
 * {@code close} returns. A closed journal must hold no file of its directory, so closing a store would have to
 * wait for that thread ({@code BackgroundResourceReleaser.releasePendingResources}, which always polls at least
 * 1 ms for work that may come): with it off, each file is unmapped and closed by the thread that lets go of it
 * last, and a close is done when it returns ({@link #isBackgroundRelease()} says which is in force).
 */
public final class ChronicleSupport {
    private static final String[] OFF = {
        "chronicle.analytics.disable", "chronicle.announcer.disable", "chronicle.disk.monitor.disable",
        "disable.perf.info", "disable.resource.warning",
    };
    /** Chronicle's switch for its background releaser (on unless set to false). */
    private static final String BACKGROUND_RELEASER = "background.releaser";

    private ChronicleSupport() {
    }

    /** Sets the opt-out properties unless the user already set them. */
    public static void quiet() {
        for (final String property : OFF) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "true");
            }
        }
        if (System.getProperty(BACKGROUND_RELEASER) == null) {
            System.setProperty(BACKGROUND_RELEASER, "false");
        }
    }

    /**
     * Whether Chronicle releases closed files on its background thread in this JVM: what it read when its classes
     * loaded, which may have been before {@link #quiet()} ran (an application that used Chronicle first) or with
     * the property set by the user.
     *
     * @return true when a close must wait for the background releaser to hold no file; true also when the switch
     *     cannot be read (another Chronicle version), so the close waits as it always did.
     */
    public static boolean isBackgroundRelease() {
        return BackgroundRelease.IS_ON;
    }

    /** Read once, on first use, after Chronicle's classes have loaded with the properties above. */
    private static final class BackgroundRelease {
        private static final boolean IS_ON = read();

        private static boolean read() {
            try {
                final Field field = BackgroundResourceReleaser.class.getDeclaredField("BG_RELEASER");
                field.setAccessible(true);
                return field.getBoolean(null);
            } catch (final ReflectiveOperationException | RuntimeException e) {
                return true;
            }
        }
    }
}
