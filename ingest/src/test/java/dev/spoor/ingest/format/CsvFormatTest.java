/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.SubPixel;
import dev.spoor.codec.Buttons;
import dev.spoor.core.privacy.KeyClass;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.PrefixHash;
import dev.spoor.ingest.RejectionKind;
import dev.spoor.ingest.SourceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.spoor.ingest.format.RejectionAssert.assertRejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvFormatTest {
    static final String HEADER = "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers";
    private static final String EXPECTED = "'device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers'";

    private final CsvFormat format = new CsvFormat();

    @TempDir
    Path dir;

    @Test
    void readsWhatScanWritesWithCrlfLineEnds() throws IOException {
        final Path file = write(HEADER + "\r\n"
            + "ws-03,1000,move,1,2,,,,,,\r\n"
            + "ws-03,2000,move,3,4,,left+right,,,,\r\n"
            + "ws-03,3000,button_down,5,6,left,,,,,\r\n"
            + "ws-03,4000,button_up,5,6,left,,,,,\r\n"
            + "ws-03,5000,wheel,7,8,,,0,-1,,\r\n"
            + "\"kb,1\",6000,key_down,,,,,,,65,1\r\n"
            + "\"kb,1\",7000,key_up,,,,,,,letter,\r\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(
            Event.move("ws-03", 1000, 1, 2, 0),
            Event.move("ws-03", 2000, 3, 4, Buttons.LEFT | Buttons.RIGHT),
            Event.down("ws-03", 3000, 5, 6, Buttons.LEFT),
            Event.up("ws-03", 4000, 5, 6, Buttons.LEFT),
            Event.wheel("ws-03", 5000, 7, 8, 0, -1),
            Event.keyDown("kb,1", 6000, 65, 1),
            Event.keyUp("kb,1", 7000, KeyClass.LETTER.representativeKeyCode(), 0)), reads.events, reads.describe());
        assertEquals(List.of(), reads.rejections());
        assertEquals(8, reads.linesRead);
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    @Test
    void aQuotedFieldMayHoldLineEndsAsRfc4180Allows() throws IOException {
        final String awkward = "desk \"7\", row\r\nB\nC\r";
        final Path file = write(HEADER + "\n\"desk \"\"7\"\", row\r\nB\nC\r\",1000,move,1,2,,,,,,\r\n"
            + "a,2000,move,3,4,,,,,,\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move(awkward, 1000, 1, 2, 0), Event.move("a", 2000, 3, 4, 0)), reads.events,
            reads.describe());
        assertEquals(List.of(), reads.rejections());
        assertEquals(5, reads.linesRead);
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    @Test
    void aQuoteLeftOpenRejectsItsLineAloneAndTheLinesItRanOnToAreReadOnTheirOwn() throws IOException {
        final Path file = write(HEADER + "\n"
            + "a,1000,move,\"1,2,,,,,,\n"
            + "a,2000,move,3\"x,4,,,,,,\n"
            + "a,3000,move,5,6,,,,,,\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 3000, 5, 6, 0)), reads.events, reads.describe());
        assertEquals(2, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 2, RejectionKind.MALFORMED, null, "a,1000,move,\"1,2,,,,,,",
            "ran on to line 3: this line is rejected and the lines after it are read on their own");
        assertRejection(reads.rejections().get(1), file, 3, RejectionKind.MALFORMED, "x", "3\"x",
            "is not a number of pixels");
    }

    /** The lines a failed record is read again from are whole lines: never an unfinished last line, nor binary. */
    @Test
    void aStrayQuoteBeforeAnUnfinishedLastLineLeavesThatLineUnread() throws IOException {
        final Path file = write(HEADER + "\n"
            + "\"d1,1000,move,1,2,,,,,,\n"
            + "d1,2000,move,3,4,,,,,,\n"
            + "d1,3000,move,\u0001,4,,,,,,\n"
            + "d1,4000,move,5,6,,,,,,\n"
            + "d1,5000,move,7,8,,,,,,");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("d1", 2000, 3, 4, 0), Event.move("d1", 4000, 5, 6, 0)), reads.events,
            reads.describe());
        assertEquals(List.of(RejectionKind.BINARY, RejectionKind.INCOMPLETE_LAST_LINE, RejectionKind.MALFORMED),
            reads.kinds(), reads.describe());
        assertRejection(reads.rejections().get(2), file, 2, RejectionKind.MALFORMED, null, "\"d1,1000,move,1,2,,,,,,",
            "ran on to line 5");
        assertEquals(5, reads.linesRead);
    }

    /** One stray quote loses its own line, not the 63 good ones it would swallow up to the record limit. */
    @Test
    void aStrayQuoteNeverClosedCostsOnlyItsOwnLine() throws IOException {
        final StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("\"d1,1767225600000000000,move,1,2,,,,,,\n");
        final List<Event> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            text.append("d1,").append(1_767_225_600_000_000_100L + i).append(",move,").append(i).append(",2,,,,,,\n");
            expected.add(Event.move("d1", 1_767_225_600_000_000_100L + i, i, 2, 0));
        }
        text.append("\"d2,1767225600000000000,move,1,2,,,,,,\n"); // never closed: runs to the end of the file
        for (int i = 0; i < 3; i++) {
            text.append("d2,").append(1_767_225_600_000_000_300L + i).append(",move,").append(i).append(",2,,,,,,\n");
            expected.add(Event.move("d2", 1_767_225_600_000_000_300L + i, i, 2, 0));
        }
        final Path file = write(text.toString());
        final Reads reads = Reads.of(format, file);
        assertEquals(expected, reads.events, reads.describe());
        assertEquals(2, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 2, RejectionKind.MALFORMED, null,
            "\"d1,1767225600000000000,move,1,2,,,,,,", "not closed within 64 lines");
        assertRejection(reads.rejections().get(1), file, 103, RejectionKind.MALFORMED, null,
            "\"d2,1767225600000000000,move,1,2,,,,,,", "not closed within 64 lines");
        assertEquals(106, reads.linesRead);
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsStripped() throws IOException {
        final Path file = write("\uFEFF" + HEADER + "\na,1000,move,1,2,,,,,,\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 1000, 1, 2, 0)), reads.events, reads.describe());
        assertEquals(List.of(), reads.rejections());
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    @Test
    void malformedRowsAreRejectedWithFieldAndValueAndTheRestGoesIn() throws IOException {
        final Path file = write(HEADER + "\r\n"
            + "a,1000,move,1,2,,,,,,\r\n"
            + "a,2000,move,x,2,,,,,,\r\n"
            + "a,3000,hover,1,2,,,,,,\r\n"
            + "a,4000,button_down,1,2,thumb,,,,,\r\n"
            + "a,4500,move,1,2\r\n"
            + "a,4700,move,\"1\"x,2,,,,,,\r\n"
            + ",4800,move,1,2,,,,,,\r\n"
            + "a,4900,wheel,1,2,,,,,,\r\n"
            + "a,5000,key_down,,,,,,,7,1\r\n"
            + "a,4600,move,\"1,2,,,,,,\r\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 1000, 1, 2, 0), Event.keyDown("a", 5000, 7, 1)), reads.events,
            reads.describe());
        assertEquals(8, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 3, RejectionKind.MALFORMED, "x", "x",
            "is not a number of pixels");
        assertRejection(reads.rejections().get(1), file, 4, RejectionKind.MALFORMED, "type", "hover",
            "is not an event type (move, button_down, button_up, wheel, key_down, key_up)");
        assertRejection(reads.rejections().get(2), file, 5, RejectionKind.MALFORMED, "button", "thumb",
            "is not a button (left");
        assertRejection(reads.rejections().get(3), file, 6, RejectionKind.MALFORMED, null, "a,4500,move,1,2",
            "has 5 comma-separated fields, not the header's 11 (button, buttons, dx, dy, key, modifiers missing)");
        assertRejection(reads.rejections().get(4), file, 7, RejectionKind.MALFORMED, null,
            "a,4700,move,\"1\"x,2,,,,,,", "a closing quote is followed by more characters");
        assertRejection(reads.rejections().get(5), file, 8, RejectionKind.MALFORMED, "device", null, "is missing");
        assertRejection(reads.rejections().get(6), file, 9, RejectionKind.MALFORMED, "dx", null, "is missing");
        assertRejection(reads.rejections().get(7), file, 11, RejectionKind.MALFORMED, null,
            "a,4600,move,\"1,2,,,,,,", "a quoted field is not closed within 64 lines (or before the file's last line"
            + " end)");
        assertEquals(11, reads.linesRead);
    }

    /** -1 is no mask of buttons held and no key; a press of no button is no press. */
    @Test
    void negativeMasksAndCodesAndAPressOfNoButtonAreRejected() throws IOException {
        final Path file = write(HEADER + "\n"
            + "a,1000,button_down,1,2,-1,,,,,\n"
            + "a,2000,move,1,2,,-1,,,,\n"
            + "a,3000,button_down,1,2,0,,,,,\n"
            + "a,4000,key_down,,,,,,,-1,\n"
            + "a,5000,key_down,,,,,,,65,-2\n"
            + "a,6000,button_down,1,2,left,,,,,\n"
            + "a,7000,move,1,2,,left+right,,,,\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.down("a", 6000, 1, 2, Buttons.LEFT), Event.move("a", 7000, 1, 2,
            Buttons.LEFT | Buttons.RIGHT)), reads.events, reads.describe());
        assertEquals(5, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 2, RejectionKind.MALFORMED, "button", "-1",
            "is negative: buttons are a bit mask");
        assertRejection(reads.rejections().get(1), file, 3, RejectionKind.MALFORMED, "buttons", "-1",
            "is negative: buttons are a bit mask");
        assertRejection(reads.rejections().get(2), file, 4, RejectionKind.MALFORMED, "button", "0",
            "names no button");
        assertRejection(reads.rejections().get(3), file, 5, RejectionKind.MALFORMED, "key", "-1",
            "is negative: a key code is 0 or more");
        assertRejection(reads.rejections().get(4), file, 6, RejectionKind.MALFORMED, "modifiers", "-2",
            "is negative: modifiers are a bit mask");
    }

    @Test
    void aLatin1ByteInADeviceNameRejectsThatLineOnly() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((HEADER + "\na,1000,move,1,2,,,,,,\ncaf").getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xE9);
        bytes.writeBytes(",2000,move,3,4,,,,,,\ncafé,3000,move,5,6,,,,,,\n".getBytes(StandardCharsets.UTF_8));
        final Path file = Files.write(dir.resolve("latin1.csv"), bytes.toByteArray());
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 1000, 1, 2, 0), Event.move("café", 3000, 5, 6, 0)), reads.events,
            reads.describe());
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 3, RejectionKind.NOT_UTF8, null,
            "caf\\xE9,2000,move,3,4,,,,,,", "byte 0xE9 at byte 4 of the line is not valid UTF-8");
    }

    @Test
    void aLineWithControlBytesIsBinary() throws IOException {
        final Path file = write(HEADER + "\na,1000,move,1,2,,,,,,\na,2000,mo\u0000ve,1,2,,,,,,\n"
            + "a,3000,move,3,4,,,,,,\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 1000, 1, 2, 0), Event.move("a", 3000, 3, 4, 0)), reads.events);
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 3, RejectionKind.BINARY, null, null,
            "control byte 0x00 at byte 10 of the line");
    }

    @Test
    void aTenMegabyteLineIsRejectedAndSkipped() throws IOException {
        final StringBuilder text = new StringBuilder(HEADER).append("\na,1000,move,1,2,,,,,,\na,2000,move,");
        text.append("9".repeat(10 * 1024 * 1024)).append(",2,,,,,,\na,3000,move,3,4,,,,,,\n");
        final Path file = write(text.toString());
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 1000, 1, 2, 0), Event.move("a", 3000, 3, 4, 0)), reads.events);
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 3, RejectionKind.LINE_TOO_LONG, null, null,
            "the line is 10485780 bytes, over the limit of 1048576 (maxLineBytes); skipped");
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    @Test
    void timestampsOutsideEpochNanosecondsAreRejectedNamingFieldAndValue() throws IOException {
        final Path file = write(HEADER + "\n"
            + "a,2300-01-01T00:00:00Z,move,1,2,,,,,,\n"
            + "a,1969-12-31T23:59:59Z,move,1,2,,,,,,\n"
            + "a,-1,move,1,2,,,,,,\n"
            + "a,2016-01-01T00:00:00Z,move,1,2,,,,,,\n"
            + "a,1700000000123ms,move,3,4,,,,,,\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 1_451_606_400_000_000_000L, 1, 2, 0),
            Event.move("a", 1_700_000_000_123_000_000L, 3, 4, 0)), reads.events, reads.describe());
        assertEquals(3, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 2, RejectionKind.TIMESTAMP_OUT_OF_RANGE, "ts_nanos",
            "2300-01-01T00:00:00Z", "is after 2262-04-11T23:47:16.854775807Z");
        assertRejection(reads.rejections().get(1), file, 3, RejectionKind.TIMESTAMP_OUT_OF_RANGE, "ts_nanos",
            "1969-12-31T23:59:59Z", "is before 1970-01-01T00:00:00Z");
        assertRejection(reads.rejections().get(2), file, 4, RejectionKind.TIMESTAMP_OUT_OF_RANGE, "ts_nanos", "-1",
            "read as epoch ns (the assumed unit; --ts-unit), it is before 1970-01-01T00:00:00Z");
    }

    @Test
    void integerTimestampsAreInTheUnitTheOptionsSayAndTheFileIsWarnedWhenTheyLookLikeAnother() throws IOException {
        final Path file = write(HEADER + "\na,1700000000123,move,1,2,,,,,,\na,1700000000124,move,1,2,,,,,,\n");
        final Reads ns = Reads.of(format, file);
        assertEquals(1_700_000_000_123L, ns.events.get(0).timestampNs());
        assertEquals(List.of(file + ": times look like epoch ms (1700000000123 read as ns is"
            + " 1970-01-01T00:28:20.000000123Z); pass --ts-unit ms"), ns.diagnostics.warnings);
        final Reads ms = Reads.of(format, file, ParseOptions.defaults().withIntegerTimeUnit(TimeUnit.MILLISECONDS));
        assertEquals(1_700_000_000_123_000_000L, ms.events.get(0).timestampNs());
        assertEquals(1_700_000_000_124_000_000L, ms.events.get(1).timestampNs());
        assertEquals(List.of(), ms.diagnostics.warnings);
    }

    @Test
    void aFileWithAnotherHeaderGivesOneBadHeaderRejectionAndNoEvents() throws IOException {
        final Path file = write(BalabitFormat.HEADER_TEXT + "\n0.0,0.0,NoButton,Move,1,2\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(), reads.events);
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 1, RejectionKind.BAD_HEADER, null,
            BalabitFormat.HEADER_TEXT, "line 1 is not the header; csv files start with " + EXPECTED
                + "; the file is skipped");
    }

    @Test
    void aHeaderThatOnlyLooksRightShowsWhereItDiffers() throws IOException {
        final Path file = write(HEADER.replace("device", "device\u00A0") + "\na,1000,move,1,2,,,,,,\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(), reads.events);
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertTrue(reads.rejections().get(0).value().startsWith("device\\u00A0,ts_nanos"),
            reads.rejections().toString());
    }

    @Test
    void aBinaryFirstLineIsABadHeader() throws IOException {
        final Path file = write("\u0001\u0002\u0003\na,1000,move,1,2,,,,,,\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(), reads.events);
        assertEquals(List.of(RejectionKind.BAD_HEADER), reads.kinds());
        assertRejection(reads.rejections().get(0), file, 1, RejectionKind.BAD_HEADER, null, null,
            "line 1 is binary data; csv files start with " + EXPECTED);
    }

    @Test
    void emptyAndHeaderOnlyFilesEndCleanly() throws IOException {
        for (final String text : new String[] {"", HEADER + "\n", HEADER + "\r\n", "\uFEFF", "\uFEFF" + HEADER + "\n",
            HEADER + "\n\n\n"}) {
            final Path file = write(text);
            final Reads reads = Reads.of(format, file);
            assertEquals(List.of(), reads.events, text);
            assertEquals(List.of(), reads.rejections(), text);
        }
    }

    @Test
    void anUnfinishedLastRowIsReportedOnceAndLeftOutOfTheCoveredBytes() throws IOException {
        final String complete = HEADER + "\na,1000,move,1220,560,,,,,,\n";
        final Path file = write(complete + "a,2000,move,1220,5");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move("a", 1000, 1220, 560, 0)), reads.events);
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 3, RejectionKind.INCOMPLETE_LAST_LINE, null,
            "a,2000,move,1220,5", "has no line end yet");
        assertEquals(complete.length(), reads.bytesCovered);
        assertEquals(2, reads.linesRead);
    }

    @Test
    void whatABatchCoversEndsWithItsLastRowThoughTheParserLookedAtTheNextLine() throws IOException {
        final String[] rows = {HEADER, "a,1000,move,1,2,,,,,,", "b,2000,move,3,4,,,,,,", "a,\"x\"y,move,5,6,,,,,,",
            "\"c\r\nd\",3000,move,7,8,,,,,,", "a,4000,move,9,10,,,,,,"};
        final Path file = write(String.join("\n", rows) + "\n");
        // line (from 1) and end offset of each row that makes an event: lines 2, 3, then 5..6, 7
        final long[] lines = {2, 3, 6, 7};
        final long[] ends = new long[rows.length];
        long offset = 0;
        for (int i = 0; i < rows.length; i++) {
            offset += rows[i].length() + 1;
            ends[i] = offset;
        }
        final long[] endOfEvent = {ends[1], ends[2], ends[4], ends[5]};
        final EventBuffer buffer = new EventBuffer(1);
        try (SourceReader reader = format.open(file, ParseOptions.defaults(), new CollectingDiagnostics())) {
            for (int event = 0; event < lines.length; event++) {
                buffer.clear();
                assertEquals(1, reader.read(buffer), "event " + event);
                assertEquals(lines[event], reader.linesRead(), "event " + event);
                assertEquals(endOfEvent[event], reader.bytesCovered(), "event " + event);
                assertEquals(PrefixHash.of(file, reader.bytesCovered()), reader.coveredHash(), "event " + event);
            }
            buffer.clear();
            assertEquals(0, reader.read(buffer));
            assertEquals(Files.size(file), reader.bytesCovered());
        }
    }

    @Test
    void aDecimalThatIsNoMultipleOf256thsIsRoundedAndTheFileWarned() throws IOException {
        final Path file = write(HEADER + "\nws,1000,move,0.1,1175.421875,,,,,,\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(List.of(SubPixel.ofPixels(0.1), SubPixel.of(1175, 108))), reads.subpixels);
        assertEquals(List.of(file + ": 1 coordinates were not multiples of 1/256 px and were rounded to the nearest"
            + " 1/256 px (Spoor keeps coordinates to 1/256 px: docs/format.md)"), reads.diagnostics.warnings);
    }

    @Test
    void aRowWithFieldsPastTheLastSaysHowMany() throws IOException {
        final Path file = write(HEADER + "\na,1000,move,1,2,,,,,,,x,y\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 2, RejectionKind.MALFORMED, null, "a,1000,move,1,2,,,,,,,x,y",
            "has 13 comma-separated fields, not the header's 11 (2 past the last, modifiers)");
    }

    private Path write(final String text) throws IOException {
        return Files.write(dir.resolve("events.csv"), text.getBytes(StandardCharsets.UTF_8));
    }
}
