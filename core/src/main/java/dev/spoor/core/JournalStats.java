/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

/**
 * What a journal holds, counted from its block index alone ({@link Journal#stats()}): no block is read or
 * decoded, so the cost grows with the number of blocks, not of events. Blocks of erased devices are counted
 * until compaction removes them (the index cannot tell which of a device's blocks were encrypted), and a block
 * damaged on disk after it was indexed is counted as its header said when it was sealed.
 *
 * @param events         events in all blocks.
 * @param blocks         blocks.
 * @param devices        devices with at least one block.
 * @param cycles         roll cycles holding at least one block.
 * @param minTimestampNs smallest event timestamp, epoch ns; 0 when there are no blocks.
 * @param maxTimestampNs largest event timestamp, epoch ns; 0 when there are no blocks.
 * @param blockBytes     bytes the blocks take in the queue as written (an encrypted block with its key id,
 *                       nonce and tag), without Chronicle's excerpt framing or file preallocation.
 */
public record JournalStats(long events, long blocks, long devices, long cycles, long minTimestampNs,
                           long maxTimestampNs, long blockBytes) {
    /**
     * @return block bytes per event, or 0 when there are no events.
     */
    public double bytesPerEvent() {
        return events == 0 ? 0 : (double)blockBytes / events;
    }
}
