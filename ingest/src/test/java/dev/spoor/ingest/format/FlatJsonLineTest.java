/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.query.export.ExportRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSONL fast path ({@link FlatJsonLine}, fastjson2) takes only lines of plain values, never one that JSON
 * forbids (fastjson2 alone accepts several), and a file reads the same through it as through Jackson alone.
 */
class FlatJsonLineTest {
    private static final String ROW = "{\"device\":\"ws-1\",\"ts_nanos\":1700000000000000001,\"type\":\"move\","
        + "\"x\":-3,\"y\":2160,\"buttons\":0}";

    @TempDir
    Path dir;

    @Test
    void plainLinesAreReadWithTheirExactValues() {
        final ExportFields fields = new ExportFields();
        assertTrue(read(ROW, fields));
        assertEquals("ws-1", fields.text(ExportFields.DEVICE));
        assertEquals(1_700_000_000_000_000_001L, fields.number(ExportFields.TS));
        assertTrue(fields.textEquals(ExportFields.TYPE, "move"));
        assertEquals(-3, fields.number(ExportRow.X_COLUMN));
        assertEquals(2160, fields.number(ExportRow.Y_COLUMN));
        assertEquals(0, fields.number(ExportRow.BUTTONS_COLUMN));

        assertTrue(read("  { \"device\" : \"café\" ,\t\"ts\" : 1700000000000000002 , \"key\" : null,"
            + " \"extra\": \"x\", \"x\": -0 }  \r", fields));
        assertEquals("café", fields.text(ExportFields.DEVICE));
        assertTrue(fields.has(ExportFields.TS_ALIAS_SLOT));
        assertEquals(1_700_000_000_000_000_002L, fields.number(ExportFields.TS_ALIAS_SLOT));
        assertEquals("-0", fields.display(ExportRow.X_COLUMN));
        assertFalse(fields.has(ExportRow.KEY_COLUMN));
        assertTrue(read("{\"ts\":99999999999999999999,\"x\":-9223372036854775808,\"y\":9223372036854775807}",
            fields)); // integers beyond 64 bits are kept as digits, as the strict reader keeps them, and named later
        assertEquals("99999999999999999999", fields.display(ExportFields.TS_ALIAS_SLOT));
        assertEquals(ExportFields.NOT_AN_INTEGER, fields.number(ExportFields.TS_ALIAS_SLOT));
        assertEquals("-9223372036854775808", fields.display(ExportRow.X_COLUMN));
        assertEquals(Long.MAX_VALUE, fields.number(ExportRow.Y_COLUMN));
        assertTrue(read("{}", fields));
        assertFalse(fields.has(ExportFields.DEVICE));
    }

    @Test
    void whatJsonForbidsOrThePathDoesNotTakeGoesToTheStrictReader() {
        final String[] lines = {
            "{'device':'a','ts':1}", // single quotes: fastjson2 reads them
            "{\"device\":\"a\",\"ts\":1,}", // trailing comma: fastjson2 reads it
            "{\"device\":\"a\" \"ts\":1}", // missing comma: fastjson2 reads it
            "{\"ts\":1 \"x\":2}",
            "{\"ts\":+1}", // plus sign: fastjson2 reads it
            "{\"ts\":012}", // leading zero: fastjson2 reads it
            "{\"ts\":00}",
            "{\"ts\":-012}",
            "{\"ts\":12L}", // a Java suffix: fastjson2 reads it
            "{\"x\":3F}",
            "{\"ts\":1_000}",
            "{\"ts\":- 1}",
            "{\"ts\":43147763300796824e2}",
            "{\"ts\":123456789012345678.5}",
            "{\"ts\":1},", // a comma after the object
            "{\"ts\":1}x",
            "{\"ts\":1} {}",
            "{\"ts\":1.5}", // decimals and exponents: Jackson's text, as ever
            "{\"ts\":1e3}",
            "{\"ts\":-}",
            "{\"ts\":true}",
            "{\"device\":\"a\\\"b\"}", // escapes: Jackson decodes them
            "{\"de\\u0076ice\":\"a\"}",
            "{\"device\":\"a\tb\"}", // a raw tab inside a string
            "{\"x\":{\"v\":1}}",
            "{\"z\":[1]}",
            "[1,2]",
            "\"text\"",
            "1",
            "   ",
            "{\"ts\":1",
            "{\"ts\":\"abc}",
            "{device:\"a\"}",
            "{\"ts\":nul}",
            "{\"ts\":1 /* c */}",
            "{\"ts\":1, /* c */ \"x\":2}", // a comment after a comma or brace: fastjson2 skips it
            "{\"ts\":1,/* c */\"x\":2}",
            "{ /* c */ \"ts\":1}",
            "{\"ts\": /* c */ 1}",
            "{\"ts\":1} /* c */",
            "{\"ts\":1 /* c */ , \"x\":2}",
            "{\"ts\" /* c */ :1}",
            "{\"ts\":1} // c",
            "{ // c",
        };
        final ExportFields fields = new ExportFields();
        for (final String line : lines) {
            assertFalse(read(line, fields), line);
            for (int column = 0; column <= ExportFields.TS_ALIAS_SLOT; column++) {
                assertFalse(fields.has(column), "nothing of " + line + " is kept");
            }
        }
    }

    /** Valid rows of every value kind, and the same rows cut and edited at random: the two readers agree. */
    @Test
    void aFileReadsTheSameThroughTheFastPathAsThroughJacksonAlone() throws IOException {
        final long seed = Seeds.seed("FlatJsonLineTest.differential");
        final SplittableRandom random = new SplittableRandom(seed);
        final StringBuilder text = new StringBuilder();
        for (int line = 0; line < 20_000; line++) {
            String row = row(random);
            if (random.nextInt(2_000) == 0) { // a long row: the line buffer grows and its bytes move
                row = row.substring(0, row.length() - 1) + ",\"extra\":\"" + "x".repeat(100_000 + random.nextInt(
                    300_000)) + "\"}";
            }
            text.append(random.nextInt(4) == 0 ? mutate(row, random) : row).append('\n');
        }
        final Path file = Files.writeString(dir.resolve("rows.jsonl"), text.toString(), StandardCharsets.UTF_8);
        final Reads fast = Reads.of(new JsonlFormat(), file);
        final Reads strict = Reads.of(JsonlFormat.strictOnly(), file);
        assertSame(strict.events, fast.events, "events", seed);
        assertSame(strict.rejections(), fast.rejections(), "rejections", seed);
        assertEquals(strict.linesRead, fast.linesRead, "seed " + seed);
        assertEquals(strict.bytesCovered, fast.bytesCovered, "seed " + seed);
        assertTrue(fast.events.size() > 10_000, "most rows are events: " + fast.events.size() + "; seed " + seed);
        assertTrue(fast.rejections().size() > 1_000, "many edits are rejected: " + fast.rejections().size());
    }

    /** Names the first difference, not two lists of thousands. */
    private static void assertSame(final List<?> expected, final List<?> actual, final String what,
        final long seed) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + " #" + i + "; seed " + seed);
        }
        assertEquals(expected.size(), actual.size(), what + "; seed " + seed);
    }

    private static boolean read(final String line, final ExportFields fields) {
        final byte[] padded = ("xx" + line + "\nyy").getBytes(StandardCharsets.UTF_8); // the line amid others
        final int length = line.getBytes(StandardCharsets.UTF_8).length;
        return new FlatJsonLine().read(padded, 2, length, padded.length, 0, length == line.length(), fields);
    }

    /** A row that is mostly valid: one value in eight, on average, is an odd or wrong one. */
    private static String row(final SplittableRandom random) {
        final boolean isOdd = random.nextInt(8) == 0;
        final List<String> fields = new ArrayList<>();
        fields.add("\"device\":" + (isOdd ? pick(random, "\"café\"", "17", "\"a\\u0062\"", "\"\"", "null")
            : "\"ws-" + random.nextInt(9) + "\""));
        fields.add("\"" + pick(random, "ts_nanos", "ts", "ts_nanos") + "\":" + (isOdd ? pick(random,
            "\"1700000000124ms\"", "1.7e18", "-5", "0", "99999999999999999999", "\"2026-01-01T00:00:00Z\"",
            "9223372036854775807", "-9223372036854775808", "-0") : Long.toString(1 + random.nextLong(1L << 62))));
        final String type = pick(random, "move", "move", "move", "wheel", "button_down", "key_down");
        fields.add("\"type\":\"" + (isOdd && random.nextBoolean() ? "nope" : type) + "\"");
        fields.add("\"x\":" + (isOdd ? pick(random, "4294967296", "1.5", "null", "-0")
            : Integer.toString(random.nextInt(8000) - 100)));
        fields.add("\"y\":" + random.nextInt(5000));
        switch (type) {
            case "wheel" -> fields.addAll(List.of("\"dx\":0", "\"dy\":" + pick(random, "-1", "1", "120")));
            case "button_down" -> fields.add("\"button\":" + pick(random, "\"left\"", "1", "\"middle\""));
            case "key_down" -> fields.add("\"key\":" + pick(random, "65", "\"letter\"", "13"));
            default -> fields.add(pick(random, "\"buttons\":0", "\"buttons\":\"left+right\"", "\"buttons\":3"));
        }
        if (random.nextInt(4) == 0) {
            fields.add(pick(random, "\"modifiers\":1", "\"extra\":true", "\"extra\":[1,{\"q\":2}]",
                "\"extra\":\"t\\tab\"", "\"x\":7", "\"extra\":null", "\"extra\":\"plain\"", "\"extra\":-12"));
        }
        for (int i = fields.size() - 1; i > 0; i--) { // any field order
            final int j = random.nextInt(i + 1);
            final String swap = fields.get(i);
            fields.set(i, fields.get(j));
            fields.set(j, swap);
        }
        final String separator = pick(random, ",", ",", ", ", " , ");
        return (random.nextInt(8) == 0 ? " " : "") + "{" + String.join(separator, fields) + "}";
    }

    private static String mutate(final String row, final SplittableRandom random) {
        final String alphabet = "{}[]\",:'+-.e0123456789 \tnulltrue\\x/*LF_";
        final StringBuilder edited = new StringBuilder(row);
        for (int edits = 1 + random.nextInt(2); edits > 0 && edited.length() > 0; edits--) {
            final int at = random.nextInt(edited.length());
            final char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(3)) {
                case 0 -> edited.insert(at, c);
                case 1 -> edited.deleteCharAt(at);
                default -> edited.setCharAt(at, c);
            }
        }
        return edited.toString();
    }

    @SafeVarargs
    private static <T> T pick(final SplittableRandom random, final T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
