/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the times and durations the commands accept. */
final class Times {
    private Times() {
    }

    /**
     * @param option the option, for messages.
     * @param text   ISO-8601 instant ({@code 2016-01-01T00:00:00Z}) or epoch milliseconds.
     * @return epoch nanoseconds.
     */
    static long epochNs(final String option, final String text) {
        if (text.matches("-?\\d+")) {
            return Math.multiplyExact(Long.parseLong(text), 1_000_000L);
        }
        try {
            final Instant instant = Instant.parse(text);
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text
                + "' is neither an ISO-8601 instant (2016-01-01T00:00:00Z) nor epoch milliseconds");
        }
    }

    /**
     * @param option the option, for messages.
     * @param text   {@code 90s}, {@code 30m}, {@code 2h}, {@code 500ms} or ISO-8601 ({@code PT30M}).
     * @return nanoseconds, positive.
     */
    static long durationNs(final String option, final String text) {
        final Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text);
        long ns;
        if (m.matches()) {
            final long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    ns = n * 1_000_000L;
                    break;
                case "s":
                    ns = n * 1_000_000_000L;
                    break;
                case "m":
                    ns = n * 60_000_000_000L;
                    break;
                case "h":
                    ns = n * 3_600_000_000_000L;
                    break;
                default:
                    ns = n * 86_400_000_000_000L;
                    break;
            }
        } else {
            try {
                ns = Duration.parse(text).toNanos();
            } catch (final DateTimeParseException e) {
                throw new IllegalArgumentException(option + ": '" + text + "' is not a duration (90s, 30m, 2h, PT30M)");
            }
        }
        if (ns <= 0) {
            throw new IllegalArgumentException(option + ": '" + text + "' must be positive");
        }
        return ns;
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
