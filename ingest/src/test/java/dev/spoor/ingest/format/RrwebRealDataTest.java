/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoor.codec.Buttons;
import dev.spoor.codec.EventType;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.ingest.Ingest;
import dev.spoor.ingest.IngestReport;
import dev.spoor.ingest.InputFiles;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real rrweb recording (rrweb-player's demo, MIT, copied with its LICENSE into test resources
 * {@code rrweb-player-demo/}) ingested into a journal and read back, every stored event compared with an
 * independent parse of the file by Jackson's tree model: the same events, times and coordinates, nothing of the
 * page (its URL) anywhere in the journal's files.
 */
class RrwebRealDataTest {
    private static final String DEVICE = "rrweb/8dda0c07-b950-47ec-a5ea-3d25746042bf";
    private static final String HREF = "https://demoit.app/e/react#ReactHooks.js";

    @TempDir
    Path tmp;

    /** One expected event, from the tree. */
    private record Expected(long timestampNs, EventType type, int x, int y, int a) {
    }

    @Test
    @Timeout(120)
    void everyStoredEventIsTheFilesOwnAndTheRestIsCounted() throws Exception {
        final Path source = copyOfDemo();
        final JsonNode events = tree(source);
        assertEquals(272, events.size(), "events in the demo (its README)");
        final List<Expected> expected = expectedEvents(events);
        assertEquals(87, count(expected, EventType.MOVE), "positions in 18 MouseMove batches (README)");
        assertEquals(3, count(expected, EventType.BUTTON_DOWN));
        assertEquals(3, count(expected, EventType.BUTTON_UP));

        final Path dir = tmp.resolve("journal");
        final RecordingFormat rrweb = Formats.byName("rrweb");
        final IngestReport report;
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            report = Ingest.into(journal).format(rrweb).threads(1).run(InputFiles.find(rrweb, List.of(source)));
        }
        assertEquals(0, report.rejections().total(), report.rejections().first().toString());
        assertEquals(expected.size(), report.eventsAppended());

        final List<dev.spoor.query.scan.Event> stored;
        final long blockBytes;
        try (Journal journal = Journal.openReadOnly(dir); Scanner scanner = new Scanner(journal)) {
            try (Stream<dev.spoor.query.scan.Event> all = scanner.stream(Scan.builder().build())) {
                stored = all.collect(Collectors.toList());
            }
            blockBytes = journal.stats().blockBytes();
        }
        final List<Expected> actual = new ArrayList<>();
        for (final dev.spoor.query.scan.Event e : stored) {
            assertEquals(DEVICE, e.deviceKey());
            assertEquals(0, e.xFraction() | e.yFraction(), "the demo's coordinates are whole pixels: " + e);
            actual.add(new Expected(e.timestampNs(), e.type(), e.x(), e.y(), e.buttons()));
        }
        for (int i = 1; i < actual.size(); i++) {
            assertTrue(actual.get(i - 1).timestampNs() <= actual.get(i).timestampNs(), "stored in time order at " + i);
        }
        assertEquals(expected, actual, "every stored event, in time order");
        assertNotStoredIsCounted(report.rejections().warnings(), events);
        assertFalse(anyFileHolds(dir, HREF.getBytes(StandardCharsets.UTF_8)), "the page URL is in the journal");
        assertFalse(anyFileHolds(dir, "demoit".getBytes(StandardCharsets.UTF_8)), "the host is in the journal");
        System.out.printf("rrweb-player-demo: %,d source bytes, %,d events: %.1f source bytes/event; journal blocks"
            + " %,d bytes, %.2f bytes/event%n", Files.size(source), actual.size(),
            Files.size(source) / (double)actual.size(), blockBytes, blockBytes / (double)actual.size());

        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final IngestReport again = Ingest.into(journal).format(rrweb).threads(1).run(List.of(source));
            assertTrue(again.isNothingToDo(), "a re-run finds the file stored whole");
        }
    }

    @Test
    @Timeout(60)
    void fractionsOfAPixelAndOfAMillisecondGoThroughTheJournalExactly() throws IOException {
        final Path file = Files.writeString(tmp.resolve("hidpi.jsonl"), "{\"type\":3,\"data\":{\"source\":1,"
            + "\"positions\":[{\"x\":1175.421875,\"y\":-0.5,\"timeOffset\":-16.25},{\"x\":3,\"y\":4,"
            + "\"timeOffset\":0}]},\"timestamp\":1700000000000.123456,\"sessionId\":\"hidpi\"}\n"
            + "{\"type\":3,\"data\":{\"source\":2,\"type\":1,\"x\":10.75,\"y\":20.25},\"timestamp\":1700000000001}\n",
            StandardCharsets.UTF_8);
        final Path dir = tmp.resolve("journal");
        final RecordingFormat rrweb = Formats.byName("rrweb");
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            Ingest.into(journal).format(rrweb).threads(1).run(List.of(file));
        }
        final List<dev.spoor.query.scan.Event> stored;
        try (Journal journal = Journal.openReadOnly(dir); Scanner scanner = new Scanner(journal);
             Stream<dev.spoor.query.scan.Event> all = scanner.stream(Scan.builder().build())) {
            stored = all.collect(Collectors.toList());
        }
        assertEquals(3, stored.size(), stored.toString());
        assertEquals(1_700_000_000_000_123_456L - 16_250_000L, stored.get(0).timestampNs());
        assertEquals(1175.421875, stored.get(0).xPixels());
        assertEquals(-0.5, stored.get(0).yPixels());
        assertEquals(1_700_000_000_000_123_456L, stored.get(1).timestampNs());
        assertEquals(3.0, stored.get(1).xPixels());
        assertEquals(EventType.BUTTON_DOWN, stored.get(2).type());
        assertEquals(10.75, stored.get(2).xPixels());
        assertEquals(20.25, stored.get(2).yPixels());
    }

    /** What the file holds, by the tree: each position a move, MouseDown/Up a down/up, a left drag between. */
    private static List<Expected> expectedEvents(final JsonNode events) {
        final List<Expected> moves = new ArrayList<>();
        final List<Expected> buttons = new ArrayList<>();
        for (final JsonNode event : events) {
            final JsonNode data = event.get("data");
            if (event.get("type").asInt() != 3) {
                continue;
            }
            final long ms = event.get("timestamp").longValue();
            final int source = data.get("source").asInt();
            if (source == 1) {
                for (final JsonNode p : data.get("positions")) {
                    assertTrue(p.get("x").isInt() && p.get("y").isInt() && p.get("timeOffset").isInt(), p.toString());
                    moves.add(new Expected((ms + p.get("timeOffset").longValue()) * 1_000_000L, EventType.MOVE,
                        p.get("x").intValue(), p.get("y").intValue(), 0));
                }
            } else if (source == 2 && data.get("type").asInt() <= 1) {
                buttons.add(new Expected(ms * 1_000_000L, data.get("type").asInt() == 1 ? EventType.BUTTON_DOWN
                    : EventType.BUTTON_UP, data.get("x").intValue(), data.get("y").intValue(), Buttons.LEFT));
            }
        }
        final List<Expected> all = new ArrayList<>();
        for (final Expected move : moves) {
            all.add(new Expected(move.timestampNs(), move.type(), move.x(), move.y(), isHeld(buttons, move)));
        }
        all.addAll(buttons);
        all.sort(Comparator.comparingLong(Expected::timestampNs));
        return all;
    }

    /** LEFT when a down is before the move and its up after it; no move shares a time with a button here. */
    private static int isHeld(final List<Expected> buttons, final Expected move) {
        int held = 0;
        for (final Expected b : buttons) {
            assertTrue(b.timestampNs() != move.timestampNs(), "no tie between a move and a button in the demo");
            if (b.timestampNs() < move.timestampNs()) {
                held = b.type() == EventType.BUTTON_DOWN ? Buttons.LEFT : 0;
            }
        }
        return held;
    }

    private static void assertNotStoredIsCounted(final List<String> warnings, final JsonNode events) {
        final Map<String, Long> byKind = new TreeMap<>();
        for (final JsonNode event : events) {
            final int type = event.get("type").asInt();
            final JsonNode data = event.get("data");
            final String kind = type == 2 ? "full snapshots" : type == 4 ? "meta"
                : data.get("source").asInt() == 0 ? "DOM mutations" : data.get("source").asInt() == 3 ? "scrolls"
                : data.get("source").asInt() == 5 ? "inputs" : data.get("source").asInt() != 2 ? "-"
                : data.get("type").asInt() == 2 ? "clicks that repeat a mouse up"
                : data.get("type").asInt() >= 5 && data.get("type").asInt() <= 6 ? "focus/blur" : "-";
            byKind.merge(kind, 1L, Long::sum);
        }
        assertEquals(Map.of("-", 18L + 6L, "full snapshots", 1L, "meta", 1L, "DOM mutations", 226L, "scrolls", 12L,
            "clicks that repeat a mouse up", 3L, "focus/blur", 5L), byKind, "the README's counts");
        assertEquals(1, warnings.size(), warnings.toString());
        final String summary = warnings.get(0);
        assertTrue(summary.contains("viewport 1166 x 705 CSS px"), summary);
        byKind.put("inputs", 0L);
        byKind.remove("-");
        for (final Map.Entry<String, Long> kind : byKind.entrySet()) {
            final String part = " " + kind.getValue() + " " + kind.getKey();
            assertTrue(summary.contains(part), summary + " should say" + part);
        }
        assertTrue(summary.contains(" 0 clicks without a mouse up"), summary);
        assertFalse(summary.contains("demoit"), summary);
    }

    private static long count(final List<Expected> events, final EventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    /** The array part of events.js, parsed whole by Jackson's tree model: the reference. */
    private static JsonNode tree(final Path file) throws IOException {
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        final JsonNode array = new ObjectMapper().readTree(text.substring(text.indexOf('['),
            text.lastIndexOf(']') + 1));
        assertTrue(array.isArray());
        return array;
    }

    private Path copyOfDemo() throws IOException, URISyntaxException {
        final Path folder = Files.createDirectories(tmp.resolve("rrweb-player-demo"));
        for (final String name : new String[] {"events.js", "LICENSE"}) {
            try (InputStream in = RrwebRealDataTest.class.getResourceAsStream("/rrweb-player-demo/" + name)) {
                assertTrue(in != null, name + " in test resources");
                Files.copy(in, folder.resolve(name));
            }
        }
        return folder.resolve("events.js");
    }

    private static boolean anyFileHolds(final Path dir, final byte[] needle) throws IOException {
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        assertFalse(files.isEmpty());
        for (final Path file : files) {
            final byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                int k = 0;
                while (k < needle.length && bytes[i + k] == needle[k]) {
                    k++;
                }
                if (k == needle.length) {
                    return true;
                }
            }
        }
        return false;
    }
}
