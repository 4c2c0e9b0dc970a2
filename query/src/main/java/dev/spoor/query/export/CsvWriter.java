/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.export;

import dev.spoor.codec.SubPixel;
import org.apache.commons.csv.CSVFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The one CSV writer behind every CSV Spoor prints ({@code spoor scan}, {@code spoor sessions},
 * {@code spoor export}): RFC 4180 as Apache Commons CSV writes it ({@link CSVFormat#RFC4180}), comma
 * separated, CRLF after every record, a field quoted (inner quotes doubled) when it holds a comma, a quote,
 * a CR or an LF, or starts or ends with a character that a reader could trim. Build fields one at a time,
 * then {@link #endRow()}:
 *
 * <pre>{@code
 * CsvWriter csv = new CsvWriter(writer);
 * csv.row("device", "ts_nanos");
 * csv.field(deviceKey).field(timestampNs).endRow();
 * csv.flush();
 * }</pre>
 *
 * Export writes tens of millions of rows, so a row costs no allocation here: fields go into one reused line
 * buffer and the finished line reaches the writer as a slice of a reused {@code char[]}. Every text field
 * goes through Commons CSV, which decides the quoting. Integers and empty fields after the first column
 * are appended directly, a comma and the digits: RFC 4180 never quotes them and Commons CSV writes the same
 * characters ({@code CsvWriterTest} checks it), but going through its printer per field made
 * {@code ExportBenchmark}'s CSV export about half as fast. Not thread-safe; one writer per output.
 */
public final class CsvWriter {
    private static final int INITIAL_LINE_CHARS = 256;
    /** {@link CSVFormat#RFC4180}'s delimiter. */
    private static final char DELIMITER = ',';

    /**
     * A copy of {@link CSVFormat#RFC4180} per writer: Commons CSV's {@code print} methods synchronize on the
     * format, so writers on several threads sharing the constant would contend for one lock.
     */
    private final CSVFormat format = CSVFormat.RFC4180.builder().get();
    private final Writer out;
    private final StringBuilder line = new StringBuilder(INITIAL_LINE_CHARS);
    /** Integers that start a row go through Commons CSV like text (the first column's rules are its own). */
    private final StringBuilder number = new StringBuilder(20);
    private char[] chars = new char[INITIAL_LINE_CHARS];
    private boolean isNewRecord = true;

    /**
     * @param out where rows go; {@link #flush()} flushes it, nothing here closes it.
     */
    public CsvWriter(final Writer out) {
        if (out == null) {
            throw new IllegalArgumentException("out must not be null");
        }
        this.out = out;
    }

    /**
     * Appends one text field to the current row, quoted when RFC 4180 needs it.
     *
     * @param value the field; null writes an empty field.
     * @return this writer.
     */
    public CsvWriter field(final CharSequence value) {
        try {
            format.print(value, line, isNewRecord);
        } catch (final IOException e) {
            throw inMemory(e);
        }
        isNewRecord = false;
        return this;
    }

    /**
     * Appends one integer field, in decimal, to the current row (without allocating).
     *
     * @param value the field.
     * @return this writer.
     */
    public CsvWriter field(final long value) {
        if (isNewRecord) {
            number.setLength(0);
            return field(number.append(value));
        }
        line.append(DELIMITER).append(value);
        return this;
    }

    /**
     * Appends a coordinate as the shortest decimal equal to it ({@code 1175.421875}; whole pixels as integers),
     * without allocating.
     *
     * @param whole    whole px, rounded down.
     * @param fraction 1/256 px.
     * @return this writer.
     */
    public CsvWriter coordinate(final int whole, final int fraction) {
        if (fraction == 0) {
            return field(whole);
        }
        if (isNewRecord) {
            number.setLength(0);
            return field(SubPixel.appendDecimal(number, whole, fraction));
        }
        SubPixel.appendDecimal(line.append(DELIMITER), whole, fraction);
        return this;
    }

    /**
     * Appends an empty field (a column that does not apply to the row).
     *
     * @return this writer.
     */
    public CsvWriter empty() {
        if (isNewRecord) {
            return field(null);
        }
        line.append(DELIMITER);
        return this;
    }

    /**
     * Ends the current row (CRLF) and hands it to the writer.
     *
     * @throws IOException when the writer fails.
     */
    public void endRow() throws IOException {
        try {
            format.println(line);
        } catch (final IOException e) {
            throw inMemory(e);
        }
        final int length = line.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        line.getChars(0, length, chars, 0);
        line.setLength(0);
        isNewRecord = true;
        out.write(chars, 0, length);
    }

    /**
     * Writes a whole row: a header, or a report line of text fields.
     *
     * @param values the fields in order; a null element writes an empty field.
     * @throws IOException when the writer fails.
     */
    public void row(final CharSequence... values) throws IOException {
        for (final CharSequence value : values) {
            field(value);
        }
        endRow();
    }

    /**
     * Flushes the writer (a row not yet ended stays here).
     *
     * @throws IOException when the writer fails.
     */
    public void flush() throws IOException {
        out.flush();
    }

    /** Printing into a StringBuilder cannot fail; should Commons CSV ever say otherwise, say so. */
    private static UncheckedIOException inMemory(final IOException e) {
        return new UncheckedIOException("CSV formatting into the line buffer failed: " + e.getMessage(), e);
    }
}
