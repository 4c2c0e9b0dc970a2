/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.RejectionKind;

import java.util.Arrays;

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

    /** Characters of a line a field-count rejection quotes at most. */
    private static final int QUOTED_LINE_CHARS = 200;

    /**
     * A delimited row with another number of fields than its header: names the fields missing, or how many are
     * past the last, and quotes the line.
     *
     * @param line   the row's line (quoted up to 200 characters).
     * @param found  its number of fields.
     * @param header the header's fields.
     * @return the rejection.
     */
    static BadRow fieldCount(final String line, final int found, final String[] header) {
        final String quoted = line.length() <= QUOTED_LINE_CHARS ? line
            : line.substring(0, QUOTED_LINE_CHARS) + "...";
        final String which = found < header.length
            ? String.join(", ", Arrays.asList(header).subList(found, header.length)) + " missing"
            : (found - header.length) + " past the last, " + header[header.length - 1];
        return malformed(null, quoted, "has " + found + " comma-separated fields, not the header's " + header.length
            + " (" + which + ")");
    }

    /**
     * A value that is not an integer of {@code bits} bits: said to be out of range when it is written as an integer
     * (an optional minus and digits), so a value too large is not called "not an integer".
     *
     * @param field the field.
     * @param text  the value as written.
     * @param bits  32 or 64.
     * @return a {@link RejectionKind#MALFORMED} row.
     */
    static BadRow notAnInteger(final String field, final String text, final int bits) {
        final int first = text != null && text.startsWith("-") ? 1 : 0;
        boolean isInteger = text != null && text.length() > first;
        for (int i = first; isInteger && i < text.length(); i++) {
            isInteger = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        final String range = bits == Integer.SIZE ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
            : Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        return malformed(field, text, isInteger ? "is outside the " + bits + "-bit range (" + range + ")"
            : "is not an integer");
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
