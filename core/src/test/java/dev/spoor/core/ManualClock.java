/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand. */
final class ManualClock implements InstantSource {
    private volatile long nowMs;

    ManualClock(final long nowMs) {
        this.nowMs = nowMs;
    }

    void advance(final long ms) {
        nowMs += ms;
    }

    @Override
    public long millis() {
        return nowMs;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(nowMs);
    }
}
