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

    /** True when the run was refused while planning, before anything was staged or appended. */
    private final boolean isNothingAppended;

    /**
     * @param message what, where, and what to do about it.
     */
    public IngestException(final String message) {
        this(message, false);
    }

    /**
     * @param message           what, where, and what to do about it.
     * @param isNothingAppended true when thrown while planning the run, before anything was appended.
     */
    public IngestException(final String message, final boolean isNothingAppended) {
        super(message);
        this.isNothingAppended = isNothingAppended;
    }

    /**
     * @param message what, where, and what to do about it.
     * @param cause   the underlying failure.
     */
    public IngestException(final String message, final Throwable cause) {
        super(message, cause);
        this.isNothingAppended = false;
    }

    /**
     * @return true when the run was refused while planning, so the journal is as it was before it (a caller that
     *         created the journal for this run may remove it); false when events may have been appended or staged.
     */
    public boolean isNothingAppended() {
        return isNothingAppended;
    }
}
