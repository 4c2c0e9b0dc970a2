/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.EventType;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.RejectionKind;
import dev.spoor.ingest.SourceReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.spoor.ingest.format.RejectionAssert.assertRejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** What every format must do alike: empty files, BOM, CRLF, long lines, garbage, determinism. */
class EveryFormatTest {
    @TempDir
    Path dir;

    /** The line formats; owamcap, a binary container, has its own (OwaMcapFormatTest). */
    static List<RecordingFormat> formats() {
        return Formats.all().stream().filter(f -> !(f instanceof OwaMcapFormat)).collect(Collectors.toList());
    }

    @ParameterizedTest
    @MethodSource("formats")
    void anEmptyFileEndsCleanly(final RecordingFormat format) throws IOException {
        final Reads reads = Reads.of(format, sample(format, new byte[0]));
        assertEquals(List.of(), reads.events);
        assertEquals(List.of(), reads.rejections());
        assertEquals(0, reads.bytesCovered);
        assertEquals(0, reads.linesRead);
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aHeaderOnlyOrBlankFileEndsCleanly(final RecordingFormat format) throws IOException {
        final Path file = sample(format, header(format).getBytes(StandardCharsets.UTF_8));
        final Reads reads = Reads.of(format, file);
        assertEquals(List.of(), reads.events);
        assertEquals(List.of(), reads.rejections());
        assertEquals(Files.size(file), reads.bytesCovered);
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aByteOrderMarkAndCrlfLineEndsGiveTheSameEventsAsPlainLf(final RecordingFormat format) throws IOException {
        final String plain = header(format) + goodLines(format);
        final Reads lf = Reads.of(format, sample(format, plain.getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, lf.events.size() / (format instanceof AaltoFormat ? 2 : 1), lf.describe());
        for (final String variant : new String[] {"\uFEFF" + plain, plain.replace("\n", "\r\n"),
            "\uFEFF" + plain.replace("\n", "\r\n")}) {
            final Path file = sample(format, variant.getBytes(StandardCharsets.UTF_8));
            final Reads reads = Reads.of(format, file);
            assertEquals(lf.events, reads.events, format.name() + ": " + variant);
            assertEquals(List.of(), reads.rejections(), format.name());
            assertEquals(Files.size(file), reads.bytesCovered);
        }
    }

    /** A file of classic Mac OS line ends is one unfinished line: named as such, not "left for a later run". */
    @ParameterizedTest
    @MethodSource("formats")
    void aFileOfCarriageReturnLineEndsIsNamedNotHeldBack(final RecordingFormat format) throws IOException {
        assumeFalse(format instanceof RrwebFormat, "rrweb is JSON, not lines");
        final String text = (header(format) + goodLines(format)).replace("\n", "\r");
        final Reads reads = Reads.of(format, sample(format, text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), reads.events, reads.describe());
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertEquals(RejectionKind.MALFORMED, reads.rejections().get(0).kind(), reads.describe());
        assertTrue(reads.rejections().get(0).reason().contains("carriage return alone"), reads.describe());
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aTenMegabyteLineIsSkippedAndTheLinesAroundItGoIn(final RecordingFormat format) throws IOException {
        // rrweb is JSON, not lines: no line limit (a snapshot or a whole array is one line of many MB), and broken
        // JSON ends the file (RrwebFormatTest).
        assumeFalse(format instanceof RrwebFormat, "rrweb has no line limit");
        final String[] good = goodLines(format).split("\n");
        final String text = header(format) + good[0] + "\n" + "x".repeat(10 << 20) + "\n" + good[1] + "\n";
        final Path file = sample(format, text.getBytes(StandardCharsets.UTF_8));
        final Reads reads = Reads.of(format, file);
        final Reads expected = Reads.of(format, sample(format, (header(format) + goodLines(format))
            .getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected.events, reads.events);
        final long line = header(format).isEmpty() ? 2 : 3;
        assertEquals(1, reads.rejections().size(), reads.describe());
        assertRejection(reads.rejections().get(0), reads.rejections().get(0).file(), line,
            RejectionKind.LINE_TOO_LONG, null, null, "the line is 10485760 bytes, over the limit of 1048576");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aFirstLineThatOpensAQuoteIsOneBadHeaderAndNothingMoreIsRead(final RecordingFormat format)
        throws IOException {
        assumeFalse(header(format).isEmpty(), format.name() + " has no header line");
        final String text = "\"I\n" + "x\u0001y\n".repeat(30) + goodLines(format);
        final Reads reads = Reads.of(format, sample(format, text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), reads.events, reads.describe());
        assertEquals(List.of(RejectionKind.BAD_HEADER), reads.kinds(), reads.describe());
        assertEquals(1, reads.rejections().get(0).line(), reads.describe());
    }

    @ParameterizedTest
    @MethodSource("formats")
    void randomBinaryGarbageGivesRejectionsAndNoEventsNeverAnException(final RecordingFormat format)
        throws IOException {
        final long seed = Seeds.seed("randomBinaryGarbage " + format.name());
        final Random random = new Random(seed);
        final Set<RejectionKind> lineKinds = EnumSet.of(RejectionKind.BINARY, RejectionKind.NOT_UTF8,
            RejectionKind.MALFORMED, RejectionKind.LINE_TOO_LONG, RejectionKind.INCOMPLETE_LAST_LINE,
            RejectionKind.BAD_HEADER);
        for (int round = 0; round < 20; round++) {
            final byte[] garbage = new byte[64 * 1024];
            random.nextBytes(garbage);
            final boolean isBehindHeader = random.nextBoolean();
            final ByteArrayOutputStream content = new ByteArrayOutputStream();
            if (isBehindHeader) {
                content.writeBytes(header(format).getBytes(StandardCharsets.UTF_8));
            }
            content.writeBytes(garbage);
            final Path file = sample(format, content.toByteArray());
            final Reads reads = Reads.of(format, file, ParseOptions.defaults().withMaxLineBytes(1000), 64, false);
            final String context = "seed=" + seed + " round=" + round + " " + format.name();
            assertEquals(List.of(), reads.events, context);
            assertFalse(reads.rejections().isEmpty(), context);
            assertTrue(lineKinds.containsAll(reads.kinds()), context + ": " + reads.kinds());
            if (!isBehindHeader && !header(format).isEmpty()) {
                assertEquals(1, reads.rejections().size(), context + ": one bad header, nothing more read");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("formats")
    void readingAFileTwiceGivesTheSameEventsInTheSameOrder(final RecordingFormat format) throws IOException {
        final long seed = Seeds.seed("readingAFileTwice " + format.name());
        final Random random = new Random(seed);
        final StringBuilder text = new StringBuilder(header(format));
        for (int i = 0; i < 3000; i++) {
            text.append(line(format, random, i));
        }
        final Path file = sample(format, text.toString().getBytes(StandardCharsets.UTF_8));
        final Reads first = Reads.of(format, file, ParseOptions.defaults(), 1 + random.nextInt(100), false);
        final Reads second = Reads.of(format, file, ParseOptions.defaults(), 1 + random.nextInt(100), false);
        assertEquals(first.events, second.events, "seed=" + seed);
        assertEquals(first.rejections(), second.rejections(), "seed=" + seed);
        assertTrue(first.events.size() >= 3000, "seed=" + seed + " events=" + first.events.size());
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aReadIntoAFullBufferIsRefusedRatherThanTakenForTheEnd(final RecordingFormat format) throws IOException {
        final Path file = sample(format, (header(format) + goodLines(format)).getBytes(StandardCharsets.UTF_8));
        final EventBuffer full = new EventBuffer(1);
        full.add(full.device("other"), 1, EventType.MOVE, 0, 0, 0, 0);
        try (SourceReader reader = format.open(file, Reads.options(format, ParseOptions.defaults()),
            new CollectingDiagnostics())) {
            assertThrows(IllegalArgumentException.class, () -> reader.read(full));
            full.clear();
            assertEquals(1, reader.read(full), "nothing was consumed by the refused read");
        }
    }

    private Path sample(final RecordingFormat format, final byte[] content) throws IOException {
        final Path folder = Files.createDirectories(dir.resolve("user1"));
        final String name;
        switch (format.name()) {
            case BalabitFormat.NAME:
                name = "session_1";
                break;
            case AaltoFormat.NAME:
                name = "5_keystrokes.txt";
                break;
            case CsvFormat.NAME:
                name = "events.csv";
                break;
            default:
                name = "events.jsonl";
                break;
        }
        final Path file = folder.resolve(name);
        assertTrue(format.accepts(file));
        return Files.write(file, content);
    }

    static String header(final RecordingFormat format) {
        switch (format.name()) {
            case BalabitFormat.NAME:
                return BalabitFormatTest.HEADER + "\n";
            case AaltoFormat.NAME:
                return AaltoFormatTest.HEADER + "\n";
            case CsvFormat.NAME:
                return CsvFormatTest.HEADER + "\n";
            default:
                return "";
        }
    }

    private static String goodLines(final RecordingFormat format) {
        final Random fixed = new Random(1);
        return line(format, fixed, 0) + line(format, fixed, 1);
    }

    static String line(final RecordingFormat format, final Random random, final int i) {
        final int x = random.nextInt(1920);
        final int y = random.nextInt(1080);
        switch (format.name()) {
            case BalabitFormat.NAME:
                return "0.0," + (i * 0.015625) + ",NoButton,Move," + x + "," + y + "\n";
            case AaltoFormat.NAME:
                final long press = 1_471_934_383_000L + 100L * i + random.nextInt(50);
                return AaltoFormatTest.row("5", press, press + random.nextInt(300), "k", 65 + random.nextInt(26));
            case CsvFormat.NAME:
                return "ws-" + random.nextInt(3) + "," + (1_700_000_000_000_000_000L + 1_000_000L * i) + ",move,"
                    + x + "," + y + ",,,,,,\n";
            case PynputFormat.NAME:
                return PynputFormatTest.line(random, 150_160_000_000_000L + 2_500_000L * i);
            case RrwebFormat.NAME:
                return "{\"type\":3,\"data\":{\"source\":1,\"positions\":[{\"x\":" + x + ",\"y\":" + y
                    + ",\"id\":1,\"timeOffset\":0}]},\"timestamp\":" + (1_700_000_000_000L + i) + "}\n";
            default:
                return "{\"device\":\"ws-" + random.nextInt(3) + "\",\"ts_nanos\":"
                    + (1_700_000_000_000_000_000L + 1_000_000L * i) + ",\"type\":\"move\",\"x\":" + x + ",\"y\":" + y
                    + "}\n";
        }
    }
}
