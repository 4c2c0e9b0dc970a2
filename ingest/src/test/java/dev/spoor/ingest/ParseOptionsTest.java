/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParseOptionsTest {
    @Test
    void defaultsAreTheBalabitEpochNanosecondsAndOneMebibyte() {
        final ParseOptions options = ParseOptions.defaults();
        assertEquals(Instant.parse("2016-01-01T00:00:00Z"), options.epoch());
        assertEquals(1_451_606_400_000_000_000L, options.epochNs());
        assertEquals(TimeUnit.NANOSECONDS, options.integerTimeUnit());
        assertEquals(1 << 20, options.maxLineBytes());
    }

    @Test
    void withersChangeOneSetting() {
        final ParseOptions options = ParseOptions.defaults().withIntegerTimeUnit(TimeUnit.MILLISECONDS)
            .withMaxLineBytes(100).withEpoch(Instant.EPOCH);
        assertEquals(new ParseOptions(Instant.EPOCH, TimeUnit.MILLISECONDS, 100), options);
    }

    @Test
    void rejectsWhatNoReaderCanHonour() {
        assertThrows(IllegalArgumentException.class, () -> ParseOptions.defaults().withMaxLineBytes(0));
        assertThrows(IllegalArgumentException.class, () -> ParseOptions.defaults().withMaxLineBytes(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> ParseOptions.defaults().withIntegerTimeUnit(null));
        assertThrows(IllegalArgumentException.class, () -> ParseOptions.defaults().withEpoch(null));
        final IllegalArgumentException before = assertThrows(IllegalArgumentException.class,
            () -> ParseOptions.defaults().withEpoch(Instant.parse("1969-12-31T23:59:59Z")));
        assertTrue(before.getMessage().contains("epoch=1969-12-31T23:59:59Z is outside epoch ns"), before.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> ParseOptions.defaults().withEpoch(Instant.parse("2300-01-01T00:00:00Z")));
    }
}
