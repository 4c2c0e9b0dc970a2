/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.RejectionKind;

import java.nio.file.Path;

/**
 * One file's channel to {@link Diagnostics}: builds each {@link Rejection} with the file, and keeps values
 * short and visible (80 characters at most; control, format and space characters other than the plain space
 * written as {@code \}{@code uXXXX}, so two headers that differ only by a byte order mark, a zero-width or a
 * non-breaking space no longer look the same).
 */
final class LineRejections {
    /** Longest value a rejection carries, characters. */
    static final int MAX_VALUE_CHARS = 80;

    private final Path file;
    private final Diagnostics diagnostics;

    /**
     * @param file        the file rejections name.
     * @param diagnostics where they go.
     */
    LineRejections(final Path file, final Diagnostics diagnostics) {
        if (file == null || diagnostics == null) {
            throw new IllegalArgumentException("file=" + file + ", diagnostics=" + diagnostics + " must be set");
        }
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /**
     * @param line   line number, from 1.
     * @param kind   the kind.
     * @param field  the field, or null for the whole line.
     * @param value  the value, or null; shortened and made visible here.
     * @param reason what is wrong.
     */
    void reject(final long line, final RejectionKind kind, final String field, final String value,
        final String reason) {
        diagnostics.reject(new Rejection(file, line, kind, field, visible(value), reason));
    }

    /**
     * @param line line number.
     * @param bad  what the row parser found.
     */
    void reject(final long line, final BadRow bad) {
        reject(line, bad.kind(), bad.field(), bad.value(), bad.getMessage());
    }

    /**
     * @param message a warning about the whole file.
     */
    void warn(final String message) {
        diagnostics.warn(file, message);
    }

    /**
     * @return the file.
     */
    Path file() {
        return file;
    }

    /**
     * @param value any text, or null.
     * @return it with invisible characters escaped ({@link #isInvisible(char)}), at most
     *         {@link #MAX_VALUE_CHARS} characters (the cut marked with {@code ...}).
     */
    static String visible(final String value) {
        if (value == null) {
            return null;
        }
        final StringBuilder text = new StringBuilder(Math.min(value.length(), MAX_VALUE_CHARS + 8));
        for (int i = 0; i < value.length() && text.length() <= MAX_VALUE_CHARS; i++) {
            final char c = value.charAt(i);
            if (isInvisible(c)) {
                text.append(String.format("\\u%04X", (int)c));
            } else {
                text.append(c);
            }
        }
        if (text.length() > MAX_VALUE_CHARS) {
            text.setLength(MAX_VALUE_CHARS - 3);
            text.append("...");
        }
        return text.toString();
    }

    /**
     * @param c a character.
     * @return true for characters a reader of a message cannot see or tell from a space: controls, format
     *         characters (a BOM, zero-width joiners), separators other than the plain space, unpaired
     *         surrogates and unassigned code points.
     */
    static boolean isInvisible(final char c) {
        if (c == ' ') {
            return false;
        }
        switch (Character.getType(c)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
                return true;
            default:
                return false;
        }
    }
}
