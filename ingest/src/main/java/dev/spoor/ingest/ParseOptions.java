/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * How readers interpret what the file leaves open. Validated when built, so a reader never meets an epoch
 * outside epoch ns or a line limit it cannot allocate.
 *
 * @param epoch        Balabit: the instant a session's client time 0 maps to; 1970-01-01 .. 2262-04-11.
 * @param integerTimeUnit the unit of a timestamp written as a bare integer (CSV {@code ts_nanos} and JSONL
 *                     {@code ts}; a suffix {@code ns}, {@code us}, {@code ms} or {@code s} on the value wins).
 * @param maxLineBytes longest line taken, bytes (line end excluded), 1 to {@link #LARGEST_MAX_LINE_BYTES};
 *                     longer lines are rejected as {@link RejectionKind#LINE_TOO_LONG}.
 * @param start        pynput: the wall-clock instant of a recording's first event, or null to take it from
 *                     {@code metadata.json} with {@code timeZone}; 1970-01-01 .. 2262-04-11.
 * @param timeZone     pynput: the zone of the local {@code start_time} in {@code metadata.json}, or null.
 * @param deviceKey    pynput: the device key of every recording read, or null for the recording folder's name.
 * @param keyClassesRefused true when the journal keeps key codes ({@code --keys code}): a row that gives a key
 *                     class ({@code letter}, as a class journal exports it), or a pynput key without a code of
 *                     its own (a layout's character, an unknown name), is rejected, since a class cannot become
 *                     the code of one key; false to take a class as the code standing for it.
 */
public record ParseOptions(Instant epoch, TimeUnit integerTimeUnit, int maxLineBytes, Instant start,
    ZoneId timeZone, String deviceKey, boolean keyClassesRefused) {
    /** Balabit's default epoch, 2016-01-01T00:00:00Z. */
    public static final Instant BALABIT_EPOCH = Instant.parse("2016-01-01T00:00:00Z");
    /** Default line limit, 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    /** The largest line limit a reader can honour: a line and its line end must fit one Java array. */
    public static final int LARGEST_MAX_LINE_BYTES = Integer.MAX_VALUE - 16;

    /**
     * @throws IllegalArgumentException naming the value when an argument is null or out of range.
     */
    public ParseOptions {
        if (epoch == null || integerTimeUnit == null) {
            throw new IllegalArgumentException("epoch=" + epoch + ", integerTimeUnit=" + integerTimeUnit
                + ": neither may be null");
        }
        if (maxLineBytes < 1 || maxLineBytes > LARGEST_MAX_LINE_BYTES) {
            throw new IllegalArgumentException("maxLineBytes=" + maxLineBytes + " is not in 1.."
                + LARGEST_MAX_LINE_BYTES);
        }
        epochNs("epoch", epoch);
        if (start != null) {
            epochNs("start", start);
        }
        if (deviceKey != null && deviceKey.isBlank()) {
            throw new IllegalArgumentException("deviceKey='" + deviceKey + "' is blank");
        }
    }

    /**
     * Options without the recorder settings (start, time zone, device key).
     *
     * @param epoch           Balabit's client time 0.
     * @param integerTimeUnit the unit of bare integer timestamps.
     * @param maxLineBytes    the longest line taken, bytes.
     */
    public ParseOptions(final Instant epoch, final TimeUnit integerTimeUnit, final int maxLineBytes) {
        this(epoch, integerTimeUnit, maxLineBytes, null, null, null, false);
    }

    /**
     * @param symbol a unit as users write it after a number or with {@code --ts-unit}: ns, us, ms or s.
     * @return the unit, or null when the symbol is none of these.
     */
    public static TimeUnit timeUnitOf(final String symbol) {
        switch (symbol) {
            case "ns":
                return TimeUnit.NANOSECONDS;
            case "us":
                return TimeUnit.MICROSECONDS;
            case "ms":
                return TimeUnit.MILLISECONDS;
            case "s":
                return TimeUnit.SECONDS;
            default:
                return null;
        }
    }

    /**
     * @return the defaults: Balabit epoch 2016-01-01, integer timestamps in ns, lines up to 1 MiB.
     */
    public static ParseOptions defaults() {
        return new ParseOptions(BALABIT_EPOCH, TimeUnit.NANOSECONDS, DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * @return {@link #epoch()} as epoch ns, 0 or more.
     */
    public long epochNs() {
        return epochNs("epoch", epoch);
    }

    /**
     * @return {@link #start()} as epoch ns.
     * @throws IllegalStateException when there is no start.
     */
    public long startNs() {
        if (start == null) {
            throw new IllegalStateException("no start");
        }
        return epochNs("start", start);
    }

    /**
     * @param newEpoch Balabit's client time 0.
     * @return a copy with that epoch.
     */
    public ParseOptions withEpoch(final Instant newEpoch) {
        return new ParseOptions(newEpoch, integerTimeUnit, maxLineBytes, start, timeZone, deviceKey, keyClassesRefused);
    }

    /**
     * @param unit the unit of bare integer timestamps.
     * @return a copy with that unit.
     */
    public ParseOptions withIntegerTimeUnit(final TimeUnit unit) {
        return new ParseOptions(epoch, unit, maxLineBytes, start, timeZone, deviceKey, keyClassesRefused);
    }

    /**
     * @param bytes the longest line taken, bytes.
     * @return a copy with that limit.
     */
    public ParseOptions withMaxLineBytes(final int bytes) {
        return new ParseOptions(epoch, integerTimeUnit, bytes, start, timeZone, deviceKey, keyClassesRefused);
    }

    /**
     * @param instant the wall-clock time of a pynput recording's first event, or null.
     * @return a copy with that start.
     */
    public ParseOptions withStart(final Instant instant) {
        return new ParseOptions(epoch, integerTimeUnit, maxLineBytes, instant, timeZone, deviceKey, keyClassesRefused);
    }

    /**
     * @param zone the zone of {@code start_time} in a pynput recording's {@code metadata.json}, or null.
     * @return a copy with that zone.
     */
    public ParseOptions withTimeZone(final ZoneId zone) {
        return new ParseOptions(epoch, integerTimeUnit, maxLineBytes, start, zone, deviceKey, keyClassesRefused);
    }

    /**
     * @param key the device key of every pynput recording read, or null for each recording folder's name.
     * @return a copy with that key.
     */
    public ParseOptions withDeviceKey(final String key) {
        return new ParseOptions(epoch, integerTimeUnit, maxLineBytes, start, timeZone, key, keyClassesRefused);
    }

    /**
     * @param refused true to reject a key class where a key code is wanted (a journal that keeps codes).
     * @return these options with that rule.
     */
    public ParseOptions withKeyClassesRefused(final boolean refused) {
        return new ParseOptions(epoch, integerTimeUnit, maxLineBytes, start, timeZone, deviceKey, refused);
    }

    private static long epochNs(final String name, final Instant instant) {
        try {
            final long ns = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
                instant.getNano());
            if (ns >= 0) {
                return ns;
            }
        } catch (final ArithmeticException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(name + "=" + instant + " is outside epoch ns in 64 bits"
            + " (1970-01-01T00:00:00Z .. 2262-04-11T23:47:16.854775807Z)");
    }
}
