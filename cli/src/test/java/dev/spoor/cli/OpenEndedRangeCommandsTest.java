/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoor.core.EdgeTimeJournal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through the commands, in this JVM: every event {@code spoor stats} counts is returned by {@code scan},
 * {@code export}, {@code sessions} and {@code heatmap} when the range is left open, the events at
 * {@code Long.MAX_VALUE} and at 0 included ({@link EdgeTimeJournal}); times and durations that epoch or
 * elapsed nanoseconds in a long cannot hold are refused, never wrapped round.
 */
@Timeout(120)
class OpenEndedRangeCommandsTest {
    private static final String MAX = Long.toString(Long.MAX_VALUE);

    @TempDir
    static Path dir;

    static Path journal;
    static EdgeTimeJournal model;

    @BeforeAll
    static void write() {
        journal = dir.resolve("edges");
        model = EdgeTimeJournal.write(journal);
    }

    @Test
    void statsScanExportSessionsAndHeatmapCountTheSameEvents() throws Exception {
        final Map<String, Long> stats = statsJson();
        assertEquals(model.events(), stats.get("events"));
        assertEquals(0, stats.get("minTs"));
        assertEquals(Long.MAX_VALUE, stats.get("maxTs"));
        final long events = stats.get("events");
        for (final List<String> range : List.of(List.<String>of(), List.of("--from", "0"),
            List.of("--from", "1970-01-01T00:00:00Z"), List.of("--to", Times.LAST_INSTANT),
            List.of("--from", Times.FIRST_INSTANT, "--to", Times.LAST_INSTANT))) {
            final Cli csv = run("scan", range);
            assertEquals(0, csv.exitCode, range + " " + csv);
            assertAllRows(csv.out, range + " scan csv");
            final Cli jsonl = run("scan", range, "--format", "jsonl");
            assertEquals(events, jsonl.out.lines().count(), range + " scan jsonl");
            assertEquals(model.eventsAt(Long.MAX_VALUE), jsonl.out.lines().filter(l -> l.contains("\"ts_nanos\":"
                + MAX + ",")).count(), range + " scan jsonl at MAX");
            for (final String name : List.of("e.csv", "e.jsonl", "e.parquet")) {
                final Path out = dir.resolve(name);
                final Cli export = run("export", range, "--out", out.toString());
                assertEquals(0, export.exitCode, range + " " + export);
                assertTrue(export.out.startsWith("exported " + events + " events"), range + " " + export.out);
                if (name.endsWith(".csv")) {
                    assertAllRows(Files.readString(out, StandardCharsets.UTF_8), range + " export csv");
                } else if (name.endsWith(".jsonl")) {
                    assertEquals(events, Files.readAllLines(out).size(), range + " export jsonl");
                }
            }
            final Cli heatmap = run("heatmap", range, "--out", dir.resolve("h.png").toString());
            final Matcher positions = Pattern.compile(": (\\d+) pointer positions").matcher(heatmap.out);
            assertTrue(heatmap.exitCode == 0 && positions.find(), range + " " + heatmap);
            assertEquals(events, Long.parseLong(positions.group(1)), range + " heatmap positions");
        }
        final Cli sessions = Cli.run("sessions", "--journal", journal.toString(), "--format", "csv");
        assertEquals(0, sessions.exitCode, sessions.toString());
        assertEquals(events, sessions.out.lines().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[5])).sum(),
            sessions.out);
        assertTrue(sessions.out.contains(Times.iso(Long.MAX_VALUE)), "a session ends at the last instant");
        final Cli sessionsJsonl = Cli.run("sessions", "--journal", journal.toString(), "--format", "jsonl");
        assertEquals(events, sessionsJsonl.out.lines().mapToLong(l -> jsonLong(l, "events")).sum(), sessionsJsonl.out);
    }

    @Test
    void anOpenEndedScanIngestsBackWhole() throws Exception {
        final Path csv = dir.resolve("whole.csv");
        assertEquals(0, Cli.run("scan", "--journal", journal.toString(), "--out", csv.toString()).exitCode);
        final Path copy = dir.resolve("copy");
        final Cli ingest = Cli.run("ingest", "--journal", copy.toString(), "--format", "csv", csv.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("ingested " + model.events() + " events"), ingest.out);
        assertEquals(Files.readString(csv), Cli.run("scan", "--journal", copy.toString()).out,
            "scan, ingest, scan again");
    }

    @Test
    void aScanFromTheLastInstantReturnsTheEventsAtIt() throws Exception {
        final List<String> last = List.of("--from", Times.LAST_INSTANT);
        final Cli scan = run("scan", last);
        assertEquals(0, scan.exitCode, scan.toString());
        assertCsvRows(scan.out, model.eventsAt(Long.MAX_VALUE), model.eventsAt(Long.MAX_VALUE), 0,
            "scan from the last instant");
        final Path out = dir.resolve("last.jsonl");
        final Cli export = run("export", last, "--out", out.toString());
        assertEquals(0, export.exitCode, export.toString());
        assertEquals(model.eventsAt(Long.MAX_VALUE), Files.readAllLines(out).size(), export.toString());
        final Cli beforeLast = run("scan", List.of("--to", "2262-04-11T23:47:16.854Z"));
        assertCsvRows(beforeLast.out, model.events() - model.eventsAt(Long.MAX_VALUE), 0, model.eventsAt(0),
            "an --to before the last instant stays exclusive");
    }

    /** The ISO-8601 forms people write: offsets without a colon or minutes, a lower-case z, a date alone. */
    @Test
    void commonIsoFormsAreTheSameInstantAndAZonelessOneIsRefusedSayingSo() {
        for (final String same : List.of("2026-01-01T02:00:00+02:00", "2026-01-01T02:00:00+0200",
            "2026-01-01T02:00:00+02", "2026-01-01T00:00:00z", "2026-01-01")) {
            assertEquals(1_767_225_600_000_000_000L, Times.epochNs("--from", same), same);
        }
        final IllegalArgumentException zoneless = assertThrows(IllegalArgumentException.class,
            () -> Times.epochNs("--from", "2026-01-01T00:00:00"));
        assertTrue(zoneless.getMessage().contains("has no time zone: add Z for UTC or an offset such as +02:00"),
            zoneless.getMessage());
        final long leap = Times.epochNs("--to", "2016-12-31T23:59:60Z");
        assertTrue(leap >= Times.epochNs("--to", "2016-12-31T23:59:59Z") && leap < Times.epochNs("--to",
            "2017-01-01T00:00:00Z"), "a leap second is still read: " + leap);
    }

    /** Durations as spans together, and zero refused as not positive rather than as no duration. */
    @Test
    void durationsTakeSpansTogetherAndRefuseZeroForWhatItIs() {
        assertEquals(5_400_000_000_000L, Times.durationNs("--gap", "1h30m"));
        assertEquals(Times.durationNs("--gap", "PT1H30M"), Times.durationNs("--gap", "90m"));
        assertEquals(2_500L * 1_000_000L, Times.durationNs("--gap", "2s500ms"));
        for (final String zero : List.of("0", "0s", "PT0S")) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Times.durationNs("--gap", zero));
            assertTrue(e.getMessage().equals("--gap: '" + zero + "' must be positive"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Times.durationNs("--gap", "1h30"));
    }

    /** Epoch seconds given where epoch ms are read would select 1970 and match nothing, silently: refused. */
    @Test
    void epochSecondsAreRefusedNamingBothReadings() {
        final Cli scan = run("scan", List.of("--from", "1451606401"));
        assertEquals(2, scan.exitCode, scan.toString());
        assertTrue(scan.err.contains("--from: '1451606401' read as epoch milliseconds is 1970-01-17T19:13:26.401Z; if"
            + " it is epoch seconds (2016-01-01T00:00:01Z), write 1451606401000 or the instant"), scan.err);
        assertEquals(0, run("scan", List.of("--from", "1451606401000")).exitCode);
        assertEquals(0, run("scan", List.of("--from", "99999999")).exitCode, "1970-01-02, in ms: taken as given");
        final Cli date = run("scan", List.of("--to", "20160101"));
        assertTrue(date.exitCode == 2 && date.err.contains("--to: '20160101' read as epoch milliseconds is"
            + " 1970-01-01T05:36:00.101Z; if it is the date 2016-01-01, write 2016-01-01"), date.toString());
        final Cli nanos = run("scan", List.of("--from", "1451608200000000000"));
        assertTrue(nanos.exitCode == 2 && nanos.err.contains("read as epoch milliseconds; if it is epoch"
            + " nanoseconds (2016-01-01T00:30:00Z), write the instant"), nanos.toString());
    }

    @Test
    void timesALongCannotHoldAreRefusedNotWrapped() {
        for (final List<String> range : List.of(List.of("--from", "2300-01-01T00:00:00Z"),
            List.of("--to", "1600-01-01T00:00:00Z"), List.of("--from", MAX), List.of("--to", "-" + MAX),
            List.of("--from", "99999999999999999999"))) {
            final Cli scan = run("scan", range);
            assertEquals(2, scan.exitCode, range + " " + scan);
            assertTrue(scan.err.contains("spoor scan: " + range.get(0) + ": '" + range.get(1) + "' is outside "
                + Times.FIRST_INSTANT + " .. " + Times.LAST_INSTANT), scan.err);
        }
    }

    @Test
    void durationsALongCannotHoldAreRefusedNotWrapped() {
        // 213504 days wrap round to about 25 minutes: a retention limit that would delete all but the last half hour.
        final Cli retain = Cli.run("retain", "--journal", journal.toString(), "--keep", "213504d");
        assertEquals(2, retain.exitCode, retain.toString());
        assertTrue(retain.err.contains("--keep: '213504d' is longer than " + MAX + " ns"), retain.err);
        final Cli gap = Cli.run("sessions", "--journal", journal.toString(), "--gap", "PT2562048H");
        assertEquals(2, gap.exitCode, gap.toString());
        assertTrue(gap.err.contains("--gap: 'PT2562048H' is longer than"), gap.err);
        assertEquals(model.events(), statsJson().get("events"), "nothing was deleted");
    }

    private static Cli run(final String command, final List<String> range, final String... more) {
        final List<String> args = new ArrayList<>(List.of(command, "--journal", journal.toString()));
        args.addAll(range);
        args.addAll(List.of(more));
        return Cli.run(args.toArray(new String[0]));
    }

    /** A scan's CSV: the header, then {@code events} rows, {@code atMax} of them at Long.MAX_VALUE, atZero at 0. */
    private static void assertCsvRows(final String csv, final long events, final long atMax, final long atZero,
        final String what) {
        final List<String> lines = csv.lines().toList();
        assertEquals("device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers", lines.get(0), what);
        assertEquals(events, lines.size() - 1, what);
        assertEquals(atMax, lines.stream().skip(1).filter(l -> l.split(",")[1].equals(MAX)).count(), what + " at MAX");
        assertEquals(atZero, lines.stream().skip(1).filter(l -> l.split(",")[1].equals("0")).count(), what + " at 0");
    }

    private static void assertAllRows(final String csv, final String what) {
        assertCsvRows(csv, model.events(), model.eventsAt(Long.MAX_VALUE), model.eventsAt(0), what);
    }

    private static Map<String, Long> statsJson() {
        final Cli stats = Cli.run("stats", "--journal", journal.toString(), "--json");
        assertEquals(0, stats.exitCode, stats.toString());
        final Map<String, Long> fields = new HashMap<>();
        for (final String name : List.of("events", "minTs", "maxTs")) {
            fields.put(name, jsonLong(stats.out, name));
        }
        return fields;
    }

    private static long jsonLong(final String json, final String name) {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.FIELD_NAME && name.equals(parser.currentName())) {
                    parser.nextToken();
                    return parser.getLongValue();
                }
            }
        } catch (final java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError(name + " missing from " + json);
    }
}
