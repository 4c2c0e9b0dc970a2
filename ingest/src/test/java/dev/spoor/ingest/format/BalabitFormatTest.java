/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.Buttons;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RejectionKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static dev.spoor.ingest.format.RejectionAssert.assertRejection;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BalabitFormatTest {
    static final String HEADER = "record timestamp,client timestamp,button,state,x,y";
    private static final long EPOCH_NS = 1_451_606_400_000_000_000L;
    private static final String DEVICE = "user7/session_0001";
    private static final long MS = 1_000_000L;

    private final BalabitFormat format = new BalabitFormat();

    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void createUserFolder() throws IOException {
        file = Files.createDirectories(dir.resolve("user7")).resolve("session_0001");
    }

    @Test
    void readsEveryStateWithDragsHoldingThePressedButtons() throws IOException {
        write(HEADER + "\n"
            + "0.0,0.0,NoButton,Move,100,200\n"
            + "0.1,0.0160000000615,NoButton,Drag,101,201\n"
            + "0.2,0.2,Left,Pressed,102,202\n"
            + "0.3,0.3,Left,Released,102,202\n"
            + "0.4,0.4,Right,Pressed,103,203\n"
            + "0.4,0.4,Middle,Released,103,203\n"
            + "0.4,0.4,XButton,Pressed,103,203\n"
            + "0.45,0.45,NoButton,Drag,104,203\n"
            + "0.46,0.46,Right,Released,104,203\n"
            + "0.47,0.47,NoButton,Drag,105,203\n"
            + "0.48,0.48,XButton,Released,105,203\n"
            + "0.49,0.49,NoButton,Drag,106,203\n"
            + "0.5,122.82,Scroll,Up,104,204\n"
            + "0.6,4292978.345,Scroll,Down,65535,65535\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(
            Event.move(DEVICE, EPOCH_NS, 100, 200, Buttons.NONE),
            Event.move(DEVICE, EPOCH_NS + 16 * MS, 101, 201, Buttons.LEFT),
            Event.down(DEVICE, EPOCH_NS + 200 * MS, 102, 202, Buttons.LEFT),
            Event.up(DEVICE, EPOCH_NS + 300 * MS, 102, 202, Buttons.LEFT),
            Event.down(DEVICE, EPOCH_NS + 400 * MS, 103, 203, Buttons.RIGHT),
            Event.up(DEVICE, EPOCH_NS + 400 * MS, 103, 203, Buttons.MIDDLE),
            Event.down(DEVICE, EPOCH_NS + 400 * MS, 103, 203, Buttons.X1),
            Event.move(DEVICE, EPOCH_NS + 450 * MS, 104, 203, Buttons.RIGHT | Buttons.X1),
            Event.up(DEVICE, EPOCH_NS + 460 * MS, 104, 203, Buttons.RIGHT),
            Event.move(DEVICE, EPOCH_NS + 470 * MS, 105, 203, Buttons.X1),
            Event.up(DEVICE, EPOCH_NS + 480 * MS, 105, 203, Buttons.X1),
            Event.move(DEVICE, EPOCH_NS + 490 * MS, 106, 203, Buttons.LEFT),
            Event.wheel(DEVICE, EPOCH_NS + 122_820 * MS, 104, 204, 0, 1),
            Event.wheel(DEVICE, EPOCH_NS + 4_292_978_345L * MS, 65535, 65535, 0, -1)), reads.events,
            reads.describe());
        assertEquals(List.of(), reads.rejections());
        assertEquals(15, reads.linesRead);
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    @Test
    void theEpochComesFromTheOptions() throws IOException {
        write(HEADER + "\n0.0,1.5,NoButton,Move,1,2\n");
        final Reads reads = Reads.of(format, file,
            ParseOptions.defaults().withEpoch(Instant.parse("2020-01-01T00:00:00Z")));
        assertEquals(List.of(Event.move(DEVICE, 1_577_836_801_500_000_000L, 1, 2, 0)), reads.events);
    }

    @Test
    void crlfAndAByteOrderMarkAreHandled() throws IOException {
        Files.write(file, ("\uFEFF" + HEADER + "\r\n0.0,0.0,NoButton,Move,1,2\r\n0.0,0.5,NoButton,Move,3,4\r\n")
            .getBytes(StandardCharsets.UTF_8));
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move(DEVICE, EPOCH_NS, 1, 2, 0), Event.move(DEVICE, EPOCH_NS + 500 * MS, 3, 4, 0)),
            reads.events, reads.describe());
        assertEquals(List.of(), reads.rejections());
    }

    @Test
    void aRowCutMidNumberIsNeverReadAndTheFinishedRowIsReadInFull() throws IOException {
        final String complete = HEADER + "\n0.0,0.0,NoButton,Move,1000,500\n";
        write(complete + "1.0,1.0,NoButton,Move,1220,5");
        final Reads cut = Reads.of(format, file);
        assertEquals(List.of(Event.move(DEVICE, EPOCH_NS, 1000, 500, 0)), cut.events,
            "no event at y=5 from the cut row: " + cut.describe());
        assertEquals(1, cut.rejections().size(), cut.describe());
        assertRejection(cut.rejections().get(0), file, 3, RejectionKind.INCOMPLETE_LAST_LINE, null,
            "1.0,1.0,NoButton,Move,1220,5", "the last line (28 bytes) has no line end yet");
        assertEquals(complete.length(), cut.bytesCovered);
        assertEquals(2, cut.linesRead);

        Files.writeString(file, "60\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        final Reads finished = Reads.of(format, file);
        assertEquals(List.of(Event.move(DEVICE, EPOCH_NS, 1000, 500, 0),
            Event.move(DEVICE, EPOCH_NS + 1000 * MS, 1220, 560, 0)), finished.events, finished.describe());
        assertEquals(List.of(), finished.rejections());
        assertEquals(Files.size(file), finished.bytesCovered);
        assertEquals(cut.events, finished.events.subList(0, cut.events.size()), "the first run's events come first");
    }

    @Test
    void badRowsAreRejectedWithFieldAndValue() throws IOException {
        write(HEADER + "\n"
            + "0.0,0.0,NoButton,Move,1,2\n"
            + "0.0,0.1,NoButton,Hover,1,2\n"
            + "0.0,0.2,Thumb,Pressed,1,2\n"
            + "0.0,0.3,NoButton,Move,1.5,2\n"
            + "0.0,0.4,NoButton,Move,1\n"
            + "0.0,soon,NoButton,Move,1,2\n"
            + "0.0,1e300,NoButton,Move,1,2\n"
            + "0.0,-1.5e9,NoButton,Move,1,2\n"
            + "0.0,NaN,NoButton,Move,1,2\n"
            + "0.0,0.5,NoButton,Mov\u00e9,1,2\n"
            + "0.0,0.9,NoButton,Move,3,4\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.move(DEVICE, EPOCH_NS, 1, 2, 0), Event.move(DEVICE, EPOCH_NS + 900 * MS, 3, 4, 0)),
            reads.events, reads.describe());
        assertEquals(9, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 3, RejectionKind.MALFORMED, "state", "Hover",
            "is not Move, Drag, Pressed, Released, Up or Down");
        assertRejection(reads.rejections().get(1), file, 4, RejectionKind.MALFORMED, "button", "Thumb",
            "is not Left, Right, Middle or XButton");
        assertRejection(reads.rejections().get(2), file, 5, RejectionKind.MALFORMED, "x", "1.5", "is not an integer");
        assertRejection(reads.rejections().get(3), file, 6, RejectionKind.MALFORMED, null,
            "0.0,0.4,NoButton,Move,1", "has 5 comma-separated fields, not the header's 6 (y missing)");
        assertRejection(reads.rejections().get(4), file, 7, RejectionKind.MALFORMED, "client timestamp", "soon",
            "is not a number");
        assertRejection(reads.rejections().get(5), file, 8, RejectionKind.TIMESTAMP_OUT_OF_RANGE, "client timestamp",
            "1e300", "is outside 1970-01-01T00:00:00Z .. 2262-04-11T23:47:16.854775807Z");
        assertRejection(reads.rejections().get(6), file, 9, RejectionKind.TIMESTAMP_OUT_OF_RANGE, "client timestamp",
            "-1.5e9", "-1.5e9 s after the epoch 2016-01-01T00:00:00Z is outside 1970-01-01T00:00:00Z");
        assertRejection(reads.rejections().get(7), file, 10, RejectionKind.TIMESTAMP_OUT_OF_RANGE,
            "client timestamp", "NaN", "is not finite");
        assertRejection(reads.rejections().get(8), file, 11, RejectionKind.MALFORMED, "state", "Mov\u00e9",
            "is not Move");
    }

    /** A time out of range is named in the seconds it was written in, not a double's milliseconds (...008 ms). */
    @Test
    void aTimeOutOfRangeIsNamedAsWritten() throws IOException {
        write(HEADER + "\n99999999999999,99999999999999,NoButton,Move,1,2\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 2, RejectionKind.TIMESTAMP_OUT_OF_RANGE, "client timestamp",
            "99999999999999", "99999999999999 s after the epoch 2016-01-01T00:00:00Z is outside");
    }

    @Test
    void aCsvExportGivenAsBalabitIsOneBadHeader() throws IOException {
        write(CsvFormatTest.HEADER + "\na,1000,move,1,2,,,,,,\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(), reads.events);
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 1, RejectionKind.BAD_HEADER, null, CsvFormatTest.HEADER,
            "line 1 is not the header; balabit files start with '" + HEADER + "'; the file is skipped");
        assertEquals(1, reads.linesRead);
    }

    @Test
    void theDeviceIsTheFolderAndFileName() {
        assertEquals("user7/session_0001", BalabitFormat.deviceKey(file));
        assertEquals("session_9", BalabitFormat.deviceKey(Path.of("/session_9")));
    }

    private void write(final String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
