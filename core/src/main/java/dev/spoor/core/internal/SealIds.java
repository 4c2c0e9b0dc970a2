/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

/**
 * A seal id names one occupancy of one staging slot: {@code writerId << 48 | sequence}. Each excerpt carries
 * the seal id of the block it holds, which is how recovery knows whether a block it finds staged in the
 * SEALING state already reached the queue. Where it sits in an excerpt, and the flag that marks an encrypted
 * block: {@link SealedExcerpt}.
 */
public final class SealIds {
    /** Largest writer id. */
    public static final int MAX_WRITER_ID = (1 << 15) - 1;

    private SealIds() {
    }

    /**
     * @param writerId writer, 0 to {@link #MAX_WRITER_ID}.
     * @param sequence the writer's sequence, below 2^48.
     * @return the seal id.
     */
    public static long of(final int writerId, final long sequence) {
        return ((long)writerId << 48) | (sequence & 0xFFFF_FFFF_FFFFL);
    }

    /**
     * @param sealId a seal id.
     * @return its writer.
     */
    public static int writerOf(final long sealId) {
        return (int)(sealId >>> 48);
    }
}
