/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.report;

/**
 * A device's stretch of use: events with no idle gap above the session gap between them.
 *
 * @param deviceId  the device.
 * @param deviceKey its key, or null.
 * @param startNs   first event, epoch ns.
 * @param endNs     last event, epoch ns.
 * @param activeNs  sum of the gaps between consecutive events that are at most the active gap.
 * @param activity  counts by type, clicks, keys, pointer travel.
 */
public record Session(long deviceId, String deviceKey, long startNs, long endNs, long activeNs, Activity activity) {
    /**
     * @return end - start, ns.
     */
    public long durationNs() {
        return endNs - startNs;
    }
}
