/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

/**
 * What a retention run deleted.
 *
 * @param firstKeptCycle the oldest roll cycle kept.
 * @param cyclesDeleted  cycle files deleted.
 * @param blocksDeleted  blocks in them.
 * @param eventsDeleted  events in them.
 * @param bytesFreed     bytes of the files deleted.
 */
public record RetentionReport(int firstKeptCycle, int cyclesDeleted, long blocksDeleted, long eventsDeleted,
                              long bytesFreed) {
}
