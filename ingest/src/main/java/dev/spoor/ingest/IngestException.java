/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

/**
 * An ingest that cannot go on, for a reason the user can fix: an input that changed since it was ingested,
 * a rejected line under {@code strict}, a path that does not exist. Nothing was appended when it is thrown
 * before the first batch; when thrown later, what was appended is recorded in the ingest ledger, so a re-run
 * picks up where this one stopped.
 */
public final class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what, where, and what to do about it.
     */
    public IngestException(final String message) {
        super(message);
    }

    /**
     * @param message what, where, and what to do about it.
     * @param cause   the underlying failure.
     */
    public IngestException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
