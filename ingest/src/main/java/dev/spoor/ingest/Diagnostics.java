/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import java.nio.file.Path;

/**
 * Where a reader reports what it could not take. Called from the reader's thread; implementations that are
 * shared between readers must be thread safe.
 */
public interface Diagnostics {
    /** Discards everything. */
    Diagnostics NONE = new Diagnostics() {
        @Override
        public void reject(final Rejection rejection) {
        }

        @Override
        public void warn(final Path file, final String message) {
        }
    };

    /**
     * A line that gives no event.
     *
     * @param rejection the file, line, kind, field, value and reason.
     */
    void reject(Rejection rejection);

    /**
     * Something about a whole file the user should know, though every line was taken (e.g. timestamps that
     * look like another unit).
     *
     * @param file    the file.
     * @param message what, and what to do about it.
     */
    void warn(Path file, String message);
}
