/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import java.nio.file.Path;

/**
 * A line ingest could not take, named so that a user can find and fix it.
 *
 * @param file   the file.
 * @param line   its line number, from 1 (1 is the header where there is one).
 * @param kind   the kind of fault.
 * @param field  the field, or null when the fault is the whole line.
 * @param value  the offending value (shortened to 80 characters), or null.
 * @param reason what is wrong, in words.
 */
public record Rejection(Path file, long line, RejectionKind kind, String field, String value, String reason) {
    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder().append(file).append(':').append(line).append(": ");
        if (field != null) {
            text.append("field '").append(field).append("' ");
        }
        if (value != null) {
            text.append("value '").append(value).append("' ");
        }
        return text.append(reason).append(" [").append(kind).append(']').toString();
    }
}
