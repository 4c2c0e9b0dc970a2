/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one CSV writer: RFC 4180 rows that Commons CSV's own parser reads back field for field. */
class CsvWriterTest {
    private static final String AWKWARD = "desk \"7\", row\r\nB\nC\r";

    @Test
    void plainRowsAreUnquotedWithCrlfAndEmptyFieldsStayEmpty() throws Exception {
        final StringWriter text = new StringWriter();
        final CsvWriter csv = new CsvWriter(text);
        csv.row("device", "ts_nanos", "x");
        csv.field("ws-007").field(1_767_604_200_398_000_000L).empty().field(-12).endRow();
        csv.flush();
        assertEquals("device,ts_nanos,x\r\nws-007,1767604200398000000,,-12\r\n", text.toString());
    }

    @Test
    void fieldsWithCommaQuoteCrAndLfComeBackWholeThroughCommonsCsvsParser() throws Exception {
        final List<String> fields = List.of(AWKWARD, ",", "\"", "\r", "\n", " padded ", "#not a comment", "", "ä,ö",
            Long.toString(Long.MIN_VALUE), "tail");
        final StringWriter text = new StringWriter();
        final CsvWriter csv = new CsvWriter(text);
        for (int row = 0; row < 3; row++) {
            for (final String field : fields) {
                csv.field(field);
            }
            csv.endRow();
        }
        csv.flush();
        final List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text.toString()))) {
            for (final CSVRecord record : parser) {
                rows.add(record.toList());
            }
        }
        assertEquals(List.of(fields, fields, fields), rows, text.toString());
    }

    @Test
    void integersAndEmptyFieldsComeOutExactlyAsCommonsCsvsPrinterWritesThem() throws Exception {
        final long seed = Long.getLong("spoor.seed", System.nanoTime());
        final Random random = new Random(seed);
        final long[] edges = {0, -1, 1, 65_535, -65_535, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE,
            Long.MAX_VALUE, 1_767_604_200_398_000_000L};
        final StringWriter ours = new StringWriter();
        final StringBuilder theirs = new StringBuilder();
        final CsvWriter csv = new CsvWriter(ours);
        for (int row = 0; row < 2_000; row++) {
            final int width = 1 + random.nextInt(12);
            for (int column = 0; column < width; column++) {
                final int kind = random.nextInt(4);
                final boolean isFirst = column == 0;
                if (kind == 0) {
                    csv.empty();
                    CSVFormat.RFC4180.print(null, theirs, isFirst);   // what CSVPrinter.print does
                } else if (kind == 1) {
                    final String text = random.nextBoolean() ? "plain" : AWKWARD;
                    csv.field(text);
                    CSVFormat.RFC4180.print(text, theirs, isFirst);
                } else {
                    final long value = random.nextBoolean() ? edges[random.nextInt(edges.length)]
                        : random.nextLong() >> random.nextInt(64);
                    csv.field(value);
                    CSVFormat.RFC4180.print(Long.toString(value), theirs, isFirst);
                }
            }
            csv.endRow();
            CSVFormat.RFC4180.println(theirs);
        }
        assertEquals(theirs.toString(), ours.toString(), "seed " + seed + " (-Dspoor.seed=" + seed + " repeats it)");
    }

    @Test
    void rowsLongerThanTheBufferAreWrittenWhole() throws Exception {
        final String wide = "w".repeat(10_000);
        final StringWriter text = new StringWriter();
        final CsvWriter csv = new CsvWriter(text);
        csv.row("a", wide, "b");
        csv.row("c");
        assertEquals("a," + wide + ",b\r\nc\r\n", text.toString());
    }
}
