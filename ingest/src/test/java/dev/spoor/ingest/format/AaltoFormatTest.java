/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
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
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static dev.spoor.ingest.format.RejectionAssert.assertRejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class AaltoFormatTest {
    static final String HEADER = "PARTICIPANT_ID\tTEST_SECTION_ID\tSENTENCE\tUSER_INPUT\tKEYSTROKE_ID\tPRESS_TIME"
        + "\tRELEASE_TIME\tLETTER\tKEYCODE";
    private static final String DEVICE = "aalto/5";
    private static final long MS = 1_000_000L;
    private static final int[] KEYS = {16, 17, 18, 32, 8, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 190};

    private final AaltoFormat format = new AaltoFormat();

    @TempDir
    Path dir;

    @Test
    void readsKeyPressesAsDownsAndUpsInTimeOrderWithTheModifiersHeld() throws IOException {
        final Path file = write(HEADER + "\n"
            + row("5", 1000, 1300, "SHIFT", 16)
            + row("5", 1100, 1200, "A", 65)
            + row("5", 1250, 1250, "b", 66));
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(
            Event.keyDown(DEVICE, 1000 * MS, 16, 1),
            Event.keyDown(DEVICE, 1100 * MS, 65, 1),
            Event.keyUp(DEVICE, 1200 * MS, 65, 1),
            Event.keyDown(DEVICE, 1250 * MS, 66, 1),
            Event.keyUp(DEVICE, 1250 * MS, 66, 1),
            Event.keyUp(DEVICE, 1300 * MS, 16, 0)), reads.events, reads.describe());
        assertEquals(List.of(), reads.rejections());
        assertEquals(4, reads.linesRead);
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    /** A key is released after it is pressed, and its code is 0 or more: such a row is rejected, not reordered. */
    @Test
    void aReleaseBeforeItsPressAndANegativeKeyCodeAreRejected() throws IOException {
        final Path file = write(HEADER + "\n"
            + row("5", 1000, 900, "a", 65)
            + row("5", 1100, 1200, "b", -5)
            + row("5", 1300, 1350, "c", 67));
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.keyDown(DEVICE, 1300 * MS, 67, 0), Event.keyUp(DEVICE, 1350 * MS, 67, 0)),
            reads.events, reads.describe());
        assertEquals(2, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 2, RejectionKind.MALFORMED, "RELEASE_TIME", "900",
            "is before the press (PRESS_TIME 1000)");
        assertRejection(reads.rejections().get(1), file, 3, RejectionKind.MALFORMED, "KEYCODE", "-5",
            "is negative");
    }

    @Test
    void streamingOrderEqualsTheOldSortOrderOnGeneratedFiles() throws IOException {
        final long seed = Seeds.seed("streamingOrderEqualsTheOldSortOrderOnGeneratedFiles");
        final Random random = new Random(seed);
        for (int round = 0; round < 30; round++) {
            final Path file = dir.resolve(round + "_keystrokes.txt");
            Files.write(file, generate(random, random.nextInt(2000), AaltoFormat.REORDER_ROWS - 1)
                .getBytes(StandardCharsets.ISO_8859_1));
            final List<Event> expected = AaltoSortedReference.read(file);
            final int capacity = 1 + random.nextInt(700);
            final Reads reads = Reads.of(format, file, ParseOptions.defaults(), capacity, false);
            assertEquals(List.of(), reads.rejections(), "seed=" + seed);
            assertEquals(expected, reads.events, "seed=" + seed + " round=" + round + " capacity=" + capacity);
        }
    }

    @Test
    void aPressFurtherBackThanTheWindowComesOutLateTheSameWayEveryTime() throws IOException {
        final Path file = write(HEADER + "\n"
            + row("5", 1000, 1010, "a", 65)
            + row("5", 2000, 2010, "b", 66)
            + row("5", 3000, 3010, "c", 67)
            + row("5", 4000, 4010, "d", 68)
            + row("5", 1500, 1510, "e", 69));
        final RecordingFormat narrow = windowed(2);
        final Reads first = Reads.of(narrow, file);
        final Reads second = Reads.of(narrow, file);
        assertEquals(first.events, second.events);
        final List<Event> sorted = AaltoSortedReference.read(file);
        assertNotEquals(sorted, first.events, "two rows of window cannot put row 5 back before row 2");
        final List<Event> byTime = new ArrayList<>(first.events);
        byTime.sort(Comparator.comparingLong(Event::timestampNs));
        assertEquals(sorted, byTime, "the same events");
        assertEquals(sorted, Reads.of(windowed(4), file).events, "four rows of window can");
    }

    @Test
    void latin1LettersAreReadAsText() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((HEADER + "\n5\t1\tma\u00f1ana\tma\u00f1ana\t7\t1000\t1100\t")
            .getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes("\u00f1\t192\n".getBytes(StandardCharsets.ISO_8859_1));
        final Path file = Files.write(dir.resolve("5_keystrokes.txt"), bytes.toByteArray());
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.keyDown(DEVICE, 1000 * MS, 192, 0), Event.keyUp(DEVICE, 1100 * MS, 192, 0)),
            reads.events, reads.describe());
        assertEquals(List.of(), reads.rejections());
    }

    @Test
    void aRawBackspaceInLetterIsDataButANulIsBinary() throws IOException {
        final Path file = write(HEADER + "\n"
            + row("5", 1000, 1100, "\b", 8)
            + row("5", 1200, 1300, "\u0000", 0)
            + row("5", 1400, 1500, "a", 65));
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.keyDown(DEVICE, 1000 * MS, 8, 0), Event.keyUp(DEVICE, 1100 * MS, 8, 0),
            Event.keyDown(DEVICE, 1400 * MS, 65, 0), Event.keyUp(DEVICE, 1500 * MS, 65, 0)), reads.events,
            reads.describe());
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 3, RejectionKind.BINARY, null, null, "control byte 0x00");
    }

    @Test
    void badRowsAreRejectedWithFieldAndValue() throws IOException {
        final Path file = write(HEADER + "\n"
            + row("5", 1000, 1100, "a", 65)
            + "5\t1\tab\tab\t7\t1200\t1300\tb\n"
            + "5\t1\tab\tab\t7\t9e+05\t1300\tb\t66\n"
            + row("6", 1300, 1400, "c", 67)
            + row("5", -1, 1400, "d", 68)
            + "5\t1\tab\tab\t7\t1500\t1600\te\tE\n"
            + row("", 1600, 1700, "f", 70)
            + row("5", 2000, 2100, "g", 71));
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.keyDown(DEVICE, 1000 * MS, 65, 0), Event.keyUp(DEVICE, 1100 * MS, 65, 0),
            Event.keyDown(DEVICE, 2000 * MS, 71, 0), Event.keyUp(DEVICE, 2100 * MS, 71, 0)), reads.events,
            reads.describe());
        assertEquals(6, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 3, RejectionKind.MALFORMED, null, null,
            "expected 9 tab-separated fields, found 8");
        assertRejection(reads.rejections().get(1), file, 4, RejectionKind.MALFORMED, "PRESS_TIME", "9e+05",
            "is not an integer");
        assertRejection(reads.rejections().get(2), file, 5, RejectionKind.MALFORMED, "PARTICIPANT_ID", "6",
            "differs from the file's participant '5'");
        assertRejection(reads.rejections().get(3), file, 6, RejectionKind.TIMESTAMP_OUT_OF_RANGE, "PRESS_TIME", "-1",
            "read as epoch ms (the format's unit), it is before 1970-01-01T00:00:00Z");
        assertRejection(reads.rejections().get(4), file, 7, RejectionKind.MALFORMED, "KEYCODE", "E",
            "is not an integer");
        assertRejection(reads.rejections().get(5), file, 8, RejectionKind.MALFORMED, "PARTICIPANT_ID", null,
            "is missing");
    }

    @Test
    void aBalabitFileGivenAsAaltoIsOneBadHeader() throws IOException {
        final Path file = write(BalabitFormatTest.HEADER + "\n0.0,0.0,NoButton,Move,1,2\n");
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(), reads.events);
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), file, 1, RejectionKind.BAD_HEADER, null,
            BalabitFormatTest.HEADER, "line 1 is not the header; aalto files start with 'PARTICIPANT_ID\\t"
                + "TEST_SECTION_ID\\tSENTENCE\\tUSER_INPUT\\tKEYSTROKE_ID\\tPRESS_TIME\\tRELEASE_TIME\\tLETTER\\t"
                + "KEYCODE'; the file is skipped");
    }

    @Test
    void crlfAndAByteOrderMarkAreHandled() throws IOException {
        final Path file = Files.write(dir.resolve("5_keystrokes.txt"), ("\uFEFF" + HEADER + "\r\n"
            + row("5", 1000, 1100, "a", 65).replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(Event.keyDown(DEVICE, 1000 * MS, 65, 0), Event.keyUp(DEVICE, 1100 * MS, 65, 0)),
            reads.events, reads.describe());
        assertEquals(List.of(), reads.rejections());
    }

    /** Rows in press order but for a few that go back up to {@code maxBackRows} rows. */
    static String generate(final Random random, final int rows, final int maxBackRows) {
        final long[] press = new long[rows];
        long t = 1_471_934_383_000L;
        for (int i = 0; i < rows; i++) {
            t += random.nextInt(8) == 0 ? 0 : random.nextInt(400);
            press[i] = t;
        }
        for (int i = maxBackRows + 1; i < rows; i++) {
            if (random.nextInt(50) == 0) {
                final int back = 1 + random.nextInt(maxBackRows);
                final long swap = press[i];
                press[i] = press[i - back];
                press[i - back] = swap;
                i += maxBackRows + 1;
            }
        }
        final StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            text.append(row("5", press[i], press[i] + random.nextInt(350), "k", KEYS[random.nextInt(KEYS.length)]));
        }
        return text.toString();
    }

    static String row(final String participant, final long pressMs, final long releaseMs, final String letter,
        final int keyCode) {
        return participant + "\t1\tthe sentence\tthe sentense\t7\t" + pressMs + "\t" + releaseMs + "\t" + letter + "\t"
            + keyCode + "\n";
    }

    private RecordingFormat windowed(final int window) {
        return new RecordingFormat() {
            @Override
            public String name() {
                return "aalto-window-" + window;
            }

            @Override
            public boolean accepts(final Path file) {
                return true;
            }

            @Override
            public SourceReader open(final Path file, final ParseOptions options, final Diagnostics diagnostics)
                throws IOException {
                return new AaltoKeystrokeReader(file, options, diagnostics, window);
            }
        };
    }

    private Path write(final String text) throws IOException {
        return Files.write(dir.resolve("5_keystrokes.txt"), text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
