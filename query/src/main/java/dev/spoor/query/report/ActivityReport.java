/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.report;

import dev.spoor.query.scan.EventView;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Sessions and per-bucket aggregates of a scan, computed in one pass over each device's time-ordered
 * events (works with parallel scans: each device stays on one thread).
 *
 * <pre>{@code
 * ActivityReport report = ActivityReport.run(scanner, scan, ActivityReport.Settings.defaults());
 * report.sessions();   report.buckets();
 * }</pre>
 */
public final class ActivityReport {
    /**
     * @param sessionGapNs idle gap that ends a session (default 30 min).
     * @param activeGapNs  longest gap counted as active time (default 5 s).
     * @param bucketNs     aggregate bucket width (default 1 min).
     */
    public record Settings(long sessionGapNs, long activeGapNs, long bucketNs) {
        /** Checks the settings. */
        public Settings {
            if (sessionGapNs <= 0 || activeGapNs <= 0 || bucketNs <= 0) {
                throw new IllegalArgumentException("sessionGapNs=" + sessionGapNs + ", activeGapNs=" + activeGapNs
                    + ", bucketNs=" + bucketNs + ": all must be positive");
            }
        }

        /**
         * @return 30 min sessions, 5 s active gap, 1 min buckets.
         */
        public static Settings defaults() {
            return new Settings(30L * 60 * 1_000_000_000L, 5_000_000_000L, 60_000_000_000L);
        }
    }

    private final List<Session> sessions;
    private final List<Bucket> buckets;
    private final ScanStats stats;

    private ActivityReport(final List<Session> sessions, final List<Bucket> buckets, final ScanStats stats) {
        this.sessions = sessions;
        this.buckets = buckets;
        this.stats = stats;
    }

    /**
     * Runs the scan and builds the report.
     *
     * @param scanner  the scanner.
     * @param scan     what to read (must not be merged: activity is per device anyway).
     * @param settings gaps and bucket width.
     * @return sessions and buckets, each sorted by device id then start.
     */
    public static ActivityReport run(final Scanner scanner, final Scan scan, final Settings settings) {
        final Map<Long, DeviceActivity> devices = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Session> sessions = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Bucket> buckets = new ConcurrentLinkedQueue<>();
        final ScanStats stats = scanner.scan(scan, event -> devices
            .computeIfAbsent(event.deviceId(), id -> new DeviceActivity(id, event.deviceKey(), settings))
            .accept(event, sessions, buckets));
        devices.values().forEach(device -> device.finish(sessions, buckets));
        final List<Session> sortedSessions = new ArrayList<>(sessions);
        sortedSessions.sort(Comparator.comparingLong(Session::deviceId).thenComparingLong(Session::startNs));
        final List<Bucket> sortedBuckets = new ArrayList<>(buckets);
        sortedBuckets.sort(Comparator.comparingLong(Bucket::deviceId).thenComparingLong(Bucket::startNs));
        return new ActivityReport(List.copyOf(sortedSessions), List.copyOf(sortedBuckets), stats);
    }

    /**
     * @return sessions by device id, then start.
     */
    public List<Session> sessions() {
        return sessions;
    }

    /**
     * @return non-empty buckets by device id, then start.
     */
    public List<Bucket> buckets() {
        return buckets;
    }

    /**
     * @return what the scan did.
     */
    public ScanStats stats() {
        return stats;
    }

    /** One device's open session and bucket. */
    private static final class DeviceActivity {
        private final long deviceId;
        private final String deviceKey;
        private final Settings settings;
        private final Activity.Counter session = new Activity.Counter();
        private final Activity.Counter bucket = new Activity.Counter();
        private boolean hasEvent;
        private long sessionStart;
        private long lastTs;
        private long activeNs;
        private long bucketStart;
        private boolean hasPointer;
        private long lastPointerTs;
        private double lastX;
        private double lastY;

        DeviceActivity(final long deviceId, final String deviceKey, final Settings settings) {
            this.deviceId = deviceId;
            this.deviceKey = deviceKey;
            this.settings = settings;
        }

        void accept(final EventView e, final ConcurrentLinkedQueue<Session> sessions,
            final ConcurrentLinkedQueue<Bucket> buckets) {
            final long ts = e.timestampNs();
            final long start = Math.floorDiv(ts, settings.bucketNs()) * settings.bucketNs();
            if (hasEvent && start != bucketStart) {
                buckets.add(new Bucket(deviceId, deviceKey, bucketStart, settings.bucketNs(), bucket.toActivity()));
                bucket.clear();
            }
            if (hasEvent && ts - lastTs > settings.sessionGapNs()) {
                sessions.add(new Session(deviceId, deviceKey, sessionStart, lastTs, activeNs, session.toActivity()));
                session.clear();
                hasPointer = false;
                activeNs = 0;
                sessionStart = ts;
            } else if (hasEvent) {
                activeNs += ts - lastTs <= settings.activeGapNs() ? ts - lastTs : 0;
            } else {
                sessionStart = ts;
            }
            hasEvent = true;
            bucketStart = start;
            lastTs = ts;
            session.count(e.typeCode());
            bucket.count(e.typeCode());
            if (Positions.isReal(e.type(), e.x(), e.y())) {
                travelTo(ts, e.xPixels(), e.yPixels());
            }
        }

        /** A segment from the last real position (if the session has one) to this one. */
        private void travelTo(final long ts, final double x, final double y) {
            session.position();
            bucket.position();
            if (hasPointer) {
                final double pixels = Math.hypot(x - lastX, y - lastY);
                session.travel(pixels, ts - lastPointerTs);
                bucket.travel(pixels, ts - lastPointerTs);
            }
            hasPointer = true;
            lastPointerTs = ts;
            lastX = x;
            lastY = y;
        }

        void finish(final ConcurrentLinkedQueue<Session> sessions, final ConcurrentLinkedQueue<Bucket> buckets) {
            if (hasEvent) {
                buckets.add(new Bucket(deviceId, deviceKey, bucketStart, settings.bucketNs(), bucket.toActivity()));
                sessions.add(new Session(deviceId, deviceKey, sessionStart, lastTs, activeNs, session.toActivity()));
            }
        }
    }
}
