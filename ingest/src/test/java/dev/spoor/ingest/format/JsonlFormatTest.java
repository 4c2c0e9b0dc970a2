/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.SubPixel;
import dev.spoor.codec.Buttons;
import dev.spoor.core.privacy.KeyClass;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RejectionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static dev.spoor.ingest.format.RejectionAssert.assertRejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonlFormatTest {
    private final JsonlFormat format = new JsonlFormat();

    @TempDir
    Path dir;

    @Test
    void readsWhatScanWrites() throws IOException {
        final Path file = write(""
            + "{\"device\":\"ws-03\",\"ts_nanos\":1000,\"type\":\"move\",\"x\":1,\"y\":2,\"button\":null,"
            + "\"buttons\":\"\",\"dx\":null,\"dy\":null,\"key\":null,\"modifiers\":null}\n"
            + "{\"device\":\"ws-03\",\"ts_nanos\":2000,\"type\":\"move\",\"x\":3,\"y\":4,\"buttons\":\"left+right\"}\n"
            + "{\"device\":\"ws-03\",\"ts_nanos\":3000,\"type\":\"button_down\",\"x\":5,\"y\":6,\"button\":\"left\"}\n"
            + "{\"device\":\"ws-03\",\"ts_nanos\":4000,\"type\":\"button_up\",\"x\":5,\"y\":6,\"button\":1}\n"
            + "{\"device\":\"ws-03\",\"ts_nanos\":5000,\"type\":\"wheel\",\"x\":7,\"y\":8,\"dx\":0,\"dy\":-1}\n"
            + "{\"device\":\"kb\",\"ts_nanos\":6000,\"type\":\"key_down\",\"key\":65,\"modifiers\":1}\n"
            + "{\"device\":\"kb\",\"ts_nanos\":\"7000\",\"type\":\"key_up\",\"key\":\"letter\",\"extra\":true}\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(
            Event.move("ws-03", 1000, 1, 2, 0),
            Event.move("ws-03", 2000, 3, 4, Buttons.LEFT | Buttons.RIGHT),
            Event.down("ws-03", 3000, 5, 6, Buttons.LEFT),
            Event.up("ws-03", 4000, 5, 6, Buttons.LEFT),
            Event.wheel("ws-03", 5000, 7, 8, 0, -1),
            Event.keyDown("kb", 6000, 65, 1),
            Event.keyUp("kb", 7000, KeyClass.LETTER.representativeKeyCode(), 0)), reads.events, reads.describe());
        assertEquals(List.of(), reads.rejections());
        assertEquals(7, reads.linesRead);
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    /**
     * A device key given as a JSON number is its integer text, the same key as that text in quotes; a number with a
     * fraction or an exponent (1e2 is 100, but "1e2" another key) or a boolean is no device key.
     */
    @Test
    void aDeviceKeyIsAStringOrAnIntegerAndNoOtherNumberOrBoolean() throws IOException {
        final String rest = ",\"ts_nanos\":1000,\"type\":\"move\",\"x\":1,\"y\":2}\n";
        final Path file = write("{\"device\":100" + rest + "{\"device\":\"100\"" + rest
            + "{\"device\":1e2" + rest + "{\"device\":100.0" + rest + "{\"device\":true" + rest
            + "{\"device\":-7" + rest + "{\"device\":\"\"" + rest);
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("100", 1000, 1, 2, 0), Event.move("100", 1000, 1, 2, 0),
            Event.move("-7", 1000, 1, 2, 0)), reads.events, reads.describe());
        assertEquals(4, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(3), file, 7, RejectionKind.MALFORMED, "device", null,
            "is missing or empty");
        assertRejection(reads.rejections().get(0), file, 3, RejectionKind.MALFORMED, "device", "1e2",
            "is a number with a fraction or an exponent");
        assertRejection(reads.rejections().get(1), file, 4, RejectionKind.MALFORMED, "device", "100.0",
            "is a number with a fraction or an exponent");
        assertRejection(reads.rejections().get(2), file, 5, RejectionKind.MALFORMED, "device", "true",
            "is a boolean");
    }

    /** A name twice in one row is a rejection naming it, not the first or the last value silently. */
    @Test
    void aNameTwiceInOneRowIsRejectedAndTsNanosWinsOverTsInEitherOrder() throws IOException {
        final Path file = write(""
            + "{\"device\":\"d1\",\"ts_nanos\":1767225600000000019,\"type\":\"move\",\"x\":20,\"y\":0,\"ts_nanos\":1}\n"
            + "{\"device\":\"d1\",\"ts_nanos\":1000,\"type\":\"move\",\"x\":2,\"y\":0,\"device\":\"d2\"}\n"
            + "{\"device\":\"d1\",\"ts_nanos\":1000,\"type\":\"move\",\"x\":2,\"y\":0,\"extra\":1,\"extra\":2}\n"
            + "{\"device\":\"d1\",\"ts_nanos\":3000,\"type\":\"move\",\"x\":2,\"y\":0,\"ts\":9}\n"
            + "{\"device\":\"d1\",\"ts\":9,\"ts_nanos\":4000,\"type\":\"move\",\"x\":2,\"y\":0}\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("d1", 3000, 2, 0, 0), Event.move("d1", 4000, 2, 0, 0)), reads.events,
            reads.describe());
        assertEquals(List.of(RejectionKind.MALFORMED, RejectionKind.MALFORMED, RejectionKind.MALFORMED),
            reads.kinds(), reads.describe());
        assertTrue(reads.rejections().get(0).reason().contains("Duplicate field 'ts_nanos'"), reads.describe());
        assertTrue(reads.rejections().get(1).reason().contains("Duplicate field 'device'"), reads.describe());
        assertTrue(reads.rejections().get(2).reason().contains("Duplicate field 'extra'"), reads.describe());
    }

    @Test
    void tsStandsForTsNanosWhichWinsWhenBothAreThere() throws IOException {
        final Path file = write("{\"device\":\"a\",\"ts\":1000,\"type\":\"move\",\"x\":1,\"y\":2}\n"
            + "{\"device\":\"a\",\"ts\":\"2016-01-01T00:00:00Z\",\"type\":\"move\",\"x\":1,\"y\":2}\n"
            + "{\"device\":\"a\",\"ts\":9,\"ts_nanos\":3000,\"type\":\"move\",\"x\":1,\"y\":2}\n"
            + "{\"device\":\"a\",\"ts\":-4,\"type\":\"move\",\"x\":1,\"y\":2}\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 1000, 1, 2, 0), Event.move("a", 1_451_606_400_000_000_000L, 1, 2, 0),
            Event.move("a", 3000, 1, 2, 0)), reads.events, reads.describe());
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 4, RejectionKind.TIMESTAMP_OUT_OF_RANGE, "ts", "-4",
            "is before 1970-01-01T00:00:00Z");
    }

    @Test
    void crlfBomAndBlankLinesAreHandled() throws IOException {
        final Path file = write("\uFEFF{\"device\":\"a\",\"ts_nanos\":1,\"type\":\"move\",\"x\":1,\"y\":2}\r\n"
            + "\r\n   \r\n"
            + "{\"device\":\"a\",\"ts_nanos\":2,\"type\":\"move\",\"x\":3,\"y\":4}\r\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 1, 1, 2, 0), Event.move("a", 2, 3, 4, 0)), reads.events,
            reads.describe());
        assertEquals(List.of(), reads.rejections());
        assertEquals(4, reads.linesRead);
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    @Test
    void linesThatAreNotOneFlatObjectAreMalformed() throws IOException {
        final Path file = write("{\"device\":\"a\",\"ts_nanos\":1,\"type\":\"move\",\"x\":1,\"y\":2}\n"
            + "[1,2]\n"
            + "{\"device\":\"a\",\"ts_nanos\":2,\"type\":\"move\",\"x\":{\"v\":1},\"y\":2}\n"
            + "{\"device\":\"a\",\"ts_nanos\":3,\"type\":\"move\",\"x\":1,\"y\":2} {}\n"
            + "{\"device\":\"a\",\"ts_nanos\":4,\"type\":\"move\",\"x\":1,\n"
            + "{\"device\":\"a\",\"ts_nanos\":5,\"type\":\"move\",\"x\":1e400,\"y\":2}\n"
            + "{\"device\":\"a\",\"ts_nanos\":6,\"type\":\"move\",\"x\":4294967296,\"y\":2}\n"
            + "{\"device\":\"a\",\"ts_nanos\":7,\"type\":\"move\",\"x\":7,\"y\":8}\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 1, 1, 2, 0), Event.move("a", 7, 7, 8, 0)), reads.events,
            reads.describe());
        assertEquals(6, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 2, RejectionKind.MALFORMED, null, "[1,2]",
            "is not a JSON object");
        assertRejection(reads.rejections().get(1), file, 3, RejectionKind.MALFORMED, "x", null,
            "is an object or array");
        assertRejection(reads.rejections().get(2), file, 4, RejectionKind.MALFORMED, null,
            "{\"device\":\"a\",\"ts_nanos\":3,\"type\":\"move\",\"x\":1,\"y\":2} {}", "holds more than one JSON value");
        assertRejection(reads.rejections().get(3), file, 5, RejectionKind.MALFORMED, null,
            "{\"device\":\"a\",\"ts_nanos\":4,\"type\":\"move\",\"x\":1,", "is not JSON: ");
        assertRejection(reads.rejections().get(4), file, 6, RejectionKind.MALFORMED, "x", "1e400",
            "is outside the 32-bit range of pixels");
        assertRejection(reads.rejections().get(5), file, 7, RejectionKind.MALFORMED, "x", "4294967296",
            "is outside the 32-bit range (");
    }

    /** JSON integers are kept as digits and read when needed: every size gets the right value or message. */
    @Test
    void integersOfEverySizeAreReadOrNamed() throws IOException {
        final Path file = write("{\"device\":17,\"ts_nanos\":1767225600000000000,\"type\":\"move\",\"x\":-3,"
            + "\"y\":0,\"buttons\":0}\n"
            + "{\"device\":\"a\",\"ts_nanos\":99999999999999999999,\"type\":\"move\",\"x\":1,\"y\":2}\n"
            + "{\"device\":\"a\",\"ts_nanos\":9223372036854775807,\"type\":\"move\",\"x\":1,\"y\":2}\n"
            + "{\"device\":\"a\",\"ts_nanos\":-5,\"type\":\"move\",\"x\":1,\"y\":2}\n"
            + "{\"device\":\"a\",\"ts_nanos\":3,\"type\":\"move\",\"x\":123456789012345678901234,\"y\":2}\n"
            + "{\"device\":\"a\",\"ts_nanos\":4,\"type\":\"key_down\",\"key\":65,\"modifiers\":-1}\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("17", 1767225600000000000L, -3, 0, 0),
            Event.move("a", Long.MAX_VALUE, 1, 2, 0)), reads.events, reads.describe());
        assertEquals(4, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(3), file, 6, RejectionKind.MALFORMED, "modifiers", "-1",
            "is negative: modifiers are a bit mask");
        assertRejection(reads.rejections().get(0), file, 2, RejectionKind.TIMESTAMP_OUT_OF_RANGE, "ts_nanos",
            "99999999999999999999", "does not fit 64 bits");
        assertRejection(reads.rejections().get(1), file, 4, RejectionKind.TIMESTAMP_OUT_OF_RANGE, "ts_nanos", "-5",
            "before 1970");
        assertRejection(reads.rejections().get(2), file, 5, RejectionKind.MALFORMED, "x",
            "123456789012345678901234", "is outside the 32-bit range (-2147483648 to 2147483647)");
    }

    @Test
    void oneParserOverTheFileKeepsLineNumbersAndRecoversAfterEveryKindOfBadLine() throws IOException {
        final String good = "{\"device\":\"a\",\"ts_nanos\":%d,\"type\":\"move\",\"x\":1,\"y\":2}";
        final Path file = write("{}\n"
            + "1\n"
            + String.format(good, 3) + " \t \n"
            + "{\"device\":\"a\",\n"
            + "\"ts_nanos\":5}\n"
            + "   \n"
            + String.format(good, 7) + "x\n"
            + "{\"device\":\"\u0001\"}\n"
            + "{\"device\":\"a\",\"ts_nanos\":9,\"type\":\"move\",\"x\":1,\"y\":2,\"z\":[1,{\"q\":2}]}\n"
            + "  " + String.format(good, 10) + "\n"
            + "\"text\"\n"
            + String.format(good, 12) + "\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 3, 1, 2, 0), Event.move("a", 9, 1, 2, 0), Event.move("a", 10, 1, 2, 0),
            Event.move("a", 12, 1, 2, 0)), reads.events, reads.describe()); // an unknown field may nest (line 9)
        assertEquals(List.of(1L, 2L, 4L, 5L, 7L, 8L, 11L),
            reads.rejections().stream().map(r -> r.line()).toList(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 1, RejectionKind.MALFORMED, "device", null, "is missing");
        assertRejection(reads.rejections().get(1), file, 2, RejectionKind.MALFORMED, null, "1",
            "is not a JSON object");
        assertRejection(reads.rejections().get(2), file, 4, RejectionKind.MALFORMED, null, "{\"device\":\"a\",",
            "is not JSON: Unexpected end-of-input");
        assertRejection(reads.rejections().get(3), file, 5, RejectionKind.MALFORMED, null, "\"ts_nanos\":5}",
            "is not a JSON object");
        assertRejection(reads.rejections().get(4), file, 7, RejectionKind.MALFORMED, null,
            String.format(good, 7) + "x", "is not JSON: ");
        assertRejection(reads.rejections().get(5), file, 8, RejectionKind.BINARY, null, null, "control byte 0x01");
        assertRejection(reads.rejections().get(6), file, 11, RejectionKind.MALFORMED, null, "\"text\"",
            "is not a JSON object");
        assertEquals(12, reads.linesRead);
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    @Test
    void aLatin1ByteRejectsThatLineAsNotUtf8AndControlBytesAsBinary() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"device\":\"caf".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xE9);
        bytes.writeBytes(("\",\"ts_nanos\":1,\"type\":\"move\",\"x\":1,\"y\":2}\n"
            + "{\"device\":\"\u0007\",\"ts_nanos\":2,\"type\":\"move\",\"x\":1,\"y\":2}\n"
            + "{\"device\":\"café\",\"ts_nanos\":3,\"type\":\"move\",\"x\":3,\"y\":4}\n")
            .getBytes(StandardCharsets.UTF_8));
        final Path file = Files.write(dir.resolve("events.jsonl"), bytes.toByteArray());
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("café", 3, 3, 4, 0)), reads.events, reads.describe());
        assertEquals(2, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 1, RejectionKind.NOT_UTF8, null,
            "{\"device\":\"caf\\xE9\",\"ts_nanos\":1,\"type\":\"move\",\"x\":1,\"y\":2}", "byte 0xE9 at byte 15");
        assertRejection(reads.rejections().get(1), file, 2, RejectionKind.BINARY, null, null, "control byte 0x07");
    }

    @Test
    void integerTimestampsFollowTheOptionsUnitAndASuffixWins() throws IOException {
        final Path file = write("{\"device\":\"a\",\"ts\":1700000000123,\"type\":\"move\",\"x\":1,\"y\":2}\n"
            + "{\"device\":\"a\",\"ts\":\"1700000000124ms\",\"type\":\"move\",\"x\":1,\"y\":2}\n"
            + "{\"device\":\"a\",\"ts\":\"1700000000125000000ns\",\"type\":\"move\",\"x\":1,\"y\":2}\n");
        final Reads ns = Reads.of(format, file);
        assertEquals(List.of(file + ": times look like epoch ms (1700000000123 read as ns is"
            + " 1970-01-01T00:28:20.000000123Z); pass --ts-unit ms"), ns.diagnostics.warnings);
        final Reads ms = Reads.of(format, file, ParseOptions.defaults().withIntegerTimeUnit(TimeUnit.MILLISECONDS));
        assertEquals(List.of(1_700_000_000_123_000_000L, 1_700_000_000_124_000_000L, 1_700_000_000_125_000_000L),
            ms.events.stream().map(Event::timestampNs).toList());
        assertEquals(List.of(), ms.diagnostics.warnings);
        assertEquals(List.of(), ms.rejections());
    }

    @Test
    void anUnfinishedLastLineIsNeverParsed() throws IOException {
        final String complete = "{\"device\":\"a\",\"ts_nanos\":1,\"type\":\"move\",\"x\":1,\"y\":2}\n";
        final Path file = write(complete + "{\"device\":\"a\",\"ts_nanos\":2,\"type\":\"move\",\"x\":1,\"y\":5}");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 1, 1, 2, 0)), reads.events);
        assertEquals(List.of(RejectionKind.INCOMPLETE_LAST_LINE), reads.kinds());
        assertEquals(2, reads.rejections().get(0).line());
        assertEquals(complete.length(), reads.bytesCovered);
    }

    /**
     * Rows whose fields come in the previous row's order, in another order, with fields more, fewer or unknown,
     * and with a name repeated: the parser expects the previous row's names, and every row must read the same as
     * if it had not.
     */
    @Test
    void rowsInAnyFieldOrderReadTheSameWhateverTheRowBeforeThem() throws IOException {
        final long seed = Seeds.seed("JsonlFormatTest.fieldOrder");
        final SplittableRandom random = new SplittableRandom(seed);
        final StringBuilder text = new StringBuilder();
        final List<Event> expected = new ArrayList<>();
        List<String> order = new ArrayList<>(List.of("device", "ts_nanos", "type", "x", "y", "buttons"));
        for (int row = 0; row < 3_000; row++) {
            if (random.nextInt(4) == 0) {
                order = new ArrayList<>(order);
                Collections.shuffle(order, new Random(random.nextLong()));
                if (random.nextBoolean() && !order.contains("extra")) {
                    order.add(random.nextInt(order.size() + 1), "extra"); // a name twice is a rejection
                }
                order.remove("buttons");
                if (random.nextBoolean()) {
                    order.add(random.nextInt(order.size() + 1), "buttons");
                }
            }
            final int x = random.nextInt(4000);
            final int y = random.nextInt(3000);
            final int buttons = order.contains("buttons") ? random.nextInt(8) : 0;
            final String device = "ws-" + random.nextInt(5);
            text.append('{');
            for (int f = 0; f < order.size(); f++) {
                text.append(f == 0 ? "" : ",").append('"').append(order.get(f)).append("\":");
                switch (order.get(f)) {
                    case "device" -> text.append('"').append(device).append('"');
                    case "ts_nanos" -> text.append(1000 + row);
                    case "type" -> text.append("\"move\"");
                    case "x" -> text.append(x);
                    case "y" -> text.append(y);
                    case "buttons" -> text.append(buttons);
                    default -> text.append("\"ignored\"");
                }
            }
            text.append("}\n");
            expected.add(Event.move(device, 1000 + row, x, y, buttons));
        }
        final Reads reads = Reads.of(format, write(text.toString()));
        assertEquals(List.of(), reads.rejections(), "seed " + seed);
        assertEquals(expected, reads.events, "seed " + seed);
    }

    /**
     * A device key must be text that UTF-8 stores exactly and an export carries: an unpaired surrogate (stored as
     * '?', which merged two devices) or a control character is a named rejection, whatever the path of the line.
     */
    @Test
    void aDeviceKeyThatIsNotStorableTextIsRejectedNamingTheCharacter() throws IOException {
        final String move = ",\"ts_nanos\":1,\"type\":\"move\",\"x\":1,\"y\":2}\n";
        final Path file = write("{\"device\":\"k\\ud800\"" + move
            + "{\"device\":\"k\\udbff\"" + move
            + "{\"device\":\"a\\u0001b\"" + move
            + "{\"device\":\"esc\\u001b[31m\"" + move
            + "{\"device\":\"del\u007f\"" + move // a raw DEL is JSON, but not a device key
            + "{\"device\":\"k?\"" + move
            + "{\"device\":\"emoji\\ud83d\\ude00\",\"note\":\"a\u007fb\"" + move);
        final Reads reads = Reads.of(format, file);

        assertEquals(List.of(Event.move("k?", 1, 1, 2, 0), Event.move("emoji\ud83d\ude00", 1, 1, 2, 0)),
            reads.events, reads.describe());
        assertEquals(5, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 1, RejectionKind.MALFORMED, "device", "k\\uD800",
            "holds the unpaired surrogate U+D800 at character 2, which UTF-8 cannot store");
        assertRejection(reads.rejections().get(1), file, 2, RejectionKind.MALFORMED, "device", "k\\uDBFF",
            "unpaired surrogate U+DBFF");
        assertRejection(reads.rejections().get(2), file, 3, RejectionKind.MALFORMED, "device", "a\\u0001b",
            "holds the control character U+0001 at character 2");
        assertRejection(reads.rejections().get(3), file, 4, RejectionKind.MALFORMED, "device", "esc\\u001B[31m",
            "control character U+001B");
        assertRejection(reads.rejections().get(4), file, 5, RejectionKind.MALFORMED, "device", "del\\u007F",
            "control character U+007F");
    }

    @Test
    void aKeyClassIsRefusedWhereTheJournalKeepsKeyCodes() throws IOException {
        final Path file = write("{\"device\":\"kb\",\"ts_nanos\":1,\"type\":\"key_down\",\"key\":\"letter\"}\n"
            + "{\"device\":\"kb\",\"ts_nanos\":2,\"type\":\"key_down\",\"key\":65}\n"
            + "{\"device\":\"kb\",\"ts_nanos\":3,\"type\":\"key_down\",\"key\":\"lettre\"}\n");

        final Reads codes = Reads.of(format, file, ParseOptions.defaults().withKeyClassesRefused(true));
        assertEquals(List.of(Event.keyDown("kb", 2, 65, 0)), codes.events, codes.describe());
        assertRejection(codes.rejections().get(0), file, 1, RejectionKind.MALFORMED, "key", "letter",
            "is a key class, and this journal keeps key codes (--keys code)");
        assertRejection(codes.rejections().get(1), file, 3, RejectionKind.MALFORMED, "key", "lettre",
            "is not a key class");
        assertEquals(false, codes.rejections().get(1).toString().contains("'lettre' 'lettre'"),
            "the value is shown once: " + codes.rejections().get(1));

        final Reads classes = Reads.of(format, file);
        assertEquals(List.of(Event.keyDown("kb", 1, KeyClass.LETTER.representativeKeyCode(), 0),
            Event.keyDown("kb", 2, 65, 0)), classes.events, classes.describe());
    }

    @Test
    void aDecimalThatIsNoMultipleOf256thsIsRoundedAndTheFileWarned() throws IOException {
        final Path file = write("{\"device\":\"ws\",\"ts_nanos\":1000,\"type\":\"move\",\"x\":0.1,\"y\":-0.5}\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(List.of(SubPixel.ofPixels(0.1), SubPixel.ofPixels(-0.5))), reads.subpixels);
        assertEquals(List.of(file + ": 1 coordinates were not multiples of 1/256 px and were rounded to the nearest"
            + " 1/256 px (Spoor keeps coordinates to 1/256 px: docs/format.md)"), reads.diagnostics.warnings);
    }

    private Path write(final String text) throws IOException {
        return Files.write(dir.resolve("events.jsonl"), text.getBytes(StandardCharsets.UTF_8));
    }
}
