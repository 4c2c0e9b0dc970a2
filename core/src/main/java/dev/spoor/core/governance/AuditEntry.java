/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

import java.time.Instant;

/**
 * One line of a journal's audit log: what was done to the journal or its data, when, and by which tool.
 *
 * @param atMs    epoch ms.
 * @param tool    what did it (e.g. {@code spoor ingest}, {@code java api}).
 * @param action  {@code policy}, {@code retention}, {@code export}, ...
 * @param details the counts and names that matter, as text.
 */
public record AuditEntry(long atMs, String tool, String action, String details) {
    @Override
    public String toString() {
        return Instant.ofEpochMilli(atMs) + "  " + action + "  (" + tool + ")  " + details;
    }
}
