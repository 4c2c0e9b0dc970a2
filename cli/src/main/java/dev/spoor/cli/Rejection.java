/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import java.nio.file.Path;

/**
 * A line ingest could not take.
 *
 * @param file   the file.
 * @param line   its line number (1 is the header where there is one).
 * @param reason what is wrong: the field and the value.
 */
record Rejection(Path file, long line, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
