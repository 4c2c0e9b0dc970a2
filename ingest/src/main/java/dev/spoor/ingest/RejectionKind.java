/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

/**
 * Why a line was rejected; ingest reports count rejections by kind.
 */
public enum RejectionKind {
    /** A field is missing, has the wrong count or cannot be parsed. */
    MALFORMED,
    /** The line is not valid UTF-8 (where the format is UTF-8). */
    NOT_UTF8,
    /** The line holds control bytes or NULs that no text format has: binary data. */
    BINARY,
    /** The line is longer than {@link ParseOptions#maxLineBytes()}; skipped without being held in memory. */
    LINE_TOO_LONG,
    /** A timestamp outside 1970-01-01 .. 2262-04-11 (epoch ns in a signed 64-bit) or that overflows its unit. */
    TIMESTAMP_OUT_OF_RANGE,
    /** The header is not the format's. */
    BAD_HEADER,
    /** The file's last line has no line end yet (a recorder killed mid-write, or a file still being written). */
    INCOMPLETE_LAST_LINE
}
