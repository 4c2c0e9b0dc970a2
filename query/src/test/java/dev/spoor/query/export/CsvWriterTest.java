/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

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
        try (CSVParser parser = CSVFormat.RFC4180.parse(new java.io.StringReader(text.toString()))) {
            for (final CSVRecord record : parser) {
                rows.add(record.toList());
            }
        }
        assertEquals(List.of(fields, fields, fields), rows, text.toString());
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
