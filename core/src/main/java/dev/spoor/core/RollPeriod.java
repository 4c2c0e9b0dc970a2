/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

/**
 * How often the journal starts a new file (a roll cycle): the unit of retention. A block always lives in
 * exactly one cycle's file.
 */
public enum RollPeriod {
    /** One file per hour (the default). */
    HOURLY(3_600_000L),
    /** One file per day. */
    DAILY(86_400_000L);

    private final long lengthMs;

    RollPeriod(final long lengthMs) {
        this.lengthMs = lengthMs;
    }

    /**
     * @return the cycle length in milliseconds.
     */
    public long lengthMs() {
        return lengthMs;
    }

    /**
     * @param epochMs a time.
     * @return the number of the cycle containing it (cycles count from the epoch).
     */
    public long cycleOf(final long epochMs) {
        return Math.floorDiv(epochMs, lengthMs);
    }
}
