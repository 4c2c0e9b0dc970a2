/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.RejectionKind;

/**
 * Thrown by a row parser for a row it cannot take, and caught by the reader of that row, which reports it
 * with the file and line: it never leaves a reader. Carries no stack trace, so a file of bad rows costs no
 * more than a file of good ones. The message is the reason.
 */
final class BadRow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RejectionKind kind;
    private final String field;
    private final String value;

    /**
     * @param kind   the kind of fault.
     * @param field  the field, or null for the whole row.
     * @param value  the value, or null.
     * @param reason what is wrong.
     */
    BadRow(final RejectionKind kind, final String field, final String value, final String reason) {
        super(reason, null, false, false);
        this.kind = kind;
        this.field = field;
        this.value = value;
    }

    /**
     * @param field  the field, or null.
     * @param value  the value, or null.
     * @param reason what is wrong.
     * @return a {@link RejectionKind#MALFORMED} row.
     */
    static BadRow malformed(final String field, final String value, final String reason) {
        return new BadRow(RejectionKind.MALFORMED, field, value, reason);
    }

    /**
     * @return the kind.
     */
    RejectionKind kind() {
        return kind;
    }

    /**
     * @return the field, or null.
     */
    String field() {
        return field;
    }

    /**
     * @return the value, or null.
     */
    String value() {
        return value;
    }
}
