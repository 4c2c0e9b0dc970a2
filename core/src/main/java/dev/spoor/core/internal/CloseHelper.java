/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

/**
 * Closes what a failed open had already opened, keeping the failure that stopped it first (as Aeron's
 * {@code CloseHelper} and QuestDB's catch-close-rethrow in {@code of()} do): a close that fails too is added
 * to it as suppressed, never thrown in its place.
 */
public final class CloseHelper {
    private CloseHelper() {
    }

    /**
     * Closes each resource, in order, whatever the others do; the caller then rethrows {@code failure}.
     *
     * @param failure   what made the open fail; closing failures are added to it as suppressed.
     * @param resources what to close; null entries are skipped.
     */
    public static void closeAfter(final Throwable failure, final AutoCloseable... resources) {
        for (final AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (final Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
