/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

/**
 * What a compaction rewrote.
 *
 * @param cyclesRewritten cycle files rewritten.
 * @param blocksRemoved   blocks of erased devices physically removed.
 * @param bytesRemoved    bytes of those blocks (the files shrink by whole Chronicle chunks of 1 MiB).
 */
public record CompactionReport(int cyclesRewritten, long blocksRemoved, long bytesRemoved) {
}
