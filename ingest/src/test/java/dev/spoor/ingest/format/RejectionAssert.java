/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.RejectionKind;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks a rejection field by field, the reason by a part of it. */
final class RejectionAssert {
    private RejectionAssert() {
    }

    static void assertRejection(final Rejection actual, final Path file, final long line, final RejectionKind kind,
        final String field, final String value, final String reasonPart) {
        final String context = "rejection " + actual;
        assertEquals(file, actual.file(), context);
        assertEquals(line, actual.line(), context);
        assertEquals(kind, actual.kind(), context);
        assertEquals(field, actual.field(), context);
        assertEquals(value, actual.value(), context);
        assertTrue(actual.reason().contains(reasonPart), context + " should say '" + reasonPart + "'");
    }
}
