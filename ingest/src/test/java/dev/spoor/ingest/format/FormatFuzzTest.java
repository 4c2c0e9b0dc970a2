/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.Rejection;
import dev.spoor.testkit.Bounded;
import dev.spoor.testkit.FileDamage;
import dev.spoor.testkit.Trials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Hostile input for every ingest format ({@link Formats#all()}: balabit, aalto, csv, jsonl, pynput, rrweb,
 * owamcap): random bytes, and valid files written by the formats' own line shapes then damaged, by {@link
 * FileDamage} (flipped bytes, cuts, garbage, huge length words, zeroed runs) and by {@link TextDamage} (huge
 * numbers, invalid UTF-8, NUL and other binary bytes, joined or cut lines). The only outcome allowed is a read to
 * the end that returns events and rejections, each rejection naming the file, a line from 1 and a kind; no
 * exception, no hang (10 s per file) and no allocation beyond 64 MiB plus 64 bytes per input byte (lines are capped
 * at 1 MiB by default, 4 KiB here).
 * <p>Tries and seeds: {@link Trials} (150 tries per property; a soak passes {@code -Dspoor.fuzz.tries=20000}). Each
 * property prints its base seed; a failure prints the failing try's seed and input, and
 * {@code -Dspoor.fuzz.seed=<seed> -Dspoor.fuzz.tries=1} replays that try alone.
 */
class FormatFuzzTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final ParseOptions OPTIONS = ParseOptions.defaults().withMaxLineBytes(4096);
    private static Path dir;

    /** Damage that only makes sense in text. */
    enum TextDamage {
        /** A number's digits replaced by 40 nines. */
        HUGE_NUMBER,
        /** A lone continuation byte, an overlong encoding and a truncated sequence. */
        INVALID_UTF8,
        /** A NUL and other control bytes. */
        BINARY,
        /** A line end removed: two lines become one. */
        JOIN_LINES,
        /** A line end inserted in the middle of a line. */
        CUT_LINE,
        /** A negative sign before a number. */
        NEGATIVE
    }

    @BeforeAll
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("spoor-format-fuzz");
    }

    @AfterAll
    static void deleteDir() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void randomBytesGiveRejectionsNeverAnException() {
        Trials.forAll("randomBytesGiveRejectionsNeverAnException", random -> {
            final RecordingFormat format = anyFormat(random);
            final byte[] bytes = new byte[random.nextInt(4097)];
            random.nextBytes(bytes);
            final ByteArrayOutputStream content = new ByteArrayOutputStream();
            if (random.nextBoolean()) {
                content.writeBytes(EveryFormatTest.header(format).getBytes(StandardCharsets.UTF_8));
            }
            content.writeBytes(bytes);
            read(format, content.toByteArray());
        });
    }

    @Test
    void damagedValidFilesGiveEventsAndRejectionsNeverAnException() {
        Trials.forAll("damagedValidFilesGiveEventsAndRejectionsNeverAnException", (SplittableRandom trial) -> {
            final RecordingFormat format = anyFormat(trial);
            final int lines = 1 + trial.nextInt(200);
            final Random random = new Random(trial.nextLong());
            final StringBuilder text = new StringBuilder(EveryFormatTest.header(format));
            for (int i = 0; i < lines; i++) {
                text.append(EveryFormatTest.line(format, random, i));
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            final int textDamages = trial.nextInt(7);
            for (int d = 0; d < textDamages; d++) {
                bytes = apply(TextDamage.values()[trial.nextInt(TextDamage.values().length)],
                    trial.nextInt(Integer.MAX_VALUE), bytes);
            }
            final List<FileDamage> damages = FileDamage.randomList(trial, 3);
            read(format, random.nextBoolean() ? bytes : FileDamage.applyAll(bytes, damages));
        });
    }

    private static RecordingFormat anyFormat(final SplittableRandom random) {
        final List<RecordingFormat> all = Formats.all();
        return all.get(random.nextInt(all.size()));
    }

    private static void read(final RecordingFormat format, final byte[] content) throws IOException {
        final Path file = dir.resolve(fileName(format));
        Files.write(file, content);
        final Bounded.Outcome<Reads> outcome = Bounded.call(LIMIT, (64L << 20) + 64L * content.length,
            () -> Reads.of(format, file, OPTIONS, 64, false));
        if (outcome.thrown() != null) {
            throw new AssertionError(format.name() + " threw on hostile input ("
                + new String(content, StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", "?") + ")", outcome.thrown());
        }
        for (final Rejection rejection : outcome.value().rejections()) {
            if (!file.equals(rejection.file()) || rejection.line() < 1 || rejection.kind() == null
                || rejection.reason() == null || rejection.reason().isBlank()) {
                throw new AssertionError(format.name() + ": a rejection without file, line, kind or reason: "
                    + rejection);
            }
        }
    }

    private static String fileName(final RecordingFormat format) {
        switch (format.name()) {
            case BalabitFormat.NAME:
                return "session_1";
            case AaltoFormat.NAME:
                return "5_keystrokes.txt";
            case CsvFormat.NAME:
                return "events.csv";
            default:
                return "events.jsonl";
        }
    }

    /** One text damage at {@code at} (modulo the length). */
    private static byte[] apply(final TextDamage damage, final int at, final byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        final int i = at % bytes.length;
        switch (damage) {
            case HUGE_NUMBER:
                final int digit = indexOf(bytes, i, b -> b >= '0' && b <= '9');
                return digit < 0 ? bytes : splice(bytes, digit, 1, "9".repeat(40).getBytes(StandardCharsets.US_ASCII));
            case INVALID_UTF8:
                return splice(bytes, i, 0, new byte[] {(byte)0x80, (byte)0xC0, (byte)0xAF, (byte)0xE2, (byte)0x82});
            case BINARY:
                return splice(bytes, i, 0, new byte[] {0, 1, 0x1B, 0x7F});
            case JOIN_LINES:
                final int end = indexOf(bytes, i, b -> b == '\n');
                return end < 0 ? bytes : splice(bytes, end, 1, new byte[0]);
            case CUT_LINE:
                return splice(bytes, i, 0, new byte[] {'\n'});
            default:
                final int number = indexOf(bytes, i, b -> b >= '0' && b <= '9');
                return number < 0 ? bytes : splice(bytes, number, 0, new byte[] {'-'});
        }
    }

    private interface BytePredicate {
        boolean test(byte b);
    }

    private static int indexOf(final byte[] bytes, final int from, final BytePredicate predicate) {
        for (int k = 0; k < bytes.length; k++) {
            final int i = (from + k) % bytes.length;
            if (predicate.test(bytes[i])) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] splice(final byte[] bytes, final int at, final int removed, final byte[] inserted) {
        final byte[] out = Arrays.copyOf(bytes, bytes.length - removed + inserted.length);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at + removed, out, at + inserted.length, bytes.length - at - removed);
        return out;
    }
}
