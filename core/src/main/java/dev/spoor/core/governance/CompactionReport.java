/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

/**
 * What a compaction rewrote.
 *
 * @param cyclesRewritten cycle files rewritten.
 * @param blocksRemoved   blocks wholly erased (keys destroyed, or inside an erased range), replaced by tombstones.
 * @param blocksReencoded blocks straddling an erased range, re-encoded with their surviving events only.
 * @param bytesRemoved    excerpt bytes removed (the files shrink by whole Chronicle chunks of 1 MiB).
 * @param cyclesLeftOpen  cycles holding erased data that were not rewritten because a writer may still append to
 *                        them (the current cycle by the clock, or the last cycle file): a run after the writer has
 *                        rolled past them rewrites them. Until then their erased events are hidden from every
 *                        reader but their bytes are on disk.
 * @param mode            "online": closed cycles only, beside writers and readers, queue indexes kept; "with no
 *                        writer": the journal's lock was free, so the current cycle and the last file were
 *                        rewritten too (readers may still be open).
 * @param keyRecordsRemoved records of {@code devices.dict} naming devices erased whole, taken out (erasures made
 *                        before erasing took keys out of the dictionary left them there).
 * @param stagedEventsSealed events that writers which did not close had left staged, sealed into the queue first
 *                        (with no writer), so that the rewrite sees them.
 */
public record CompactionReport(int cyclesRewritten, long blocksRemoved, long blocksReencoded, long bytesRemoved,
    int cyclesLeftOpen, String mode, int keyRecordsRemoved, long stagedEventsSealed) {
}
