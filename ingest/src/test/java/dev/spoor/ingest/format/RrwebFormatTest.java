/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.SubPixel;
import dev.spoor.codec.Buttons;
import dev.spoor.codec.EventType;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RejectionKind;
import dev.spoor.ingest.SourceReader;
import dev.spoor.testkit.Bounded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static dev.spoor.ingest.format.RejectionAssert.assertRejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RrwebFormatTest {
    private static final String SESSION = "rrweb/s-1";
    private static final long T = 1_700_000_000_000L;
    private static final long MS = 1_000_000L;
    /** Meta, a snapshot, a batch of three moves, a press (down, up, click), a scroll, an input and a blur. */
    private static final String[] EVENTS = {
        "{\"type\":4,\"data\":{\"href\":\"https://secret.example/a\",\"width\":1280,\"height\":720},"
            + "\"timestamp\":" + T + ",\"sessionId\":\"s-1\"}",
        "{\"type\":2,\"data\":{\"node\":{\"type\":0,\"childNodes\":[{\"type\":3,\"textContent\":\"hi\"}]},"
            + "\"initialOffset\":{\"left\":0,\"top\":0}},\"timestamp\":" + (T + 1) + ",\"sessionId\":\"s-1\"}",
        "{\"type\":3,\"data\":{\"source\":1,\"positions\":[{\"x\":10,\"y\":20,\"id\":5,\"timeOffset\":-300},"
            + "{\"x\":11,\"y\":21,\"id\":5,\"timeOffset\":-200},{\"x\":12,\"y\":22,\"id\":5,\"timeOffset\":0}]},"
            + "\"timestamp\":" + (T + 500) + ",\"sessionId\":\"s-1\"}",
        "{\"type\":3,\"data\":{\"source\":2,\"type\":1,\"id\":5,\"x\":12,\"y\":22},\"timestamp\":" + (T + 600) + "}",
        "{\"type\":3,\"data\":{\"source\":2,\"type\":0,\"id\":5,\"x\":12,\"y\":22},\"timestamp\":" + (T + 700) + "}",
        "{\"type\":3,\"data\":{\"source\":2,\"type\":2,\"id\":5,\"x\":12,\"y\":22},\"timestamp\":" + (T + 700) + "}",
        "{\"type\":3,\"data\":{\"source\":3,\"id\":1,\"x\":0,\"y\":300},\"timestamp\":" + (T + 800) + "}",
        "{\"type\":3,\"data\":{\"source\":5,\"text\":\"*****\",\"isChecked\":false,\"id\":7},\"timestamp\":"
            + (T + 900) + "}",
        "{\"type\":3,\"data\":{\"source\":2,\"type\":6,\"id\":7},\"timestamp\":" + (T + 950) + "}"};
    private static final List<Event> EXPECTED = List.of(
        Event.move(SESSION, (T + 200) * MS, 10, 20, 0),
        Event.move(SESSION, (T + 300) * MS, 11, 21, 0),
        Event.move(SESSION, (T + 500) * MS, 12, 22, 0),
        Event.down(SESSION, (T + 600) * MS, 12, 22, Buttons.LEFT),
        Event.up(SESSION, (T + 700) * MS, 12, 22, Buttons.LEFT));

    /** Text in the big snapshot: above Jackson's default limit on a string's length (20 M). */
    private static final int HUGE_TEXT_BYTES = 24 << 20;
    /** Nesting of the big snapshot: above Jackson's default limit (1,000). */
    private static final int DEPTH = 3_000;

    private final RrwebFormat format = new RrwebFormat();

    @TempDir
    Path dir;

    @Test
    void anArrayJsonLinesAndEventsJsGiveTheSameEvents() throws IOException {
        final String array = "[" + String.join(",", EVENTS) + "]";
        final String[] forms = {
            array,
            "[\n  " + String.join(",\n  ", EVENTS) + "\n]\n",
            String.join("\n", EVENTS) + "\n",
            String.join("\r\n", EVENTS) + "\r\n",
            "/* eslint-disable */\n// prettier-ignore\nconst events = " + array + ";\n",
            "\uFEFF// a comment with [brackets] and = signs\nwindow.events=" + array,
            "\uFEFF" + array};
        for (final String form : forms) {
            final Path file = write("events.js", form);
            final Reads reads = Reads.of(format, file);
            assertEquals(EXPECTED, reads.events, form);
            assertEquals(List.of(), reads.rejections(), form);
            assertEquals(Files.size(file), reads.bytesCovered, form);
            assertEquals(1, reads.diagnostics.warnings.size(), form);
        }
    }

    @Test
    void whatIsNotStoredIsCountedAndTheViewportReported() throws IOException {
        final Path file = write("events.jsonl", String.join("\n", EVENTS) + "\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(5, reads.events.size());
        final String summary = reads.diagnostics.warnings.get(0);
        assertTrue(summary.contains("viewport 1280 x 720 CSS px"), summary);
        for (final String part : new String[] {"1 meta", "1 full snapshots", "0 DOM mutations", "1 scrolls",
            "1 inputs", "1 focus/blur", "1 clicks that repeat a mouse up", "0 clicks without a mouse up"}) {
            assertTrue(summary.contains(part), summary + " should say " + part);
        }
        assertFalse(summary.contains("secret"), summary);
    }

    @Test
    void aClickRepeatsTheMouseUpJustBeforeItOtherwiseItIsAPress() throws IOException {
        final Path file = write("clicks.jsonl", ""
            + interaction(1, 100, 1, 1) + interaction(0, 101, 1, 1) + interaction(2, 101 + 20, 1, 1)
            + interaction(2, 200, 2, 2)
            + interaction(1, 300, 3, 3) + interaction(0, 301, 3, 3) + interaction(2, 301 + 21, 3, 3)
            + interaction(1, 400, 4, 4) + interaction(2, 410, 4, 4)
            + interaction(7, 500, 5, 5) + interaction(9, 510, 5, 5) + interaction(2, 510 + 300, 5, 5)
            + interaction(7, 900, 6, 6) + interaction(9, 910, 6, 6) + interaction(2, 910 + 501, 6, 6));
        final Reads reads = Reads.of(format, file);
        final String key = "rrweb/" + dir.getFileName() + "/clicks.jsonl";
        assertEquals(List.of(
            Event.down(key, (T + 100) * MS, 1, 1, Buttons.LEFT),
            Event.up(key, (T + 101) * MS, 1, 1, Buttons.LEFT),
            Event.down(key, (T + 200) * MS, 2, 2, Buttons.LEFT), // a click alone: a press
            Event.up(key, (T + 200) * MS, 2, 2, Buttons.LEFT),
            Event.down(key, (T + 300) * MS, 3, 3, Buttons.LEFT),
            Event.up(key, (T + 301) * MS, 3, 3, Buttons.LEFT),
            Event.down(key, (T + 322) * MS, 3, 3, Buttons.LEFT), // 21 ms after the up: another press
            Event.up(key, (T + 322) * MS, 3, 3, Buttons.LEFT),
            Event.down(key, (T + 400) * MS, 4, 4, Buttons.LEFT),
            Event.up(key, (T + 410) * MS, 4, 4, Buttons.LEFT), // a click while held releases
            Event.down(key, (T + 500) * MS, 5, 5, Buttons.LEFT),
            Event.up(key, (T + 510) * MS, 5, 5, Buttons.LEFT), // a tap's click 300 ms late is the tap's
            Event.down(key, (T + 900) * MS, 6, 6, Buttons.LEFT),
            Event.up(key, (T + 910) * MS, 6, 6, Buttons.LEFT),
            Event.down(key, (T + 1411) * MS, 6, 6, Buttons.LEFT), // 501 ms after: another press
            Event.up(key, (T + 1411) * MS, 6, 6, Buttons.LEFT)),
            reads.events, reads.describe());
        assertEquals(List.of(), reads.rejections());
    }

    @Test
    void movesComeOutInTimeOrderCarryingTheButtonsHeldThen() throws IOException {
        final Path file = write("drag.json", "["
            + "{\"type\":3,\"data\":{\"source\":2,\"type\":1,\"x\":5,\"y\":5,\"button\":2},\"timestamp\":" + (T + 250)
            + "},"
            + batch(T + 500, "{\"x\":1,\"y\":1,\"timeOffset\":-400},{\"x\":2,\"y\":2,\"timeOffset\":-100}") + ","
            + "{\"type\":3,\"data\":{\"source\":2,\"type\":0,\"x\":3,\"y\":3,\"button\":2},\"timestamp\":" + (T + 450)
            + "},"
            + "{\"type\":3,\"data\":{\"source\":2,\"type\":7,\"x\":7,\"y\":7},\"timestamp\":" + (T + 600) + "},"
            + "{\"type\":3,\"data\":{\"source\":6,\"positions\":[{\"x\":8,\"y\":8,\"timeOffset\":0}]},\"timestamp\":"
            + (T + 650) + "},"
            + "{\"type\":3,\"data\":{\"source\":2,\"type\":9,\"x\":9,\"y\":9},\"timestamp\":" + (T + 700) + "}]");
        final Reads reads = Reads.of(format, file);
        final String key = "rrweb/" + dir.getFileName() + "/drag.json";
        assertEquals(List.of(
            Event.move(key, (T + 100) * MS, 1, 1, 0),
            Event.down(key, (T + 250) * MS, 5, 5, Buttons.RIGHT),
            Event.move(key, (T + 400) * MS, 2, 2, Buttons.RIGHT),
            Event.up(key, (T + 450) * MS, 3, 3, Buttons.RIGHT),
            Event.down(key, (T + 600) * MS, 7, 7, Buttons.LEFT),
            Event.move(key, (T + 650) * MS, 8, 8, Buttons.LEFT),
            Event.up(key, (T + 700) * MS, 9, 9, Buttons.LEFT)), reads.events, reads.describe());
    }

    @Test
    void fractionalPixelsAndMillisecondsAreKeptExactly() throws IOException {
        final Path file = write("hidpi.jsonl", "{\"type\":3,\"data\":{\"source\":1,\"positions\":["
            + "{\"x\":1175.421875,\"y\":-0.5,\"timeOffset\":-16.25}]},\"timestamp\":1700000000000.123456}\n");
        final EventBuffer buffer = new EventBuffer(8);
        try (SourceReader reader = format.open(file, ParseOptions.defaults(), new CollectingDiagnostics())) {
            assertEquals(1, reader.read(buffer));
        }
        assertEquals(1_700_000_000_000_123_456L - 16_250_000L, buffer.timestampNs(0));
        assertEquals(EventType.MOVE.code(), buffer.typeCode(0));
        assertEquals(1175, buffer.x(0));
        assertEquals(108, buffer.xFraction(0));
        assertEquals(-1, buffer.y(0));
        assertEquals(128, buffer.yFraction(0));
    }

    @Test
    void aBadEventIsRejectedByLineFieldAndValueAndTheRestGoIn() throws IOException {
        final Path file = write("bad.jsonl", ""
            + batch(T, "{\"x\":1,\"y\":1,\"timeOffset\":0},{\"x\":\"left\",\"y\":1,\"timeOffset\":0}") + "\n"
            + "{\"type\":3,\"data\":{\"source\":2,\"type\":1,\"x\":1,\"y\":1}}\n"
            + "{\"type\":3,\"data\":{\"source\":2,\"type\":1,\"x\":1,\"y\":1,\"button\":9},\"timestamp\":" + T + "}\n"
            + "{\"type\":3,\"data\":{\"source\":1,\"positions\":[]},\"timestamp\":-5}\n"
            + "[1,2]\n"
            + batch(T + 1, "{\"x\":4,\"y\":4,\"timeOffset\":0}") + "\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("rrweb/" + dir.getFileName() + "/bad.jsonl", (T + 1) * MS, 4, 4, 0)),
            reads.events, reads.describe());
        assertEquals(5, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 1, RejectionKind.MALFORMED, "data.positions[1].x", "left",
            "is not a number");
        assertRejection(reads.rejections().get(1), file, 2, RejectionKind.MALFORMED, "timestamp", null,
            "is missing");
        assertRejection(reads.rejections().get(2), file, 3, RejectionKind.MALFORMED, "data.button", "9",
            "is not a mouse button");
        assertRejection(reads.rejections().get(3), file, 4, RejectionKind.TIMESTAMP_OUT_OF_RANGE, "timestamp", "-5",
            "before 1970");
        assertRejection(reads.rejections().get(4), file, 5, RejectionKind.MALFORMED, null, "[1,2]",
            "is not a JSON object");
    }

    /** A press without x and y is at the pointer's last position; before any position there is none to invent. */
    @Test
    void aPressWithoutAPositionTakesTheLastOneAndIsRejectedBeforeAny() throws IOException {
        final String down = "{\"type\":3,\"data\":{\"source\":2,\"type\":1,\"id\":1},\"timestamp\":%d}";
        final Path file = write("nopoint.jsonl", String.format(down, T) + "\n"
            + batch(T + 10, "{\"x\":5,\"y\":6,\"timeOffset\":0}") + "\n"
            + String.format(down, T + 20) + "\n");
        final Reads reads = Reads.of(format, file);
        final String key = "rrweb/" + dir.getFileName() + "/nopoint.jsonl";
        assertEquals(List.of(Event.move(key, (T + 10) * MS, 5, 6, 0), Event.down(key, (T + 20) * MS, 5, 6,
            Buttons.LEFT)), reads.events, reads.describe());
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 1, RejectionKind.MALFORMED, "data.x", null,
            "no earlier event gave the pointer's position");
    }

    @Test
    void aNameTwiceInOneEventIsRejected() throws IOException {
        final Path file = write("twice.jsonl", batch(T, "{\"x\":1,\"y\":1,\"timeOffset\":0}") + "\n"
            + batch(T + 100, "{\"x\":2,\"y\":2,\"timeOffset\":0}").replace("}", ",\"timestamp\":1}") + "\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(1, reads.events.size(), reads.describe());
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertEquals(2, reads.rejections().get(0).line());
        assertTrue(reads.rejections().get(0).reason().contains("Duplicate field"), reads.describe());
    }

    /**
     * Objects one per line are JSONL: a line that is not one JSON object is rejected alone and its event is not
     * taken (broken JSON, two objects, text after the object, a byte that is not UTF-8), the lines after it are
     * read, and an unfinished last line is held back, as in every line format.
     */
    @Test
    void aBadLineOfObjectsOnePerLineIsRejectedAloneAndItsEventNotTaken() throws IOException {
        final String good = batch(T, "{\"x\":1,\"y\":1,\"timeOffset\":0}");
        final String complete = good + "\n"
            + "{\"type\":3,\"data\":{\"source\":1,\"positions\":[{\"x\":2\n"
            + batch(T + 2, "{\"x\":3,\"y\":3,\"timeOffset\":0}") + " " + batch(T + 3,
                "{\"x\":4,\"y\":4,\"timeOffset\":0}") + "\n"
            + batch(T + 4, "{\"x\":5,\"y\":5,\"timeOffset\":0}") + " tail\n"
            + batch(T + 5, "{\"x\":6,\"y\":6,\"timeOffset\":0}").replace("\"x\":6", "\"x\":6,\"n\":\"\u00e9\"")
            + "\n"
            + batch(T + 6, "{\"x\":7,\"y\":7,\"timeOffset\":0}") + "\n";
        final Path file = dir.resolve("lines.jsonl");
        final byte[] latin1 = complete.getBytes(StandardCharsets.ISO_8859_1); // line 5's e-acute as one byte
        final byte[] cut = batch(T + 7, "{\"x\":8,\"y\":8,\"timeOffset\":0}").getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = Arrays.copyOf(latin1, latin1.length + cut.length);
        System.arraycopy(cut, 0, bytes, latin1.length, cut.length);
        Files.write(file, bytes);
        final Reads reads = Reads.of(format, file);
        final String key = "rrweb/" + dir.getFileName() + "/lines.jsonl";
        assertEquals(List.of(Event.move(key, T * MS, 1, 1, 0), Event.move(key, (T + 6) * MS, 7, 7, 0)), reads.events,
            reads.describe());
        assertEquals(List.of(RejectionKind.MALFORMED, RejectionKind.MALFORMED, RejectionKind.MALFORMED,
            RejectionKind.NOT_UTF8, RejectionKind.INCOMPLETE_LAST_LINE), reads.kinds(), reads.describe());
        assertEquals(2, reads.rejections().get(0).line());
        assertTrue(reads.rejections().get(0).reason().contains("is not JSON"), reads.describe());
        assertEquals(3, reads.rejections().get(1).line());
        assertTrue(reads.rejections().get(1).reason().contains("more than one JSON value"), reads.describe());
        assertEquals(4, reads.rejections().get(2).line());
        assertEquals(5, reads.rejections().get(3).line());
        assertEquals(7, reads.rejections().get(4).line());
        assertEquals(latin1.length, reads.bytesCovered, "the unfinished last line is not covered");
        assertEquals(6, reads.linesRead);
    }

    @Test
    void aCutArrayIsNamedWithLineColumnAndWhatWasExpected() throws IOException {
        final String whole = "[\n" + EVENTS[2] + ",\n" + EVENTS[3] + ",\n" + EVENTS[4] + "\n]\n";
        final Path atComma = write("cut.json", whole.substring(0, whole.indexOf(EVENTS[4]) - 2));
        final Reads reads = Reads.of(format, atComma);
        assertEquals(4, reads.events.size(), reads.describe());
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), atComma, 3, RejectionKind.MALFORMED, null, null,
            "the file ends at line 3 column ");
        assertTrue(reads.rejections().get(0).reason().contains("expected ',' and another event or the closing ']'"),
            reads.describe());
        final Path inEvent = write("cut2.json", whole.substring(0, whole.indexOf(EVENTS[4]) + 30));
        final Reads inside = Reads.of(format, inEvent);
        assertEquals(4, inside.events.size(), inside.describe());
        assertRejection(inside.rejections().get(0), inEvent, 4, RejectionKind.MALFORMED, null, null,
            "the file ends at line 4 column 31 inside an event: expected the rest of it and the array's closing ']'");
        assertEquals(Files.size(inEvent), inside.bytesCovered);
    }

    @Test
    void aFileThatIsNotRrwebIsRejectedWhole() throws IOException {
        final Path file = write("notes.js", "// notes\nfunction f() { return [1]; }\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(), reads.events);
        assertRejection(reads.rejections().get(0), file, 2, RejectionKind.MALFORMED, null, null, "is not rrweb");
        final Path garbage = write("g.json", "[" + EVENTS[6] + " x]");
        final Reads broken = Reads.of(format, garbage);
        assertRejection(broken.rejections().get(0), garbage, 1, RejectionKind.MALFORMED, null, null,
            "is not JSON at line 1 column ");
    }

    @Test
    void theDeviceIsTheFirstSessionIdElseTheFolderAndFile() throws IOException {
        assertEquals(SESSION, Reads.of(format, write("a.json", "[" + EVENTS[0] + "," + EVENTS[2] + "]"))
            .events.get(0).device());
        assertEquals("rrweb/" + dir.getFileName() + "/b.json",
            Reads.of(format, write("b.json", "[" + EVENTS[3] + "]")).events.get(0).device());
    }

    @Test
    void anEventMoreThanTheWindowLateIsStoredLateAndCounted() throws IOException {
        final long late = RrwebReader.REORDER_WINDOW_MS + 1;
        final Path file = write("late.jsonl", batch(T + late, "{\"x\":1,\"y\":1,\"timeOffset\":0}") + "\n"
            + batch(T + 1, "{\"x\":2,\"y\":2,\"timeOffset\":-1}") + "\n"
            + batch(T + late - 1, "{\"x\":3,\"y\":3,\"timeOffset\":0}") + "\n");
        final Reads reads = Reads.of(format, file);
        final String key = "rrweb/" + dir.getFileName() + "/late.jsonl";
        assertEquals(List.of(
            Event.move(key, T * MS, 2, 2, 0), // within the window of the first batch: in order
            Event.move(key, (T + late - 1) * MS, 3, 3, 0),
            Event.move(key, (T + late) * MS, 1, 1, 0)), reads.events, reads.describe());
        final Path later = write("later.jsonl", batch(T + 1, "{\"x\":1,\"y\":1,\"timeOffset\":0}") + "\n"
            + batch(T + late + 2, "{\"x\":4,\"y\":4,\"timeOffset\":0}") + "\n" // T + 1 is out of the window now
            + batch(T, "{\"x\":2,\"y\":2,\"timeOffset\":0}") + "\n");
        final Reads lateReads = Reads.of(format, later);
        final String laterKey = "rrweb/" + dir.getFileName() + "/later.jsonl";
        assertEquals(List.of(
            Event.move(laterKey, (T + 1) * MS, 1, 1, 0),
            Event.move(laterKey, T * MS, 2, 2, 0), // more than the window behind T + late + 2: late
            Event.move(laterKey, (T + late + 2) * MS, 4, 4, 0)), lateReads.events, lateReads.describe());
        assertTrue(lateReads.diagnostics.warnings.get(0).contains("1 pointer events stored out of time order"),
            lateReads.describe());
    }

    @Test
    void aHugeDeepSnapshotIsSkippedWithoutBeingHeld() throws IOException {
        final Path file = dir.resolve("big.json");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[" + EVENTS[0] + ",{\"type\":2,\"data\":{\"node\":{\"childNodes\":");
            out.write("[{\"c\":".repeat(DEPTH));
            out.write("{\"type\":3,\"textContent\":\"");
            final String chunk = "x".repeat(1 << 16);
            for (int i = 0; i < (HUGE_TEXT_BYTES >> 16); i++) {
                out.write(chunk);
            }
            out.write("\"}" + "}]".repeat(DEPTH) + "}},\"timestamp\":" + (T + 1) + "},");
            out.write(String.join(",", List.of(EVENTS).subList(2, EVENTS.length)) + "]\n");
        }
        assertTrue(Files.size(file) > HUGE_TEXT_BYTES);
        final Bounded.Outcome<Reads> outcome = Bounded.call(Duration.ofSeconds(60), 16L << 20,
            () -> Reads.of(format, file, ParseOptions.defaults(), 64, false));
        assertEquals(null, outcome.thrown(), String.valueOf(outcome.thrown()));
        final String bound = "allocated " + outcome.allocatedBytes() + " bytes for a " + Files.size(file)
            + "-byte file";
        assertEquals(EXPECTED, outcome.value().events, bound);
        assertEquals(List.of(), outcome.value().rejections(), bound);
        assertTrue(outcome.value().diagnostics.warnings.get(0).contains("1 full snapshots"), bound);
    }

    private static String batch(final long timestampMs, final String positions) {
        return "{\"type\":3,\"data\":{\"source\":1,\"positions\":[" + positions + "]},\"timestamp\":" + timestampMs
            + "}";
    }

    private static String interaction(final int type, final long ms, final int x, final int y) {
        return "{\"type\":3,\"data\":{\"source\":2,\"type\":" + type + ",\"id\":1,\"x\":" + x + ",\"y\":" + y
            + "},\"timestamp\":" + (T + ms) + "}\n";
    }

    @Test
    void aDecimalThatIsNoMultipleOf256thsIsRoundedAndTheFileWarned() throws IOException {
        final Path file = write("tenth.jsonl", "{\"type\":3,\"data\":{\"source\":1,\"positions\":["
            + "{\"x\":0.1,\"y\":2.5,\"timeOffset\":0}]},\"timestamp\":1700000000000}\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(List.of(SubPixel.ofPixels(0.1), SubPixel.ofPixels(2.5))), reads.subpixels);
        assertTrue(reads.diagnostics.warnings.contains(file + ": 1 coordinates were not multiples of 1/256 px and"
            + " were rounded to the nearest 1/256 px (Spoor keeps coordinates to 1/256 px: docs/format.md)"),
            reads.describe());
    }

    private Path write(final String name, final String text) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }
}
