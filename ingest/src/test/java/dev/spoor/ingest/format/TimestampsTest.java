/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.RejectionKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampsTest {
    private static final Path FILE = Path.of("events.csv");

    private final CollectingDiagnostics diagnostics = new CollectingDiagnostics();

    @Test
    void readsBareIntegersInTheAssumedUnit() {
        assertEquals(1_700_000_000_123_456_789L, timestamps(TimeUnit.NANOSECONDS).parse("ts", "1700000000123456789"));
        assertEquals(1_700_000_000_123_000_000L, timestamps(TimeUnit.MILLISECONDS).parse("ts", "1700000000123"));
        assertEquals(1_700_000_000_000_000_000L, timestamps(TimeUnit.SECONDS).parse("ts", "1700000000"));
        assertEquals(1_700_000_000_123_456_000L, timestamps(TimeUnit.MICROSECONDS).ofInteger("ts", 1700000000123456L));
        assertEquals(0, timestamps(TimeUnit.NANOSECONDS).parse("ts", "0"));
        assertEquals(Long.MAX_VALUE, timestamps(TimeUnit.NANOSECONDS).parse("ts", Long.toString(Long.MAX_VALUE)));
    }

    @Test
    void aUnitSuffixWinsOverTheAssumedUnit() {
        final Timestamps ns = timestamps(TimeUnit.NANOSECONDS);
        assertEquals(1_700_000_000_123_000_000L, ns.parse("ts", "1700000000123ms"));
        assertEquals(1_700_000_000_123_456_000L, ns.parse("ts", "1700000000123456us"));
        assertEquals(1_700_000_000_000_000_000L, ns.parse("ts", "1700000000s"));
        assertEquals(1_700_000_000_000_000_001L, timestamps(TimeUnit.SECONDS).parse("ts", "1700000000000000001ns"));
    }

    @Test
    void readsIso8601Instants() {
        assertEquals(1_451_606_400_000_000_000L, timestamps(TimeUnit.NANOSECONDS).parse("ts", "2016-01-01T00:00:00Z"));
        assertEquals(1_700_000_000_123_456_789L,
            timestamps(TimeUnit.NANOSECONDS).parse("ts", "2023-11-14T22:13:20.123456789Z"));
        assertEquals(0, timestamps(TimeUnit.NANOSECONDS).parse("ts", "1970-01-01T00:00:00Z"));
    }

    /**
     * A leap second (23:59:60 UTC, as true-UTC clocks write it) reads as POSIX time and {@code java.time} read it:
     * the second repeats, so 23:59:60.5 is 23:59:59.5, the epoch ns a Unix clock gives in that second and what
     * {@code scan --from} parses it to. A :60 second anywhere else is no instant.
     */
    @Test
    void aLeapSecondReadsAsPosixTimeRepeatingTheSecondBeforeIt() {
        final Timestamps ns = timestamps(TimeUnit.NANOSECONDS);
        final long lastSecond = ns.parse("ts", "2016-12-31T23:59:59Z");
        assertEquals(1_483_228_799_000_000_000L, lastSecond);
        assertEquals(lastSecond, ns.parse("ts", "2016-12-31T23:59:60Z"));
        assertEquals(lastSecond + 500_000_000L, ns.parse("ts", "2016-12-31T23:59:60.5Z"));
        assertEquals(lastSecond + 1_000_000_000L, ns.parse("ts", "2017-01-01T00:00:00Z"));
        final BadRow bad = assertThrows(BadRow.class, () -> ns.parse("ts", "2016-12-31T22:59:60Z"));
        assertEquals(RejectionKind.MALFORMED, bad.kind());
        assertTrue(bad.getMessage().contains("ISO-8601 instant"), bad.getMessage());
    }

    @Test
    void rejectsInstantsOutsideEpochNanoseconds() {
        assertOutOfRange("2300-01-01T00:00:00Z", TimeUnit.NANOSECONDS, "is after 2262-04-11T23:47:16.854775807Z");
        assertOutOfRange("1969-12-31T23:59:59Z", TimeUnit.NANOSECONDS, "is before 1970-01-01T00:00:00Z");
        assertOutOfRange("1969-12-31T23:59:59.999999999Z", TimeUnit.NANOSECONDS, "is before 1970");
        assertOutOfRange("-1", TimeUnit.NANOSECONDS,
            "read as epoch ns (the assumed unit; --ts-unit), it is before 1970-01-01T00:00:00Z");
        assertOutOfRange("-5ms", TimeUnit.NANOSECONDS, "read as epoch ms (its suffix), it is before 1970");
        assertOutOfRange("9223372036854775808", TimeUnit.NANOSECONDS, "does not fit 64 bits");
        assertOutOfRange("9223372036854775807ms", TimeUnit.NANOSECONDS,
            "read as epoch ms (its suffix), it is after 2262-04-11T23:47:16.854775807Z");
    }

    @Test
    void anOverflowNamesTheUnitItWasReadInAndTheUnitThatFits() {
        final BadRow bad = assertThrows(BadRow.class,
            () -> timestamps(TimeUnit.SECONDS).parse("ts_nanos", "1700000000123"));
        assertEquals(RejectionKind.TIMESTAMP_OUT_OF_RANGE, bad.kind());
        assertEquals("ts_nanos", bad.field());
        assertEquals("1700000000123", bad.value());
        assertEquals("read as epoch s (the assumed unit; --ts-unit), it is after 2262-04-11T23:47:16.854775807Z,"
            + " the last instant epoch ns can hold in 64 bits; as epoch ms it would be 2023-11-14T22:13:20.123Z"
            + " (pass --ts-unit ms)", bad.getMessage());
    }

    @Test
    void textThatIsNoTimestampIsMalformedAndSaysTheAssumedUnit() {
        final BadRow bad = assertThrows(BadRow.class, () -> timestamps(TimeUnit.MILLISECONDS).parse("ts", "soon"));
        assertEquals(RejectionKind.MALFORMED, bad.kind());
        assertEquals("is neither an integer (epoch ms assumed; a suffix ns, us, ms or s sets the unit) nor an"
            + " ISO-8601 instant (2016-01-01T00:00:00Z)", bad.getMessage());
        assertThrows(BadRow.class, () -> timestamps(TimeUnit.NANOSECONDS).parse("ts", "12h"));
        assertThrows(BadRow.class, () -> timestamps(TimeUnit.NANOSECONDS).parse("ts", "2016-01-01"));
    }

    @Test
    void warnsOnceWhenTheFirstTimestampFitsAnotherUnit() {
        final Timestamps ns = timestamps(TimeUnit.NANOSECONDS);
        ns.parse("ts", "1700000000123");
        ns.parse("ts", "1700000000124");
        ns.ofInteger("ts", 1700000000125L);
        assertEquals(List.of("events.csv: times look like epoch ms (1700000000123 read as ns is"
            + " 1970-01-01T00:28:20.000000123Z); pass --ts-unit ms"), diagnostics.warnings);
    }

    @Test
    void warnsForMicrosecondsAndSecondsToo() {
        timestamps(TimeUnit.NANOSECONDS).parse("ts", "1700000000123456");
        timestamps(TimeUnit.MILLISECONDS).ofInteger("ts", 1700000000L);
        assertEquals(2, diagnostics.warnings.size(), diagnostics.warnings.toString());
        assertTrue(diagnostics.warnings.get(0).contains("times look like epoch us"), diagnostics.warnings.toString());
        assertTrue(diagnostics.warnings.get(1).contains("times look like epoch s (1700000000 read as ms is"
            + " 1970-01-20T16:13:20Z); pass --ts-unit s"), diagnostics.warnings.toString());
    }

    @Test
    void doesNotWarnForPlausibleOrExplicitTimes() {
        timestamps(TimeUnit.NANOSECONDS).parse("ts", "1700000000123456789");
        timestamps(TimeUnit.NANOSECONDS).parse("ts", "1700000000123ms");
        timestamps(TimeUnit.NANOSECONDS).parse("ts", "1970-01-01T00:00:01Z");
        timestamps(TimeUnit.NANOSECONDS).parse("ts", "5");
        final Timestamps laterFirst = timestamps(TimeUnit.NANOSECONDS);
        laterFirst.parse("ts", "1700000000123456789");
        laterFirst.parse("ts", "1700000000123");
        assertEquals(List.of(), diagnostics.warnings, "only the first valid timestamp of a file is checked;"
            + " 5 ns fits no other unit in 2000..2100 either");
    }

    private Timestamps timestamps(final TimeUnit unit) {
        return new Timestamps(unit, new LineRejections(FILE, diagnostics));
    }

    private void assertOutOfRange(final String text, final TimeUnit unit, final String reasonPart) {
        final BadRow bad = assertThrows(BadRow.class, () -> timestamps(unit).parse("ts", text), text);
        assertEquals(RejectionKind.TIMESTAMP_OUT_OF_RANGE, bad.kind(), text);
        assertEquals("ts", bad.field());
        assertEquals(text, bad.value());
        assertTrue(bad.getMessage().contains(reasonPart), bad.getMessage() + " should say " + reasonPart);
    }
}
