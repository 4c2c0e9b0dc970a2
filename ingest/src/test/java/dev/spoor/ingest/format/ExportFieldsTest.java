/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Integers read from a row's characters agree with {@link Long#parseLong(String)}; text is kept exactly. */
class ExportFieldsTest {
    private static final String[] EDGES = {"0", "-0", "7", "-7", "9223372036854775807", "9223372036854775808",
        "-9223372036854775807", "-9223372036854775808", "99999999999999999999", "1767225600000000000",
        "01", "000000000000000000042", "-", "+5", "5 ", " 5", "1e3", "12a", "", "1.5", "٣"};

    @Test
    void longValueAgreesWithParseLongOnEdgesAndRandomText() {
        final ExportFields fields = new ExportFields();
        for (final String text : EDGES) {
            assertLongValue(fields, text);
        }
        final long seed = Seeds.seed("ExportFieldsTest.longValue");
        final SplittableRandom random = new SplittableRandom(seed);
        final String alphabet = "0123456789-+ .e";
        for (int i = 0; i < 200_000; i++) {
            final StringBuilder text = new StringBuilder();
            final int length = 1 + random.nextInt(22);
            final boolean digitsOnly = random.nextBoolean();
            for (int c = 0; c < length; c++) {
                text.append(digitsOnly && (c > 0 || random.nextInt(4) > 0) ? (char)('0' + random.nextInt(10))
                    : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertLongValue(fields, text.toString());
        }
    }

    @Test
    void textIsKeptExactlyAndMadeIntoAStringOnlyOnRequest() {
        final ExportFields fields = new ExportFields();
        final char[] parserBuffer = "xxws-17,move,yy".toCharArray();
        fields.chars(ExportFields.DEVICE, parserBuffer, 2, 5);
        fields.chars(ExportFields.TYPE, parserBuffer, 8, 4);
        fields.chars(ExportFields.TS, parserBuffer, 0, 0);
        parserBuffer[2] = 'Q'; // the parser reuses its buffer: the row must not see it
        assertEquals("ws-17", fields.text(ExportFields.DEVICE));
        assertTrue(fields.textEquals(ExportFields.TYPE, "move"));
        assertFalse(fields.textEquals(ExportFields.TYPE, "mov"));
        assertFalse(fields.has(ExportFields.TS), "an empty field is absent");
        assertNull(fields.display(ExportFields.TS));
        fields.clear();
        assertFalse(fields.has(ExportFields.DEVICE));
        fields.number(ExportFields.TS, 42);
        assertEquals("42", fields.display(ExportFields.TS));
        assertEquals(42, fields.longValue(ExportFields.TS));
    }

    @Test
    void longRowsGrowTheCharacterArray() {
        final ExportFields fields = new ExportFields();
        final String device = "d".repeat(10_000);
        fields.text(ExportFields.DEVICE, device);
        fields.chars(ExportFields.TYPE, "key_down".toCharArray(), 0, 8);
        assertEquals(device, fields.text(ExportFields.DEVICE));
        assertTrue(fields.textEquals(ExportFields.TYPE, "key_down"));
    }

    private static void assertLongValue(final ExportFields fields, final String text) {
        fields.clear();
        fields.text(ExportFields.TS, text);
        if (text.isEmpty()) {
            assertFalse(fields.has(ExportFields.TS));
            return;
        }
        long expected;
        try {
            expected = text.charAt(0) == '+' ? ExportFields.NOT_AN_INTEGER : Long.parseLong(text);
        } catch (final NumberFormatException e) {
            expected = ExportFields.NOT_AN_INTEGER;
        }
        if (!text.chars().allMatch(c -> c == '-' || c >= '0' && c <= '9')) {
            expected = ExportFields.NOT_AN_INTEGER; // parseLong takes other scripts' digits; a row does not
        }
        assertEquals(expected, fields.longValue(ExportFields.TS), () -> "'" + text + "'");
    }
}
