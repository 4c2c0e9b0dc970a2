/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.PrefixHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineSplitterTest {
    @TempDir
    Path dir;

    @Test
    void splitsLfAndCrlfLinesAndConsumesTheirLineEnds() throws IOException {
        final Path file = write("a,b\r\n\nccc\nd\r\n");
        try (LineSplitter lines = LineSplitter.open(file, 100)) {
            assertLine(lines, "a,b", 1, 5);
            assertLine(lines, "", 2, 6);
            assertLine(lines, "ccc", 3, 10);
            assertLine(lines, "d", 4, 13);
            assertEquals(LineSplitter.END, lines.next());
            assertEquals(LineSplitter.END, lines.next());
            assertEquals(4, lines.linesConsumed());
            assertEquals(PrefixHash.of(file, 13), lines.prefixHash());
        }
    }

    @Test
    void stripsAByteOrderMarkAtOffsetZeroOnly() throws IOException {
        final Path file = write("\uFEFFhead\n\uFEFFbody\n");
        try (LineSplitter lines = LineSplitter.open(file, 100)) {
            assertLine(lines, "head", 1, 8);
            assertLine(lines, "\uFEFFbody", 2, 16);
        }
    }

    @Test
    void aByteOrderMarkAloneIsAnEmptyFile() throws IOException {
        final Path file = write("\uFEFF");
        try (LineSplitter lines = LineSplitter.open(file, 100)) {
            assertEquals(LineSplitter.END, lines.next());
            assertEquals(0, lines.bytesConsumed());
            assertEquals(0, lines.prefixHash());
        }
    }

    @Test
    void reportsALastLineWithoutLineEndOnceAndNeverConsumesIt() throws IOException {
        final Path file = write("one\ntwo,1220,5");
        try (LineSplitter lines = LineSplitter.open(file, 100)) {
            assertLine(lines, "one", 1, 4);
            assertEquals(LineSplitter.INCOMPLETE, lines.next());
            assertEquals(2, lines.lineNumber());
            assertEquals("two,1220,5", text(lines));
            assertEquals(LineSplitter.END, lines.next());
            assertEquals(1, lines.linesConsumed());
            assertEquals(4, lines.bytesConsumed());
            assertEquals(PrefixHash.of(file, 4), lines.prefixHash());
        }
    }

    @Test
    void takesALineOfExactlyTheLimitAndSkipsOneByteLonger() throws IOException {
        final String ten = "0123456789";
        final Path file = write(ten + "\r\n" + ten + "X\n" + ten + "\n");
        try (LineSplitter lines = LineSplitter.open(file, 10)) {
            assertLine(lines, ten, 1, 12);
            assertEquals(LineSplitter.TOO_LONG, lines.next());
            assertEquals(2, lines.lineNumber());
            assertEquals(11, lines.lineBytes());
            assertEquals(24, lines.bytesConsumed());
            assertLine(lines, ten, 3, 35);
        }
    }

    @Test
    void skipsATenMegabyteLineWithoutHoldingIt() throws IOException {
        final Path file = dir.resolve("long");
        final int longBytes = 10 * 1024 * 1024;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("before\n".getBytes(StandardCharsets.US_ASCII));
            final byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, (byte)'x');
            for (int written = 0; written < longBytes; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\r\nafter\n".getBytes(StandardCharsets.US_ASCII));
        }
        for (final int limit : new int[] {100, 1 << 20}) {
            try (LineSplitter lines = LineSplitter.open(file, limit)) {
                assertLine(lines, "before", 1, 7);
                assertEquals(LineSplitter.TOO_LONG, lines.next(), "limit=" + limit);
                assertEquals(2, lines.lineNumber());
                assertEquals(longBytes, lines.lineBytes());
                assertTrue(lines.bufferCapacity() <= Math.max(LineSplitter.MIN_BUFFER_BYTES, limit + 2),
                    "limit=" + limit + ": the buffer grew to " + lines.bufferCapacity() + " bytes");
                assertEquals(PrefixHash.of(file, lines.bytesConsumed()), lines.prefixHash());
                assertLine(lines, "after", 3, 7 + longBytes + 2 + 6);
                assertEquals(LineSplitter.END, lines.next());
            }
        }
    }

    @Test
    void aTooLongLastLineWithoutLineEndLeavesTheHashOfWhatWasConsumed() throws IOException {
        final byte[] tail = new byte[300_000];
        Arrays.fill(tail, (byte)'y');
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("first\n".getBytes(StandardCharsets.US_ASCII));
        content.writeBytes(tail);
        final Path file = Files.write(dir.resolve("tail"), content.toByteArray());
        try (LineSplitter lines = LineSplitter.open(file, 1000)) {
            assertLine(lines, "first", 1, 6);
            assertEquals(LineSplitter.INCOMPLETE, lines.next());
            assertEquals(2, lines.lineNumber());
            assertEquals(tail.length, lines.lineBytes());
            assertEquals(6, lines.bytesConsumed());
            assertEquals(PrefixHash.of(file, 6), lines.prefixHash());
        }
    }

    @Test
    void prefixHashEqualsPrefixHashOfAfterEveryLineOfRandomFiles() throws IOException {
        final long seed = Seeds.seed("prefixHashEqualsPrefixHashOfAfterEveryLineOfRandomFiles");
        final Random random = new Random(seed);
        for (int round = 0; round < 10; round++) {
            final ByteArrayOutputStream content = new ByteArrayOutputStream();
            final int lineCount = random.nextInt(300);
            for (int i = 0; i < lineCount; i++) {
                final byte[] line = new byte[random.nextInt(30) == 0 ? random.nextInt(150_000) : random.nextInt(90)];
                for (int j = 0; j < line.length; j++) {
                    line[j] = (byte)('a' + random.nextInt(26));
                }
                content.writeBytes(line);
                content.writeBytes(random.nextBoolean() ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
            }
            if (random.nextBoolean()) {
                content.writeBytes("partial".getBytes(StandardCharsets.US_ASCII));
            }
            final Path file = Files.write(dir.resolve("random" + round), content.toByteArray());
            final int limit = 1 + random.nextInt(150_000);
            long lines = 0;
            try (LineSplitter splitter = LineSplitter.open(file, limit)) {
                for (int status = splitter.next(); status != LineSplitter.END; status = splitter.next()) {
                    if (status != LineSplitter.INCOMPLETE) {
                        lines++;
                    }
                    assertEquals(lines, splitter.linesConsumed(), "seed=" + seed);
                    assertEquals(PrefixHash.of(file, splitter.bytesConsumed()), splitter.prefixHash(),
                        "seed=" + seed + " round=" + round + " line=" + splitter.lineNumber() + " limit=" + limit);
                }
                assertEquals(lineCount, lines, "seed=" + seed);
            }
        }
    }

    @Test
    void findsEveryLineEndAmongAllByteValues() throws IOException {
        final long seed = Seeds.seed("findsEveryLineEndAmongAllByteValues");
        final Random random = new Random(seed);
        final byte[] content = new byte[1 << 20];
        random.nextBytes(content);
        content[content.length - 1] = '\n';
        final Path file = Files.write(dir.resolve("bytes"), content);
        int start = 0;
        try (LineSplitter lines = LineSplitter.open(file, 1 << 20)) {
            for (int i = 0; i < content.length; i++) {
                if (content[i] != '\n') {
                    continue;
                }
                assertEquals(LineSplitter.LINE, lines.next(), "seed=" + seed);
                final int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                assertEquals(end - start, lines.lineLength(), "seed=" + seed + " line at " + start);
                assertEquals(i + 1, lines.bytesConsumed(), "seed=" + seed);
                start = i + 1;
            }
            assertEquals(LineSplitter.END, lines.next(), "seed=" + seed);
        }
    }

    private Path write(final String text) throws IOException {
        return Files.write(dir.resolve("lines"), text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertLine(final LineSplitter lines, final String expected, final long number,
        final long consumed) throws IOException {
        assertEquals(LineSplitter.LINE, lines.next(), "line " + number);
        assertEquals(expected, text(lines), "line " + number);
        assertEquals(number, lines.lineNumber());
        assertEquals(number, lines.linesConsumed());
        assertEquals(consumed, lines.bytesConsumed(), "bytes consumed after line " + number);
    }

    private static String text(final LineSplitter lines) {
        return new String(lines.buffer(), lines.lineOffset(), lines.lineLength(), StandardCharsets.UTF_8);
    }
}
