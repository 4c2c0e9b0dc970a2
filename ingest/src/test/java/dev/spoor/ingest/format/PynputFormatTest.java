/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.Buttons;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.privacy.KeyClass;
import dev.spoor.ingest.IngestException;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.RejectionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.spoor.ingest.format.RejectionAssert.assertRejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pynput (DuckTrack, AgentNet) reader on small inline recordings: every action, time, anchor, rejections. */
class PynputFormatTest {
    /** The start the shared tests of every format give pynput recordings ({@link Reads#options}). */
    static final Instant START = Instant.parse("2023-10-20T15:19:53Z");
    private static final long START_NS = START.getEpochSecond() * 1_000_000_000L;
    private static final String DEVICE = "recording-1";
    private static final int VK_SHIFT = 16;
    private static final int VK_T = 'T';

    private final PynputFormat format = new PynputFormat();

    @TempDir
    Path dir;

    /**
     * A pynput line of a random action for the shared tests of every format.
     *
     * @param random chooses the action and the position.
     * @param ns     the line's perf_counter time, ns.
     * @return the line, LF-terminated.
     */
    static String line(final Random random, final long ns) {
        final String head = "{\"time_stamp\": " + seconds(ns) + ", \"action\": ";
        final String at = "\"x\": " + random.nextInt(1512) + "." + String.format("%08d", (random.nextInt(255) + 1)
            * 390_625L) + ", \"y\": " + random.nextInt(982);
        final int kind = random.nextInt(100);
        if (kind < 85) {
            return head + "\"move\", " + at + "}\n";
        } else if (kind < 90) {
            return head + "\"click\", " + at + ", \"button\": \"left\", \"pressed\": " + random.nextBoolean() + "}\n";
        } else if (kind < 95) {
            return head + "\"scroll\", " + at + ", \"dx\": 0, \"dy\": -1}\n";
        }
        return head + (random.nextBoolean() ? "\"press\"" : "\"release\"") + ", \"name\": \""
            + (char)('a' + random.nextInt(26)) + "\"}\n";
    }

    @Test
    void everyActionBecomesItsEventWithExactTimesCoordinatesButtonsAndModifiers() throws IOException {
        final Path file = write(""
            + "{\"time_stamp\": 150160.965463208, \"action\": \"move\", \"x\": 1175.421875, \"y\": 50.421875}\n"
            + "{\"time_stamp\": 150161.533522208, \"action\": \"click\", \"x\": 1319.11328125, \"y\": 65.06640625,"
            + " \"button\": \"left\", \"pressed\": true}\n"
            + "{\"time_stamp\": 150161.54, \"action\": \"move\", \"x\": 1320, \"y\": 66}\n"
            + "{\"time_stamp\": 150161.597598416, \"action\": \"click\", \"x\": 1320.5, \"y\": 66,"
            + " \"button\": \"left\", \"pressed\": false}\n"
            + "{\"time_stamp\": 150161.6, \"action\": \"move\", \"x\": 1321, \"y\": 67}\n"
            + "{\"time_stamp\": 150168.915498791, \"action\": \"scroll\", \"x\": 612.640625, \"y\": 635.48828125,"
            + " \"dx\": 0, \"dy\": -1}\n"
            + "{\"time_stamp\": 150169, \"action\": \"pause\"}\n"
            + "{\"time_stamp\": 150170, \"action\": \"resume\"}\n"
            + "{\"time_stamp\": 150170.000000001, \"action\": \"press\", \"name\": \"shift\"}\n"
            + "{\"time_stamp\": 150170.1, \"action\": \"press\", \"name\": \"T\"}\n"
            + "{\"time_stamp\": 150170.2, \"action\": \"release\", \"name\": \"T\"}\n"
            + "{\"time_stamp\": 150170.3, \"action\": \"release\", \"name\": \"shift\"}\n"
            + "{\"time_stamp\": 150170.4, \"action\": \"click\", \"x\": -5, \"y\": 1080, \"button\": \"right\","
            + " \"pressed\": true, \"window\": {\"title\": \"secret\"}, \"url\": \"https://example.org/\"}\n");
        final Reads reads = Reads.of(format, file, options());
        final long t0 = 150_160_965_463_208L;
        assertEquals(List.of(
            Event.move(DEVICE, at(150_160_965_463_208L - t0), 1175, 50, Buttons.NONE),
            Event.down(DEVICE, at(150_161_533_522_208L - t0), 1319, 65, Buttons.LEFT),
            Event.move(DEVICE, at(150_161_540_000_000L - t0), 1320, 66, Buttons.LEFT),
            Event.up(DEVICE, at(150_161_597_598_416L - t0), 1320, 66, Buttons.LEFT),
            Event.move(DEVICE, at(150_161_600_000_000L - t0), 1321, 67, Buttons.NONE),
            Event.wheel(DEVICE, at(150_168_915_498_791L - t0), 612, 635, 0, -1),
            Event.keyDown(DEVICE, at(150_170_000_000_001L - t0), VK_SHIFT, PynputKeys.SHIFT),
            Event.keyDown(DEVICE, at(150_170_100_000_000L - t0), VK_T, PynputKeys.SHIFT),
            Event.keyUp(DEVICE, at(150_170_200_000_000L - t0), VK_T, PynputKeys.SHIFT),
            Event.keyUp(DEVICE, at(150_170_300_000_000L - t0), VK_SHIFT, 0),
            Event.down(DEVICE, at(150_170_400_000_000L - t0), -5, 1080, Buttons.RIGHT)), reads.events,
            reads.describe());
        assertEquals(List.of(
            List.of(px(1175, 108), px(50, 108)), List.of(px(1319, 29), px(65, 17)), List.of(px(1320, 0), px(66, 0)),
            List.of(px(1320, 128), px(66, 0)), List.of(px(1321, 0), px(67, 0)), List.of(px(612, 164), px(635, 125)),
            List.of(0L, 0L), List.of(0L, 0L), List.of(0L, 0L), List.of(0L, 0L), List.of(px(-5, 0), px(1080, 0))),
            reads.subpixels, "whole px and 1/256 fractions");
        assertEquals(List.of(), reads.rejections());
        assertEquals(List.of(file + ": 2 pause/resume lines were not stored as events: the recorder was paused, so"
            + " the gaps between them hold no input"), reads.diagnostics.warnings);
        assertEquals(13, reads.linesRead);
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    @Test
    void secondsAreReadExactlyFromTheirDecimalText() {
        assertEquals(150_160_965_463_208L, PynputEventsReader.secondsToNs("t", "150160.965463208"));
        assertEquals(150_161_000_000_001L, PynputEventsReader.secondsToNs("t", "150161.000000001"));
        assertEquals(1_500_000_000L, PynputEventsReader.secondsToNs("t", "1.5"));
        assertEquals(-2_000_000_000L, PynputEventsReader.secondsToNs("t", "-2"));
        assertEquals(15_000L, PynputEventsReader.secondsToNs("t", "1.5e-05"));
        assertEquals(1_697_815_193_123_456_789L, PynputEventsReader.secondsToNs("t", "1697815193.123456789"));
        assertEquals(2L, PynputEventsReader.secondsToNs("t", "0.0000000015"), "past 9 decimals: half-even");
        assertEquals(2L, PynputEventsReader.secondsToNs("t", "0.0000000025"), "past 9 decimals: half-even");
        assertEquals(9_223_372_035_999_999_999L, PynputEventsReader.secondsToNs("t", "9223372035.999999999"));
        assertEquals(Long.MAX_VALUE, PynputEventsReader.secondsToNs("t", "9223372036.854775807"));
        final BadRow tooBig = assertThrows(BadRow.class, () -> PynputEventsReader.secondsToNs("t", "9".repeat(40)));
        assertEquals(RejectionKind.TIMESTAMP_OUT_OF_RANGE, tooBig.kind());
        final BadRow text = assertThrows(BadRow.class, () -> PynputEventsReader.secondsToNs("t", "1.2.3"));
        assertEquals(RejectionKind.MALFORMED, text.kind());
    }

    @Test
    void badLinesAreRejectedWithLineFieldAndValueAndTheRestGoIn() throws IOException {
        final Path file = write(""
            + "{\"time_stamp\": 10.5, \"action\": \"move\", \"x\": 1, \"y\": 2}\n"
            + "{\"time_stamp\": 10.6, \"action\": \"hover\", \"x\": 1, \"y\": 2}\n"
            + "{\"action\": \"move\", \"x\": 1, \"y\": 2}\n"
            + "{\"time_stamp\": 10.7, \"action\": \"move\", \"x\": \"12\", \"y\": 2}\n"
            + "{\"time_stamp\": 10.8, \"action\": \"click\", \"x\": 1, \"y\": 2, \"button\": \"left\"}\n"
            + "{\"time_stamp\": 10.9, \"action\": \"click\", \"x\": 1, \"y\": 2, \"button\": \"side\","
            + " \"pressed\": true}\n"
            + "{\"time_stamp\": 11.0, \"action\": \"move\", \"x\": 1\n"
            + "{\"time_stamp\": 11.1, \"action\": \"press\"}\n"
            + "{\"time_stamp\": 11.2, \"action\": \"scroll\", \"x\": 1, \"y\": 2, \"dx\": 0.5, \"dy\": 1}\n"
            + "{\"time_stamp\": 11.3, \"action\": \"move\", \"x\": 1e300, \"y\": 2}\n"
            + "{\"time_stamp\": \"11.4\", \"action\": \"move\", \"x\": 1, \"y\": 2}\n"
            + "{\"time_stamp\": 11.5, \"x\": 1, \"y\": 2}\n"
            + "{\"time_stamp\": 11.6, \"action\": \"move\", \"y\": 2}\n"
            + "{\"time_stamp\": 12.5, \"action\": \"move\", \"x\": 3, \"y\": 4}\n");
        final Reads reads = Reads.of(format, file, options());
        assertEquals(List.of(Event.move(DEVICE, START_NS, 1, 2, 0), Event.move(DEVICE, START_NS + 2_000_000_000L, 3,
            4, 0)), reads.events, reads.describe());
        final List<dev.spoor.ingest.Rejection> r = reads.rejections();
        assertEquals(12, r.size(), reads.describe());
        assertRejection(r.get(0), file, 2, RejectionKind.MALFORMED, "action", "hover",
            "is not move, click, scroll, press, release, pause or resume");
        assertRejection(r.get(1), file, 3, RejectionKind.MALFORMED, "time_stamp", null, "is missing");
        assertRejection(r.get(2), file, 4, RejectionKind.MALFORMED, "x", "12", "is not a number");
        assertRejection(r.get(3), file, 5, RejectionKind.MALFORMED, "pressed", null, "is missing");
        assertRejection(r.get(4), file, 6, RejectionKind.MALFORMED, "button", "side", "is not left, right, middle");
        assertRejection(r.get(5), file, 7, RejectionKind.MALFORMED, null,
            "{\"time_stamp\": 11.0, \"action\": \"move\", \"x\": 1", "the line ends inside the value");
        assertRejection(r.get(6), file, 8, RejectionKind.MALFORMED, "name", null, "is missing");
        assertRejection(r.get(7), file, 9, RejectionKind.MALFORMED, "dx", "0.5", "is not an integer");
        assertRejection(r.get(8), file, 10, RejectionKind.MALFORMED, "x", "1e300", "is outside the 32-bit pixel");
        assertRejection(r.get(9), file, 11, RejectionKind.MALFORMED, "time_stamp", "11.4", "is not a number");
        assertRejection(r.get(10), file, 12, RejectionKind.MALFORMED, "action", null, "is missing");
        assertRejection(r.get(11), file, 13, RejectionKind.MALFORMED, "x", null, "is missing");
    }

    /**
     * The start given is the time of the file's first line with a time_stamp: a pause there, or a line rejected for
     * another field, still anchors the file; a first line without a readable time moves the anchor one line on, which
     * the file is warned of.
     */
    @Test
    void theFirstLineWithATimeAnchorsTheFileWhateverElseItHolds() throws IOException {
        final String move = "{\"time_stamp\": 160.0, \"action\": \"move\", \"x\": 2, \"y\": 2}\n";
        final Path paused = write("{\"time_stamp\": 100.0, \"action\": \"pause\"}\n" + move);
        assertEquals(List.of(Event.move(DEVICE, at(60_000_000_000L), 2, 2, Buttons.NONE)),
            Reads.of(format, paused, options()).events);
        final Path badAction = write("{\"time_stamp\": 100.0, \"action\": \"hover\"}\n" + move);
        final Reads bad = Reads.of(format, badAction, options());
        assertEquals(List.of(Event.move(DEVICE, at(60_000_000_000L), 2, 2, Buttons.NONE)), bad.events,
            bad.describe());
        assertEquals(List.of(), bad.diagnostics.warnings);
        final Path broken = write("{\"time_stamp\": 100.0, \"action\": \"move\", \"x\": 1, BROKEN\n" + move);
        final Reads shifted = Reads.of(format, broken, options());
        assertEquals(List.of(Event.move(DEVICE, at(60_000_000_000L), 2, 2, Buttons.NONE)), shifted.events,
            "time_stamp 100.0 was read before the line broke: " + shifted.describe());
        final Path noTime = write("{\"action\": \"move\", BROKEN\n" + move);
        final Reads late = Reads.of(format, noTime, options());
        assertEquals(List.of(Event.move(DEVICE, at(0), 2, 2, Buttons.NONE)), late.events, late.describe());
        assertEquals(1, late.diagnostics.warnings.size(), late.describe());
        assertTrue(late.diagnostics.warnings.get(0).contains("line 2 is the first with a readable time_stamp"),
            late.describe());
    }

    @Test
    void aNameTwiceInOneLineIsRejected() throws IOException {
        final Path file = write("{\"time_stamp\": 1.0, \"action\": \"move\", \"x\": 1, \"y\": 1}\n"
            + "{\"time_stamp\": 2.0, \"action\": \"move\", \"x\": 1, \"y\": 1, \"x\": 2}\n");
        final Reads reads = Reads.of(format, file, options());
        assertEquals(1, reads.events.size(), reads.describe());
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertEquals(2, reads.rejections().get(0).line());
        assertTrue(reads.rejections().get(0).reason().contains("Duplicate field 'x'"), reads.describe());
    }

    @Test
    void aRejectedClickLeavesTheButtonsHeldAsTheyWere() throws IOException {
        final Path file = write(""
            + "{\"time_stamp\": 1, \"action\": \"click\", \"x\": 1, \"y\": 2, \"button\": \"left\","
            + " \"pressed\": true}\n"
            + "{\"action\": \"click\", \"x\": 1, \"y\": 2, \"button\": \"left\", \"pressed\": false}\n"
            + "{\"time_stamp\": 2, \"action\": \"move\", \"x\": 3, \"y\": 4}\n");
        final Reads reads = Reads.of(format, file, options());
        assertEquals(List.of(Event.down(DEVICE, START_NS, 1, 2, Buttons.LEFT),
            Event.move(DEVICE, START_NS + 1_000_000_000L, 3, 4, Buttons.LEFT)), reads.events, reads.describe());
    }

    @Test
    void aFractionThatIsNoMultipleOf256thsIsRoundedAndTheFileWarned() throws IOException {
        final Path file = write("{\"time_stamp\": 1, \"action\": \"move\", \"x\": 10.3, \"y\": 2.5}\n");
        final Reads reads = Reads.of(format, file, options());
        assertEquals(List.of(List.of(SubPixel.ofPixels(10.3), px(2, 128))), reads.subpixels);
        assertEquals(List.of(file + ": 1 coordinates were not multiples of 1/256 px and were rounded to the nearest"
            + " 1/256 px (Spoor keeps coordinates to 1/256 px: docs/format.md)"), reads.diagnostics.warnings);
    }

    @Test
    void withoutStartOrTimeZoneTheReaderRefusesNamingBothOptions() throws IOException {
        final Path file = write("{\"time_stamp\": 1, \"action\": \"move\", \"x\": 1, \"y\": 2}\n");
        final IngestException open = assertThrows(IngestException.class,
            () -> format.open(file, ParseOptions.defaults(), new CollectingDiagnostics()));
        assertTrue(open.getMessage().contains("--start INSTANT") && open.getMessage().contains("--time-zone ZONE")
            && open.getMessage().contains(file.toString()), open.getMessage());
        final IngestException check = assertThrows(IngestException.class,
            () -> format.checkOptions(file, ParseOptions.defaults()));
        assertEquals(open.getMessage(), check.getMessage());
        final IngestException noMetadata = assertThrows(IngestException.class,
            () -> format.checkOptions(file, ParseOptions.defaults().withTimeZone(ZoneId.of("Europe/Berlin"))));
        assertTrue(noMetadata.getMessage().contains("metadata.json: not found")
            && noMetadata.getMessage().contains("--start INSTANT"), noMetadata.getMessage());
    }

    @Test
    void metadataStartTimeInTheGivenZoneIsTheFirstEventsTimeAndNothingElseOfItIsRead() throws IOException {
        final Path file = write("{\"time_stamp\": 150160.5, \"action\": \"move\", \"x\": 1, \"y\": 2}\n"
            + "{\"time_stamp\": 150161.75, \"action\": \"move\", \"x\": 1, \"y\": 2}\n");
        Files.writeString(file.resolveSibling("metadata.json"), "{\"system\": \"Darwin\", \"node\": \"host-1.example\","
            + " \"id\": 111111111111, \"obs\": {\"a\": [1, 2]}, \"start_time\": \"2023-10-20 17:19:53\","
            + " \"stop_time\": \"2023-10-20 17:20:26\"}");
        final ParseOptions berlin = ParseOptions.defaults().withTimeZone(ZoneId.of("Europe/Berlin"));
        final Reads reads = Reads.of(format, file, berlin);
        final long anchor = Instant.parse("2023-10-20T15:19:53Z").getEpochSecond() * 1_000_000_000L;
        assertEquals(List.of(Event.move("recording-1", anchor, 1, 2, 0),
            Event.move("recording-1", anchor + 1_250_000_000L, 1, 2, 0)), reads.events, reads.describe());
        final Reads started = Reads.of(format, file, berlin.withStart(Instant.parse("2024-03-01T10:00:00.5Z")));
        assertEquals(Instant.parse("2024-03-01T10:00:00.5Z").toEpochMilli() * 1_000_000L,
            started.events.get(0).timestampNs(), "--start wins over metadata.json");

        Files.writeString(file.resolveSibling("metadata.json"), "{\"start_time\": \"yesterday\"}");
        final IngestException bad = assertThrows(IngestException.class, () -> format.checkOptions(file, berlin));
        assertTrue(bad.getMessage().contains("start_time 'yesterday' is not a local date and time"), bad.getMessage());
        Files.writeString(file.resolveSibling("metadata.json"), "{\"stop_time\": \"2023-10-20 17:20:26\"}");
        final IngestException none = assertThrows(IngestException.class, () -> format.checkOptions(file, berlin));
        assertTrue(none.getMessage().contains("no start_time"), none.getMessage());
    }

    @Test
    void theDeviceIsTheRecordingFolderUnlessOneIsNamed() throws IOException {
        final Path file = write("{\"time_stamp\": 1, \"action\": \"press\", \"name\": \"a\"}\n");
        assertEquals(DEVICE, Reads.of(format, file, options()).events.get(0).device());
        assertEquals("alice-laptop", Reads.of(format, file, options().withDeviceKey("alice-laptop")).events.get(0)
            .device());
        assertThrows(IllegalArgumentException.class, () -> options().withDeviceKey(" "));
    }

    @Test
    void keyNamesBecomeVirtualKeyCodesOfTheRightClass() {
        final List<String> names = Arrays.asList("w", "W", "5", "enter", "Key.enter", "space", " ", "shift", "shift_r",
            "ctrl_l", "alt_gr", "cmd", "backspace", "delete", "tab", "up", "page_down", "f1", "f12", "esc", "@", ",",
            "\u00e9", "\u0663", "<65>", null, "media_volume_up", "unheard_of");
        final List<KeyClass> expected = List.of(KeyClass.LETTER, KeyClass.LETTER, KeyClass.DIGIT, KeyClass.ENTER,
            KeyClass.ENTER, KeyClass.SPACE, KeyClass.SPACE, KeyClass.MODIFIER, KeyClass.MODIFIER, KeyClass.MODIFIER,
            KeyClass.MODIFIER, KeyClass.MODIFIER, KeyClass.BACKSPACE, KeyClass.BACKSPACE, KeyClass.TAB,
            KeyClass.NAVIGATION, KeyClass.NAVIGATION, KeyClass.FUNCTION, KeyClass.FUNCTION, KeyClass.OTHER,
            KeyClass.PUNCTUATION, KeyClass.PUNCTUATION, KeyClass.LETTER, KeyClass.DIGIT, KeyClass.OTHER,
            KeyClass.OTHER, KeyClass.OTHER, KeyClass.OTHER);
        final List<KeyClass> classes = new ArrayList<>();
        for (final String name : names) {
            classes.add(KeyClass.ofKeyCode(PynputKeys.keyCode(name)));
        }
        assertEquals(expected, classes);
        assertEquals('W', PynputKeys.keyCode("w"));
        assertEquals(PynputKeys.keyCode("w"), PynputKeys.keyCode("W"), "case is the shift key's business");
        assertEquals(KeyClass.PUNCTUATION.representativeKeyCode(), PynputKeys.keyCode("@"),
            "no symbol is told from another");
        assertEquals(List.of(0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA5, 16, 17, 18), Stream.of("shift_l", "shift_r",
            "ctrl_l", "ctrl_r", "alt_l", "alt_r", "alt_gr", "shift", "ctrl", "alt").map(PynputKeys::keyCode)
            .collect(Collectors.toList()), "left and right modifiers keep their own codes");
        final List<String> exact = Arrays.asList("w", "W", "5", "enter", "Key.enter", "space", " ", "\t", "\n",
            "ctrl_l", "f12", "esc");
        final List<String> standIns = Arrays.asList("@", ",", "\u00e9", "\u20ac", "\u0663", "<65>", null, "",
            "xyz", "\u0000", "\u0007");
        assertEquals(List.of(), exact.stream().filter(name -> !PynputKeys.isExact(name)).collect(Collectors.toList()));
        assertEquals(List.of(), standIns.stream().filter(PynputKeys::isExact).collect(Collectors.toList()));
    }

    @Test
    void aJournalThatKeepsCodesRefusesAKeyWithoutACodeOfItsOwn() throws IOException {
        final Path file = write(String.join("\n", "{\"time_stamp\": 1.0, \"action\": \"press\", \"name\": \"a\"}",
            "{\"time_stamp\": 1.1, \"action\": \"press\", \"name\": \"\u00e9\"}",
            "{\"time_stamp\": 1.2, \"action\": \"press\", \"name\": \"xyz\"}",
            "{\"time_stamp\": 1.3, \"action\": \"press\", \"name\": \"<65>\"}",
            "{\"time_stamp\": 1.4, \"action\": \"release\", \"name\": \"ctrl_r\"}",
            "{\"time_stamp\": 1.5, \"action\": \"press\", \"name\": \"\\u0007\"}") + "\n");
        final Reads codes = Reads.of(format, file, options().withKeyClassesRefused(true));
        assertEquals(List.of(Event.keyDown(DEVICE, at(0), 'A', 0), Event.keyUp(DEVICE, at(400_000_000L), 0xA3, 0)),
            codes.events, codes.describe());
        assertEquals(List.of(2L, 3L, 4L, 6L), codes.rejections().stream().map(Rejection::line)
            .collect(Collectors.toList()), codes.describe());
        assertEquals(List.of("\u00e9", "xyz", "<65>", "\\u0007"), codes.rejections().stream().map(Rejection::value)
            .collect(Collectors.toList()), codes.describe());
        assertTrue(codes.rejections().get(0).toString().contains("--keys code"), codes.describe());
        final Reads classes = Reads.of(format, file, options());
        assertEquals(6, classes.events.size(), "a journal that keeps classes takes each key's class: "
            + classes.describe());
    }

    private ParseOptions options() {
        return ParseOptions.defaults().withStart(START);
    }

    private static long at(final long offsetNs) {
        return START_NS + offsetNs;
    }

    private static long px(final int whole, final int fraction) {
        return SubPixel.of(whole, fraction);
    }

    private static String seconds(final long ns) {
        return ns / 1_000_000_000L + "." + String.format("%09d", ns % 1_000_000_000L);
    }

    private Path write(final String text) throws IOException {
        final Path folder = Files.createDirectories(dir.resolve(DEVICE));
        return Files.write(folder.resolve(PynputFormat.EVENTS_FILE), text.getBytes(StandardCharsets.UTF_8));
    }
}
