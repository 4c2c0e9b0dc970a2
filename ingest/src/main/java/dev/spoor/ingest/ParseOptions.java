/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * How readers interpret what the file leaves open.
 *
 * @param epoch        Balabit: the instant a session's client time 0 maps to.
 * @param integerTimeUnit the unit of a timestamp written as a bare integer (CSV {@code ts_nanos} and JSONL
 *                     {@code ts}; a suffix {@code ns}, {@code us}, {@code ms} or {@code s} on the value wins).
 * @param maxLineBytes longest line taken, bytes; longer lines are rejected as {@link RejectionKind#LINE_TOO_LONG}.
 */
public record ParseOptions(Instant epoch, TimeUnit integerTimeUnit, int maxLineBytes) {
    /** Balabit's default epoch, 2016-01-01T00:00:00Z. */
    public static final Instant BALABIT_EPOCH = Instant.parse("2016-01-01T00:00:00Z");
    /** Default line limit, 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    /**
     * @return the defaults: Balabit epoch 2016-01-01, integer timestamps in ns, lines up to 1 MiB.
     */
    public static ParseOptions defaults() {
        return new ParseOptions(BALABIT_EPOCH, TimeUnit.NANOSECONDS, DEFAULT_MAX_LINE_BYTES);
    }
}
