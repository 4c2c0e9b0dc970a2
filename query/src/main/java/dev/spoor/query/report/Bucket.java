/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.report;

/**
 * One device's activity in one time bucket.
 *
 * @param deviceId  the device.
 * @param deviceKey its key, or null.
 * @param startNs   bucket start, epoch ns, a multiple of the bucket width.
 * @param widthNs   bucket width, ns.
 * @param activity  counts, clicks, keys, pointer travel and mean speed.
 */
public record Bucket(long deviceId, String deviceKey, long startNs, long widthNs, Activity activity) {
}
