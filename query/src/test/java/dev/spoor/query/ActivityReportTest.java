/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.codec.EventType;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.query.report.Activity;
import dev.spoor.query.report.ActivityReport;
import dev.spoor.query.report.Bucket;
import dev.spoor.query.report.Positions;
import dev.spoor.query.report.Session;
import dev.spoor.query.scan.Event;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions and buckets against a separate plain computation over the same generated events. */
class ActivityReportTest {
    private static final long MINUTE = 60_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void sessionsAndBucketsMatchAPlainComputation() throws Exception {
        final long baseSeed = Long.getLong("spoor.seed", 0xAC7L);
        int sessionsChecked = 0;
        for (int j = 0; j < 6; j++) {
            final long seed = baseSeed + j;
            final Path journalDir = Files.createDirectory(dir.resolve("j" + j));
            final GeneratedJournal model = GeneratedJournal.write(journalDir, seed, 1 + j, 4_000 + 2_000 * j,
                new JournalConfig().blockEvents(100 + 50 * j));
            final ActivityReport.Settings settings = new ActivityReport.Settings(10 * MINUTE, 2_000_000_000L,
                (1 + j % 3) * MINUTE);
            try (Journal journal = Journal.openReadOnly(journalDir)) {
                final Scanner scanner = new Scanner(journal);
                final Scan scan = Scan.builder().build();
                final ActivityReport report = ActivityReport.run(scanner, scan, settings);
                final Map<Long, List<Event>> events = new TreeMap<>(model.expected(scan));
                final String what = "seed " + seed;
                assertSessions(plainSessions(events, settings), report.sessions(), what);
                assertBuckets(plainBuckets(events, settings), report.buckets(), what);
                final ActivityReport parallel =
                    ActivityReport.run(scanner, Scan.builder().threads(2).build(), settings);
                assertEquals(report.sessions(), parallel.sessions(), what + ": parallel sessions");
                assertEquals(report.buckets(), parallel.buckets(), what + ": parallel buckets");
                sessionsChecked += report.sessions().size();
            }
        }
        assertTrue(sessionsChecked > 20, "only " + sessionsChecked + " sessions: the data should split more");
        System.out.println("ActivityReportTest: " + sessionsChecked + " sessions checked (base seed " + baseSeed + ")");
    }

    @Test
    void sentinelsAndWheelTurnsAddNoPathAndDoNotBecomeThePreviousPosition() throws Exception {
        final long second = 1_000_000_000L;
        final int s = Positions.SENTINEL;
        try (Journal journal = Journal.open(dir, new JournalConfig()); JournalWriter writer = journal.newWriter()) {
            final long desk = journal.devices().register("desk");
            writer.move(desk, 0, 0, 0, 0);
            writer.move(desk, second, 3, 4, 0);              // +5 px
            writer.move(desk, 2 * second, s, s, 0);           // Balabit's sentinel: no position
            writer.move(desk, 3 * second, 6, 8, 0);           // +5 px from (3,4), not from the sentinel
            writer.buttonDown(desk, 4 * second, 6, 8, 1);     // +0 px
            writer.wheel(desk, 4 * second + 1, 0, 0, 0, -1);  // Balabit's wheel rows: (0, 0), no position
            writer.move(desk, 5 * second, s, 0, 0);           // one coordinate out of range is enough
            writer.move(desk, 6 * second, 0, -s, 0);
            writer.move(desk, 61 * second, 9, 12, 0);         // +5 px from (6,8), in the next minute's bucket
            final long late = journal.devices().register("late");
            writer.move(late, 0, s, s, 0);                    // a session that starts without a position
            writer.move(late, second, 100, 100, 0);
            writer.move(late, 2 * second, 100, 110, 0);       // +10 px
        }
        try (Journal journal = Journal.openReadOnly(dir); Scanner scanner = new Scanner(journal)) {
            final ActivityReport report = ActivityReport.run(scanner, Scan.builder().build(),
                new ActivityReport.Settings(30 * MINUTE, 5 * second, MINUTE));
            final Session desk = sessionOf(report, "desk");
            assertEquals(15.0, desk.activity().pathPixels(), "desk path, px");
            assertEquals(4 * second + 57 * second, desk.activity().pointerNs(), "desk pointer time, ns");
            assertEquals(5, desk.activity().positions(), "desk real positions");
            assertEquals(7, desk.activity().moves(), "sentinel moves still count as moves");
            assertEquals(1, desk.activity().clicks());
            assertEquals(1, desk.activity().wheels(), "the wheel turn counts, its (0, 0) is no position");
            final List<Bucket> deskBuckets = report.buckets().stream()
                .filter(b -> "desk".equals(b.deviceKey())).toList();
            assertEquals(2, deskBuckets.size(), deskBuckets.toString());
            assertEquals(10.0, deskBuckets.get(0).activity().pathPixels(), "first minute, px");
            assertEquals(4, deskBuckets.get(0).activity().positions());
            assertEquals(5.0, deskBuckets.get(1).activity().pathPixels(), "second minute, px");
            assertEquals(57 * second, deskBuckets.get(1).activity().pointerNs());
            final Session late = sessionOf(report, "late");
            assertEquals(10.0, late.activity().pathPixels(), "late path, px");
            assertEquals(second, late.activity().pointerNs());
            assertEquals(2, late.activity().positions());
        }
    }

    @Test
    void refusesNonPositiveSettings() {
        assertThrows(IllegalArgumentException.class, () -> new ActivityReport.Settings(0, 1, 1));
    }

    private static Session sessionOf(final ActivityReport report, final String deviceKey) {
        final List<Session> sessions = report.sessions().stream().filter(x -> deviceKey.equals(x.deviceKey())).toList();
        assertEquals(1, sessions.size(), deviceKey + ": " + sessions);
        return sessions.get(0);
    }

    /** Per device: split the sorted list at gaps above the session gap, then count each part. */
    private static List<Session> plainSessions(final Map<Long, List<Event>> events,
        final ActivityReport.Settings settings) {
        final List<Session> sessions = new ArrayList<>();
        events.forEach((device, list) -> {
            int start = 0;
            for (int i = 1; i <= list.size(); i++) {
                if (i == list.size() || list.get(i).timestampNs() - list.get(i - 1).timestampNs()
                    > settings.sessionGapNs()) {
                    final List<Event> part = list.subList(start, i);
                    long active = 0;
                    for (int k = 1; k < part.size(); k++) {
                        final long gap = part.get(k).timestampNs() - part.get(k - 1).timestampNs();
                        active += gap <= settings.activeGapNs() ? gap : 0;
                    }
                    sessions.add(new Session(device, part.get(0).deviceKey(), part.get(0).timestampNs(),
                        part.get(part.size() - 1).timestampNs(), active, activityOf(part, part)));
                    start = i;
                }
            }
        });
        return sessions;
    }

    /** Per device: the sessions' events grouped by bucket; travel by the bucket of a segment's later end. */
    private static List<Bucket> plainBuckets(final Map<Long, List<Event>> events,
        final ActivityReport.Settings settings) {
        final List<Bucket> buckets = new ArrayList<>();
        for (final Session session : plainSessions(events, settings)) {
            final List<Event> part = events.get(session.deviceId()).stream()
                .filter(e -> e.timestampNs() >= session.startNs() && e.timestampNs() <= session.endNs()).toList();
            final Map<Long, List<Event>> byBucket = new TreeMap<>();
            for (final Event e : part) {
                byBucket.computeIfAbsent(Math.floorDiv(e.timestampNs(), settings.bucketNs()) * settings.bucketNs(),
                    k -> new ArrayList<>()).add(e);
            }
            byBucket.forEach((start, inBucket) -> buckets.add(new Bucket(session.deviceId(), session.deviceKey(), start,
                settings.bucketNs(), activityOf(inBucket, part))));
        }
        return mergeSplitBuckets(buckets);
    }

    /** A bucket cut by a session boundary is still one bucket of the device. */
    private static List<Bucket> mergeSplitBuckets(final List<Bucket> buckets) {
        final List<Bucket> merged = new ArrayList<>();
        for (final Bucket b : buckets) {
            final Bucket last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.deviceId() == b.deviceId() && last.startNs() == b.startNs()) {
                final Activity x = last.activity();
                final Activity y = b.activity();
                merged.set(merged.size() - 1, new Bucket(b.deviceId(), b.deviceKey(), b.startNs(), b.widthNs(),
                    new Activity(x.events() + y.events(), x.moves() + y.moves(), x.clicks() + y.clicks(),
                        x.buttonUps() + y.buttonUps(), x.wheels() + y.wheels(), x.keys() + y.keys(),
                        x.keyUps() + y.keyUps(), x.positions() + y.positions(), x.pathPixels() + y.pathPixels(),
                        x.pointerNs() + y.pointerNs())));
            } else {
                merged.add(b);
            }
        }
        return merged;
    }

    /**
     * Counts of {@code part}; travel of the pointer segments of {@code session} that end inside part, where a
     * segment joins two consecutive pointer events with real positions (the generator's int extremes are not).
     */
    private static Activity activityOf(final List<Event> part, final List<Event> session) {
        final long[] byType = new long[EventType.COUNT];
        part.forEach(e -> byType[e.type().code()]++);
        final long positions = part.stream().filter(ActivityReportTest::hasRealPosition).count();
        double path = 0;
        long pointerNs = 0;
        Event previous = null;
        for (final Event e : session) {
            if (!hasRealPosition(e)) {
                continue;
            }
            if (previous != null && part.contains(e)) {
                final double dx = e.xPixels() - previous.xPixels();
                final double dy = e.yPixels() - previous.yPixels();
                path += Math.sqrt(dx * dx + dy * dy);
                pointerNs += e.timestampNs() - previous.timestampNs();
            }
            previous = e;
        }
        return new Activity(part.size(), byType[0], byType[1], byType[2], byType[3], byType[4], byType[5], positions,
            path, pointerNs);
    }

    private static boolean hasRealPosition(final Event e) {
        return e.type().isPointer() && e.type() != EventType.WHEEL && Positions.isReal(e.x(), e.y());
    }

    private static void assertSessions(final List<Session> expected, final List<Session> actual, final String what) {
        assertEquals(expected.size(), actual.size(), what + ": sessions");
        for (int i = 0; i < expected.size(); i++) {
            final Session e = expected.get(i);
            final Session a = actual.get(i);
            final String at = what + ": session " + i;
            assertEquals(e.deviceId(), a.deviceId(), at);
            assertEquals(e.startNs(), a.startNs(), at);
            assertEquals(e.endNs(), a.endNs(), at);
            assertEquals(e.durationNs(), a.durationNs(), at);
            assertEquals(e.activeNs(), a.activeNs(), at);
            assertActivity(e.activity(), a.activity(), at);
        }
    }

    private static void assertBuckets(final List<Bucket> expected, final List<Bucket> actual, final String what) {
        assertEquals(expected.size(), actual.size(), what + ": buckets");
        for (int i = 0; i < expected.size(); i++) {
            final String at = what + ": bucket " + i;
            assertEquals(expected.get(i).deviceId(), actual.get(i).deviceId(), at);
            assertEquals(expected.get(i).startNs(), actual.get(i).startNs(), at);
            assertActivity(expected.get(i).activity(), actual.get(i).activity(), at);
        }
    }

    private static void assertActivity(final Activity e, final Activity a, final String at) {
        assertEquals(e.events(), a.events(), at + " events");
        for (final EventType type : EventType.values()) {
            assertEquals(e.count(type), a.count(type), at + " " + type);
        }
        assertEquals(e.positions(), a.positions(), at + " real positions");
        assertEquals(e.pathPixels(), a.pathPixels(), Math.max(1e-6, e.pathPixels() * 1e-12), at + " path");
        assertEquals(e.pointerNs(), a.pointerNs(), at + " pointer time");
        assertEquals(e.meanPointerSpeed(), a.meanPointerSpeed(), Math.max(1e-6, e.meanPointerSpeed() * 1e-12),
            at + " speed");
    }
}
