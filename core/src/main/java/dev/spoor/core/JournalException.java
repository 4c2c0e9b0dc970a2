/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

/**
 * A journal cannot do what was asked: a directory that is not a journal, settings that differ from the
 * journal's, a file that fails its checksum, an I/O error. The message names the file and the values.
 */
public class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, with file and values.
     */
    public JournalException(final String message) {
        super(message);
    }

    /**
     * @param message what went wrong, with file and values.
     * @param cause   the underlying error.
     */
    public JournalException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
