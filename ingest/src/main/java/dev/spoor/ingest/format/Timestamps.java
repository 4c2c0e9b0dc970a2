/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RejectionKind;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Turns the timestamps of one file into epoch ns, checked: every result is in [0, Long.MAX_VALUE], i.e.
 * 1970-01-01T00:00:00Z .. 2262-04-11T23:47:16.854775807Z, scaled and offset with {@link Math#multiplyExact}
 * and {@link Math#addExact}, so nothing wraps. A value outside that range is a
 * {@link RejectionKind#TIMESTAMP_OUT_OF_RANGE} row that names the unit it was read in and, when another unit
 * would put it in 2000..2100, that unit. Text forms:
 * <ul>
 *     <li>a bare integer, {@code 1700000000123456789}: in the assumed unit
 *     ({@code ParseOptions.integerTimeUnit()}, ns by default);</li>
 *     <li>an integer with a unit suffix, {@code 1700000000123ms} ({@code ns}, {@code us}, {@code ms},
 *     {@code s}): the suffix wins;</li>
 *     <li>an ISO-8601 instant, {@code 2023-11-14T22:13:20.123Z} ({@link Instant#parse}).</li>
 * </ul>
 * The first valid timestamp of a file, when it is a bare integer, is checked once: if it lands before 1990 or
 * after 2200 in the assumed unit while another unit would put it in 2000..2100, the file gets one warning
 * naming that unit. Not thread safe; one per reader.
 */
final class Timestamps {
    private static final long NS_PER_SECOND = 1_000_000_000L;
    private static final long NS_1990 = epochNs("1990-01-01T00:00:00Z");
    private static final long NS_2000 = epochNs("2000-01-01T00:00:00Z");
    private static final long NS_2100 = epochNs("2100-01-01T00:00:00Z");
    private static final long NS_2200 = epochNs("2200-01-01T00:00:00Z");
    private static final String LAST = "2262-04-11T23:47:16.854775807Z";
    private static final TimeUnit[] SUFFIX_UNITS =
        {TimeUnit.NANOSECONDS, TimeUnit.MICROSECONDS, TimeUnit.MILLISECONDS, TimeUnit.SECONDS};

    private final TimeUnit integerUnit;
    private final long integerUnitNs;
    /** The assumed unit in words, for messages. */
    private final String assumed;
    private final LineRejections diagnostics;
    private boolean hasSeenValid;

    /**
     * @param integerUnit the unit of bare integers.
     * @param diagnostics where the unit warning goes.
     */
    Timestamps(final TimeUnit integerUnit, final LineRejections diagnostics) {
        this.integerUnit = integerUnit;
        this.integerUnitNs = integerUnit.toNanos(1);
        this.assumed = "epoch " + symbol(integerUnit) + " (the assumed unit; --ts-unit)";
        this.diagnostics = diagnostics;
    }

    /**
     * @param field the field, for messages.
     * @param text  a bare integer, an integer with a unit suffix, or an ISO-8601 instant.
     * @return epoch ns.
     * @throws BadRow MALFORMED when it is none of these, TIMESTAMP_OUT_OF_RANGE when it is outside epoch ns.
     */
    long parse(final String field, final String text) {
        final int length = text.length();
        final char last = length == 0 ? ' ' : text.charAt(length - 1);
        if (last >= '0' && last <= '9') {
            final char first = text.charAt(0);
            if (first >= '0' && first <= '9' || first == '-') {
                // The common case, a bare integer, costs one parse; anything else that ends in a digit (an
                // ISO instant with an offset, too many digits) takes the exception and is looked at again.
                try {
                    return ofInteger(field, text, Long.parseLong(text));
                } catch (final NumberFormatException e) {
                    if (digitsEnd(text) == length) {
                        throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, field, text, "read as " + assumed
                            + ", it does not fit 64 bits");
                    }
                }
            }
            return ofIso(field, text);
        }
        final int digitsEnd = digitsEnd(text);
        if (digitsEnd > 0) {
            final TimeUnit unit = suffixUnit(text, digitsEnd);
            if (unit != null) {
                final String source = "epoch " + symbol(unit) + " (its suffix)";
                final long ns = scale(field, text, parseInteger(field, text, text.substring(0, digitsEnd), source),
                    unit, source);
                hasSeenValid = true;
                return ns;
            }
        }
        return ofIso(field, text);
    }

    /**
     * @param field the field, for messages.
     * @param value a bare integer in the assumed unit (a JSON number).
     * @return epoch ns.
     * @throws BadRow TIMESTAMP_OUT_OF_RANGE when it is outside epoch ns.
     */
    long ofInteger(final String field, final long value) {
        return ofInteger(field, null, value);
    }

    /**
     * @param field  the field, for messages.
     * @param text   the value as written; null for {@code value} in decimal.
     * @param value  the value.
     * @param unit   its unit.
     * @param source the unit in words, for messages ({@code epoch ms (Aalto's unit)}).
     * @return epoch ns.
     * @throws BadRow TIMESTAMP_OUT_OF_RANGE when it is negative or overflows.
     */
    static long scale(final String field, final String text, final long value, final TimeUnit unit,
        final String source) {
        if (value < 0) {
            throw outOfRange(field, text, "read as " + source + ", it is before 1970-01-01T00:00:00Z", value, unit);
        }
        try {
            return Math.multiplyExact(value, unit.toNanos(1));
        } catch (final ArithmeticException e) {
            throw outOfRange(field, text, "read as " + source + ", it is after " + LAST
                + ", the last instant epoch ns can hold in 64 bits", value, unit);
        }
    }

    /**
     * @param field  the field, for messages.
     * @param text   the value as written.
     * @param baseNs an epoch, ns.
     * @param ms     milliseconds after it (negative: before).
     * @return epoch ns.
     * @throws BadRow TIMESTAMP_OUT_OF_RANGE when the sum is negative or overflows.
     */
    static long addMs(final String field, final String text, final long baseNs, final long ms) {
        return addMs(field, text, baseNs, ms, ms + " ms");
    }

    /**
     * @param field   the field, for messages.
     * @param text    the value as written.
     * @param baseNs  an epoch, ns.
     * @param seconds seconds after it, as read (a double).
     * @return epoch ns, the seconds rounded to the millisecond.
     * @throws BadRow TIMESTAMP_OUT_OF_RANGE when the sum is negative or overflows, naming the seconds as written
     *                (a double's millisecond count would show digits the text does not have).
     */
    static long addSecondsAsMs(final String field, final String text, final long baseNs, final double seconds) {
        final double ms = seconds * 1000.0;
        final long whole = Math.abs(ms) < Long.MAX_VALUE / 2.0 ? Math.round(ms) : Long.MAX_VALUE;
        return addMs(field, text, baseNs, whole, text + " s");
    }

    private static long addMs(final String field, final String text, final long baseNs, final long ms,
        final String after) {
        try {
            final long ns = Math.addExact(baseNs, Math.multiplyExact(ms, 1_000_000L));
            if (ns >= 0) {
                return ns;
            }
        } catch (final ArithmeticException e) {
            // reported below
        }
        throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, field, text, after + " after the epoch "
            + iso(baseNs) + " is outside 1970-01-01T00:00:00Z .. " + LAST);
    }

    /**
     * @param ns epoch ns.
     * @return ISO-8601 with all the ns.
     */
    static String iso(final long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, NS_PER_SECOND), Math.floorMod(ns, NS_PER_SECOND)).toString();
    }

    /**
     * @param unit a unit.
     * @return its symbol: ns, us, ms, s (or the unit's name).
     */
    static String symbol(final TimeUnit unit) {
        switch (unit) {
            case NANOSECONDS:
                return "ns";
            case MICROSECONDS:
                return "us";
            case MILLISECONDS:
                return "ms";
            case SECONDS:
                return "s";
            default:
                return unit.name().toLowerCase(Locale.ROOT);
        }
    }

    private long ofInteger(final String field, final String text, final long value) {
        final long ns = value >= 0 && integerUnitNs == 1 ? value : scale(field, text, value, integerUnit, assumed);
        if (!hasSeenValid) {
            hasSeenValid = true;
            checkUnit(text == null ? Long.toString(value) : text, value, ns);
        }
        return ns;
    }

    private long ofIso(final String field, final String text) {
        final Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (final DateTimeParseException e) {
            throw BadRow.malformed(field, text, "is neither an integer (epoch " + symbol(integerUnit)
                + " assumed; a suffix ns, us, ms or s sets the unit) nor an ISO-8601 instant (2016-01-01T00:00:00Z)");
        }
        if (instant.getEpochSecond() < 0) {
            throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, field, text, "is before 1970-01-01T00:00:00Z");
        }
        try {
            final long ns = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NS_PER_SECOND),
                instant.getNano());
            hasSeenValid = true;
            return ns;
        } catch (final ArithmeticException e) {
            throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, field, text, "is after " + LAST
                + ", the last instant epoch ns can hold in 64 bits");
        }
    }

    /** Warns once when the file's first timestamp makes more sense in another unit. */
    private void checkUnit(final String text, final long value, final long ns) {
        if (ns >= NS_1990 && ns <= NS_2200) {
            return;
        }
        final TimeUnit better = plausibleUnit(value, integerUnit);
        if (better != null) {
            diagnostics.warn("times look like epoch " + symbol(better) + " (" + text + " read as "
                + symbol(integerUnit) + " is " + iso(ns) + "); pass --ts-unit " + symbol(better));
        }
    }

    private static long parseInteger(final String field, final String text, final String digits,
        final String source) {
        try {
            return Long.parseLong(digits);
        } catch (final NumberFormatException e) {
            throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, field, text, "read as " + source
                + ", it does not fit 64 bits");
        }
    }

    private static BadRow outOfRange(final String field, final String text, final String why, final long value,
        final TimeUnit unit) {
        final TimeUnit better = plausibleUnit(value, unit);
        final String hint = better == null ? "" : "; as epoch " + symbol(better) + " it would be "
            + iso(value * better.toNanos(1)) + " (pass --ts-unit " + symbol(better) + ")";
        return new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, field, text == null ? Long.toString(value) : text,
            why + hint);
    }

    /** The unit other than {@code unit} that puts {@code value} in 2000..2100, or null. */
    private static TimeUnit plausibleUnit(final long value, final TimeUnit unit) {
        if (value < 0) {
            return null;
        }
        for (final TimeUnit candidate : SUFFIX_UNITS) {
            if (candidate == unit) {
                continue;
            }
            try {
                final long ns = Math.multiplyExact(value, candidate.toNanos(1));
                if (ns >= NS_2000 && ns < NS_2100) {
                    return candidate;
                }
            } catch (final ArithmeticException e) {
                // not this unit
            }
        }
        return null;
    }

    /** End of the leading integer: an optional '-' and at least one digit, else 0. */
    private static int digitsEnd(final String text) {
        int i = !text.isEmpty() && text.charAt(0) == '-' ? 1 : 0;
        final int first = i;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i == first ? 0 : i;
    }

    private static TimeUnit suffixUnit(final String text, final int digitsEnd) {
        return ParseOptions.timeUnitOf(text.substring(digitsEnd));
    }

    private static long epochNs(final String iso) {
        final Instant instant = Instant.parse(iso);
        return instant.getEpochSecond() * NS_PER_SECOND + instant.getNano();
    }
}
