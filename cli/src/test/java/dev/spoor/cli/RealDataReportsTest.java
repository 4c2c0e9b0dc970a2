/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoor.codec.EventType;
import dev.spoor.core.Journal;
import dev.spoor.query.report.Activity;
import dev.spoor.query.report.ActivityReport;
import dev.spoor.query.report.Bucket;
import dev.spoor.query.report.Session;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
import dev.spoor.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sessions and the heatmap agree on what a real pointer position is, on the shared Balabit recordings, whose
 * rows at (65535, 65535) are the data set's "coordinate sentinel", not positions. The expected figures come
 * from the files, read by the Balabit format on its own ({@link FormatEvents}, which keeps every sentinel row),
 * not from Spoor's rule. Skipped, with the reason, when ../shared/data is absent.
 */
class RealDataReportsTest {
    /** A recording with 5 sentinel rows; counting the jumps to them as travel made its path 32% too long. */
    private static final String SESSION = "user12/session_5265929106";
    private static final int BALABIT_SENTINEL = 65_535;
    private static final long DAY_NS = 24L * 3600 * 1_000_000_000L;

    @TempDir
    static Path dir;

    static Path journal;

    @BeforeAll
    static void ingest() {
        assumeTrue(SharedData.isPresent(SharedData.BALABIT), SharedData.absentMessage(SharedData.BALABIT));
        journal = dir.resolve("balabit");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "balabit",
            SharedData.dataset(SharedData.BALABIT).toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("rejected 0 lines"), ingest.out);
    }

    @Test
    void sessionPathSkipsSentinelsLikeAPlainReadingOfTheFile() throws Exception {
        final Pointer file = Pointer.read(sessionFile());
        assertEquals(5, file.sentinels, SESSION + ": sentinel rows in the file");
        final double expected = file.path(true);
        assertTrue(file.path(false) > 1.3 * expected, "the sentinels matter in " + SESSION + ": "
            + file.path(false) + " px with them, " + expected + " px without");
        final Cli sessions = Cli.run("sessions", "--journal", journal.toString(), "--device", SESSION, "--gap", "24h",
            "--format", "jsonl");
        assertEquals(0, sessions.exitCode, sessions.toString());
        assertEquals(1, sessions.out.lines().count(), "one session under a 24 h gap: " + sessions.out);
        assertEquals(expected, pathPx(sessions.out), 1e-9 * expected, SESSION + " path_px");
    }

    @Test
    void wheelRowsAtTheOriginAreNoPositions() throws Exception {
        final String session = "user7/session_0041905381";
        final Path file = SharedData.dataset(SharedData.BALABIT).resolve("training_files").resolve(session);
        final Pointer pointer = Pointer.read(file);
        assertEquals(3_549, pointer.wheels, session + ": wheel rows");
        assertEquals(pointer.wheels, pointer.wheelsAtOrigin, "Balabit writes every wheel row at (0, 0)");
        final double expected = pointer.path(true);
        final double withWheels = Pointer.read(file, true).path(true);
        System.out.printf("%s: path %.0f px, %.0f px with the wheel rows as positions%n", session, expected,
            withWheels);
        assertTrue(withWheels > expected + 300_000, "the wheel rows would add " + (withWheels - expected) + " px");
        final Cli sessions = Cli.run("sessions", "--journal", journal.toString(), "--device", session, "--gap", "24h",
            "--format", "jsonl");
        assertEquals(0, sessions.exitCode, sessions.toString());
        assertEquals(expected, pathPx(sessions.out), 1e-9 * expected, session + " path_px");
        final Cli heatmap = Cli.run("heatmap", "--journal", journal.toString(), "--device", session, "--out",
            dir.resolve("user7.png").toString());
        assertEquals(0, heatmap.exitCode, heatmap.toString());
        assertTrue(heatmap.out.contains(String.format("%,d pointer positions", pointer.real())), heatmap.out);
    }

    @Test
    void heatmapAndSessionsCountTheSameRealPositions() throws Exception {
        long expected = 0;
        for (final Path file : FormatEvents.files(SharedData.dataset(SharedData.BALABIT), "balabit")) {
            expected += Pointer.read(file).real();
        }
        try (Journal j = Journal.openReadOnly(journal); Scanner scanner = new Scanner(j)) {
            final Heatmap.Result heatmap = Heatmap.render(scanner, Scan.builder(), "balabit", dir.resolve("h.png"),
                1200, 760);
            final ActivityReport report = ActivityReport.run(scanner, Scan.builder().build(),
                new ActivityReport.Settings(DAY_NS, 5_000_000_000L, 60_000_000_000L));
            final long inSessions = report.sessions().stream().map(Session::activity).mapToLong(Activity::positions)
                .sum();
            final long inBuckets = report.buckets().stream().map(Bucket::activity).mapToLong(Activity::positions)
                .sum();
            assertEquals(expected, heatmap.positions(), "heatmap positions vs the files' real positions");
            assertEquals(expected, inSessions, "sessions' real positions");
            assertEquals(expected, inBuckets, "buckets' real positions");
        }
    }

    private static Path sessionFile() {
        final Path file = SharedData.dataset(SharedData.BALABIT).resolve("training_files").resolve(SESSION);
        assertTrue(Files.isRegularFile(file), file + " is part of the shared Balabit data but is missing");
        return file;
    }

    private static double pathPx(final String jsonl) throws Exception {
        try (JsonParser parser = new JsonFactory().createParser(jsonl)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.FIELD_NAME && "path_px".equals(parser.currentName())) {
                    parser.nextToken();
                    return parser.getDoubleValue();
                }
            }
        }
        throw new AssertionError("no path_px in " + jsonl);
    }

    /** One recording's pointer rows, stably sorted by time as the journal keeps them. */
    private static final class Pointer {
        private final List<long[]> rows = new ArrayList<>();
        private int sentinels;
        private int wheels;
        private int wheelsAtOrigin;

        static Pointer read(final Path file) throws IOException {
            return read(file, false);
        }

        /** With {@code isWithWheel}, the wheel rows too, as if their (0, 0) were positions. */
        static Pointer read(final Path file, final boolean isWithWheel) throws IOException {
            final Pointer pointer = new Pointer();
            for (final FormatEvents.Event e : FormatEvents.read("balabit", file)) {
                if (e.type() == EventType.WHEEL) {
                    pointer.wheelsAtOrigin += e.x() == 0 && e.y() == 0 ? 1 : 0;
                    pointer.wheels++;
                }
                if (e.type().isPointer() && (isWithWheel || e.type() != EventType.WHEEL)) {
                    pointer.add(e.timestampNs(), e.x(), e.y());
                }
            }
            pointer.rows.sort(Comparator.comparingLong(r -> r[0]));
            return pointer;
        }

        /** Travel between consecutive rows, optionally leaving the sentinel rows out. */
        double path(final boolean isSkippingSentinels) {
            double path = 0;
            long[] previous = null;
            for (final long[] row : rows) {
                if (isSkippingSentinels && isSentinel(row)) {
                    continue;
                }
                if (previous != null) {
                    path += Math.hypot((double)row[1] - previous[1], (double)row[2] - previous[2]);
                }
                previous = row;
            }
            return path;
        }

        long real() {
            return rows.stream().filter(r -> !isSentinel(r)).count();
        }

        private static boolean isSentinel(final long[] row) {
            return row[1] == BALABIT_SENTINEL && row[2] == BALABIT_SENTINEL;
        }

        private void add(final long ts, final int x, final int y) {
            rows.add(new long[] {ts, x, y});
            sentinels += x == BALABIT_SENTINEL && y == BALABIT_SENTINEL ? 1 : 0;
        }
    }
}
