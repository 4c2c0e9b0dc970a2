/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import org.agrona.concurrent.EpochClock;

/** A clock tests move by hand. */
final class ManualClock implements EpochClock {
    private volatile long nowMs;

    ManualClock(final long nowMs) {
        this.nowMs = nowMs;
    }

    void advance(final long ms) {
        nowMs += ms;
    }

    @Override
    public long time() {
        return nowMs;
    }
}
