/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the times and durations the commands accept. */
final class Times {
    /** The earliest instant epoch nanoseconds in a long can hold: Long.MIN_VALUE ns. */
    static final String FIRST_INSTANT = "1677-09-21T00:12:43.145224192Z";
    /** The latest instant epoch nanoseconds in a long can hold: Long.MAX_VALUE ns. */
    static final String LAST_INSTANT = "2262-04-11T23:47:16.854775807Z";

    /**
     * Epoch milliseconds from here (1970-01-02T03:46:40Z) to {@link #SECONDS_LOOK_TO} are refused: such a number is
     * almost always epoch seconds (1973-03-03 .. 2286-11-20), which read as ms would match nothing without a word.
     */
    private static final long SECONDS_LOOK_FROM = 100_000_000L;
    /** From here (1970-01-01T02:46:40Z) an 8-digit number that is a date of 1900..2099 is refused as that date. */
    private static final long DATE_LOOK_FROM = 10_000_000L;
    private static final long SECONDS_LOOK_TO = 10_000_000_000L;

    /** One span of a duration: a count and its unit. */
    private static final Pattern SPAN = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    /** A duration as spans, largest unit first or not: {@code 90s}, {@code 1h30m}, {@code 2d12h}. */
    private static final Pattern SPANS = Pattern.compile("((\\d+)(ms|s|m|h|d))+");
    /** yyyy-MM-dd. */
    private static final int DATE_LENGTH = 10;
    /** A date and time, then Z (either case) or an offset with or without its colon. */
    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder().parseCaseInsensitive()
        .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
        .optionalStart().appendOffset("+HHMMss", "Z").optionalEnd().optionalStart().appendOffset("+HH", "Z")
        .optionalEnd().toFormatter();

    private Times() {
    }

    /**
     * Parses a time. A {@code --to} that comes out as {@code Long.MAX_VALUE} ({@value #LAST_INSTANT}) has no end:
     * it includes an event at that timestamp ({@link dev.spoor.core.TimeRange}).
     *
     * @param option the option, for messages.
     * @param text   ISO-8601 instant ({@code 2016-01-01T00:00:00Z}, an offset with or without its colon, a date alone
     *               for midnight UTC) or epoch milliseconds.
     * @return epoch nanoseconds.
     * @throws IllegalArgumentException when the text is not a time, looks like epoch seconds (9 or 10 digits), or
     *                                  is one that epoch nanoseconds in a long cannot hold ({@value #FIRST_INSTANT}
     *                                  .. {@value #LAST_INSTANT}): never a wrapped value, which would turn a
     *                                  far-future {@code --from} into a far-past one.
     */
    static long epochNs(final String option, final String text) {
        try {
            if (text.matches("-?\\d+")) {
                final long ms = Long.parseLong(text);
                checkNotOtherUnit(option, text, ms);
                return Math.multiplyExact(ms, 1_000_000L);
            }
            return nanosOf(instant(text));
        } catch (final DateTimeParseException e) {
            if (isWithoutZone(text)) {
                throw new IllegalArgumentException(option + ": '" + text + "' has no time zone: add Z for UTC or an"
                    + " offset such as +02:00 (" + text + "Z)");
            }
            throw new IllegalArgumentException(option + ": '" + text
                + "' is neither an ISO-8601 instant (2016-01-01T00:00:00Z, 2016-01-01T02:00:00+02:00, 2016-01-01 for"
                + " midnight UTC) nor epoch milliseconds");
        } catch (final ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is outside " + FIRST_INSTANT + " .. "
                + LAST_INSTANT + ", the times epoch nanoseconds in a signed 64-bit integer can hold");
        }
    }

    /**
     * ISO-8601 as people write it: an instant with Z or an offset (+02:00, +0200, +02; z as Z), or a date alone
     * (midnight UTC).
     */
    private static Instant instant(final String text) {
        try {
            return Instant.parse(text); // a leap second (23:59:60Z) too
        } catch (final DateTimeParseException notStrictly) {
            // the forms below
        }
        if (text.length() == DATE_LENGTH) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(text, WITH_OFFSET).toInstant();
    }

    private static boolean isWithoutZone(final String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (final DateTimeParseException notThat) {
            return false;
        }
    }

    /**
     * Refuses a number that as epoch ms would be a day of early 1970 but is almost always something else: a basic
     * ISO date (8 digits, 20160101), epoch seconds (9 or 10 digits), or, beyond what ms can hold in ns, epoch
     * nanoseconds (the {@code ts_nanos} that scan prints).
     */
    private static void checkNotOtherUnit(final String option, final String text, final long ms) {
        final String asMs = "'" + text + "' read as epoch milliseconds is ";
        final String date = ms >= DATE_LOOK_FROM && ms < SECONDS_LOOK_FROM ? basicDate(text) : null;
        if (date != null) {
            throw new IllegalArgumentException(option + ": " + asMs + Instant.ofEpochMilli(ms) + "; if it is the date "
                + date + ", write " + date);
        }
        if (ms >= SECONDS_LOOK_FROM && ms < SECONDS_LOOK_TO) {
            throw new IllegalArgumentException(option + ": " + asMs + Instant.ofEpochMilli(ms) + "; if it is epoch"
                + " seconds (" + Instant.ofEpochSecond(ms) + "), write " + ms + "000 or the instant");
        }
        if (ms > Long.MAX_VALUE / 1_000_000L || ms < Long.MIN_VALUE / 1_000_000L) {
            throw new IllegalArgumentException(option + ": '" + text + "' is outside " + FIRST_INSTANT + " .. "
                + LAST_INSTANT + ", the times epoch nanoseconds in a signed 64-bit integer can hold, read as epoch"
                + " milliseconds; if it is epoch nanoseconds (" + Instant.ofEpochSecond(Math.floorDiv(ms,
                1_000_000_000L), Math.floorMod(ms, 1_000_000_000L)) + "), write the instant");
        }
    }

    /** {@code 20160101} as {@code 2016-01-01}, or null when it is no date of 1900..2099. */
    private static String basicDate(final String text) {
        if (text.length() != DATE_LENGTH - 2 || !text.startsWith("19") && !text.startsWith("20")) {
            return null;
        }
        try {
            return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE).toString();
        } catch (final DateTimeParseException notADate) {
            return null;
        }
    }

    /** Exact: before 1970 a second is borrowed, so even the earliest instant does not overflow on the way. */
    private static long nanosOf(final Instant instant) {
        final long seconds = instant.getEpochSecond();
        final int nanos = instant.getNano();
        if (seconds < 0 && nanos > 0) {
            return Math.addExact(Math.multiplyExact(seconds + 1, 1_000_000_000L), nanos - 1_000_000_000L);
        }
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    }

    /**
     * @param option the option, for messages.
     * @param text   {@code 90s}, {@code 30m}, {@code 2h}, {@code 500ms}, spans together ({@code 1h30m}) or ISO-8601
     *               ({@code PT30M}).
     * @return nanoseconds, positive.
     * @throws IllegalArgumentException when the text is not a positive duration, or one longer than a long holds in
     *                                  ns (about 292 years): never a wrapped value, which could turn
     *                                  {@code retain --keep} into a short limit that deletes recent cycles.
     */
    static long durationNs(final String option, final String text) {
        final long ns;
        try {
            ns = SPANS.matcher(text).matches() ? sumOfSpans(text) : text.matches("0+") ? 0
                : Duration.parse(text).toNanos();
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a duration (90s, 30m, 2h, 1h30m,"
                + " PT30M)");
        } catch (final ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is longer than " + Long.MAX_VALUE
                + " ns (about 292 years)");
        }
        if (ns <= 0) {
            throw new IllegalArgumentException(option + ": '" + text + "' must be positive");
        }
        return ns;
    }

    /** {@code 1h30m}: the spans' sum, exactly. */
    private static long sumOfSpans(final String text) {
        final Matcher span = SPAN.matcher(text);
        long ns = 0;
        while (span.find()) {
            ns = Math.addExact(ns, Math.multiplyExact(Long.parseLong(span.group(1)), unitNs(span.group(2))));
        }
        return ns;
    }

    private static long unitNs(final String unit) {
        switch (unit) {
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            default:
                return 86_400_000_000_000L;
        }
    }

    /**
     * @param epochNs epoch nanoseconds.
     * @return ISO-8601, to the millisecond.
     */
    static String iso(final long epochNs) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L))
            .truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
