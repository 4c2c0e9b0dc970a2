/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.TimeRange;

/**
 * One erasure record of {@code erasures.spoor} ({@link ErasureFile}): the events of {@code deviceId} with
 * timestamps in [fromNs, toNs) are erased. {@link #WHOLE_FROM_NS} .. {@link #WHOLE_TO_NS} is the whole device: a
 * {@code toNs} of {@code Long.MAX_VALUE} has no end, so it covers a timestamp of {@code Long.MAX_VALUE} too (the
 * rule of every time range: {@link TimeRange}).
 *
 * @param deviceId   the device's id (as stored: a pseudonym on a pseudonymous journal).
 * @param fromNs     first erased timestamp, epoch ns, inclusive.
 * @param toNs       end of the range, epoch ns, exclusive ({@code Long.MAX_VALUE}: no end).
 * @param erasedAtMs when the erasure was recorded, epoch ms (the journal's clock).
 */
public record Erasure(long deviceId, long fromNs, long toNs, long erasedAtMs) {
    /** {@link #fromNs()} of a whole-device erasure. */
    public static final long WHOLE_FROM_NS = Long.MIN_VALUE;
    /** {@link #toNs()} of a whole-device erasure, and of any range without an end. */
    public static final long WHOLE_TO_NS = Long.MAX_VALUE;

    /**
     * @throws IllegalArgumentException when fromNs is not below toNs (an empty or reversed range).
     */
    public Erasure {
        if (fromNs >= toNs) {
            throw new IllegalArgumentException("erasure range [fromNs=" + fromNs + ", toNs=" + toNs + ") of device 0x"
                + DeviceRegistry.hex(deviceId) + " is empty or reversed: fromNs must be below toNs");
        }
    }

    /**
     * @return true when every event of the device, whatever its time, is erased.
     */
    public boolean isWholeDevice() {
        return fromNs == WHOLE_FROM_NS && toNs == WHOLE_TO_NS;
    }

    /**
     * @return the last erased timestamp, epoch ns, inclusive.
     */
    public long lastNs() {
        return TimeRange.lastNs(toNs);
    }

    /**
     * @param minNs first timestamp of a span, inclusive.
     * @param maxNs last timestamp of the span, inclusive.
     * @return true when some timestamp of [minNs, maxNs] is erased by this record.
     */
    public boolean overlaps(final long minNs, final long maxNs) {
        return fromNs <= maxNs && lastNs() >= minNs;
    }
}
