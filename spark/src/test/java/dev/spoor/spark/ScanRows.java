/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.core.Journal;
import dev.spoor.query.export.ExportRow;
import dev.spoor.query.scan.EventView;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import org.apache.spark.sql.Row;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows as one line of text each, every column, so Spark's rows and the query module's scan (what
 * {@code spoor scan} prints) compare exactly: doubles in full ({@link Double#toString} round-trips), time in
 * microseconds and ns, nulls where {@link ExportRow#applies} says a column does not apply.
 */
final class ScanRows {
    /** The stats of the last {@link #scan}. */
    static ScanStats lastStats;

    private ScanRows() {
    }

    /**
     * @param dir  a journal.
     * @param scan what to read.
     * @return its rows as {@code spoor scan} sees them, sorted.
     */
    static List<String> scan(final Path dir, final Scan scan) {
        final List<String> rows = new ArrayList<>();
        final String journal = dir.toAbsolutePath().normalize().toString();
        try (Journal j = Journal.openReadOnly(dir); Scanner scanner = new Scanner(j)) {
            lastStats = scanner.scan(scan, e -> rows.add(line(journal, e)));
        }
        Collections.sort(rows);
        return rows;
    }

    private static String line(final String journal, final EventView e) {
        final StringBuilder line = new StringBuilder();
        line.append(journal).append('|').append(ExportRow.deviceColumn(e)).append('|').append(e.deviceId())
            .append('|').append(Math.floorDiv(e.timestampNs(), 1000L)).append('|').append(e.timestampNs())
            .append('|').append(ExportRow.typeName(e.type()));
        for (int column = ExportRow.FIRST_INT_COLUMN; column < ExportRow.COLUMNS.length; column++) {
            line.append('|');
            if (!ExportRow.applies(e.typeCode(), column)) {
                line.append("null");
            } else if (column == ExportRow.X_COLUMN) {
                line.append(e.xPixels());
            } else if (column == ExportRow.Y_COLUMN) {
                line.append(e.yPixels());
            } else {
                line.append(ExportRow.value(e, column));
            }
        }
        return line.toString();
    }

    /**
     * @param rows Spark rows (timestamps become microseconds).
     * @return them as lines, sorted.
     */
    static List<String> of(final List<Row> rows) {
        final List<String> lines = new ArrayList<>(rows.size());
        for (final Row row : rows) {
            final StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length(); c++) {
                final Object value = row.get(c);
                line.append(c == 0 ? "" : "|").append(value instanceof Timestamp || value instanceof Instant
                    ? Long.toString(micros(value)) : String.valueOf(value));
            }
            lines.add(line.toString());
        }
        Collections.sort(lines);
        return lines;
    }

    private static long micros(final Object time) {
        final Instant instant = time instanceof Timestamp ? ((Timestamp)time).toInstant() : (Instant)time;
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000L;
    }
}
