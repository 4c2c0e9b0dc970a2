/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONFactory;
import com.alibaba.fastjson2.JSONReader;
import dev.spoor.query.export.ExportRow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of the JSONL export reader ({@link JsonlExportReader}): one line in the shape Spoor's exports and
 * most recorders write, read into {@link ExportFields} by fastjson2's {@link JSONReader} straight from the line's
 * bytes. The shape is a JSON object of plain values:
 * <pre>
 *   line   = ws "{" ws [ field *( ws "," ws field ) ] ws "}" ws
 *   field  = name ws ":" ws value           name = a string of neither escape nor control character
 *   value  = string | integer | null        string = as name (any UTF-8); integer = -?(0|[1-9][0-9]*)
 * </pre>
 * Any other line (an escape, a decimal, true or false, an object or array, a syntax error, more than one value) is
 * left to the strict reader ({@link JsonLineObjects}, Jackson), which reads or rejects it with the same result as
 * ever: {@link #read} returns false and nothing of the line is kept. fastjson2 is lenient where JSON is not (single
 * quotes, a missing or trailing comma, a plus sign or leading zeros, a comma after the object), so this class
 * checks those points itself, from the bytes around the reader's position, instead of trusting it there. Every
 * value taken gives the row the strict reader gives (text as characters; integers as numbers read in the pass
 * that checks their digits, or as the digits themselves for a device key, -0 and beyond 64 bits), so both paths
 * give equal rows and messages.
 * <p>
 * fastjson2 (<a href="https://github.com/alibaba/fastjson2">github.com/alibaba/fastjson2</a>, Apache-2.0) reads
 * these lines in about 0.6x the time of Jackson's streaming parser (docs/ingest-tuning.md). Not thread safe.
 */
final class FlatJsonLine {
    private static final byte QUOTE = '"';
    /** {@link #isGap}: no separator. */
    private static final int NONE = -1;
    /** {@link #columnOfName}: the name is not a plain string. */
    private static final int NOT_PLAIN = -2;
    /** Digits a long always holds: up to 18 need no overflow check. */
    private static final int SAFE_DIGITS = 18;
    private static final byte[][] NAMES = names();
    private static final int[] NAME_COLUMNS = nameColumns();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long[] NAME_WORDS = nameWords();
    private static final long[] NAME_MASKS = nameMasks();

    private final JSONReader.Context context = JSONFactory.createReadContext();
    /** The reader of the current buffer's lines, and what it was made over; null when there is none. */
    private JSONReader reader;
    private byte[] readerBytes;
    private int readerMoves;
    private int readerEnd;
    /** The name entry met at each place of the last row, tried first at that place in the next. */
    private int[] lastNames = new int[16];
    private boolean isAsciiLine;
    /** Where the last name read ends (its closing quote), and the last value (its last byte). */
    private int nameClose;
    private int valueLast;
    /** The names of the row the export does not use, met so far: where each starts (its quote) and its length. */
    private int[] otherNameStarts = new int[4];
    private int[] otherNameLengths = new int[4];
    private int otherNames;
    /** What {@link #scanInteger} found: where the integer ends (-1: not a JSON integer), and its value. */
    private int integerEnd;
    private long integerValue;
    private boolean isLong;

    /**
     * Reads one line into {@code fields} (cleared first), when it has the plain shape.
     *
     * @param bytes   the line's buffer (the line valid UTF-8, without the line end).
     * @param offset  where the line starts in it.
     * @param length  the line's length in bytes.
     * @param dataEnd the end of the bytes in the buffer (the next lines follow the line, unchecked).
     * @param moves   how many times the buffer's bytes have moved ({@link LineSplitter#moves()}).
     * @param isAscii true when every byte of the line is ASCII (the line check knows).
     * @param fields  where the row goes; cleared again when the line is not plain.
     * @return true when the line was read; false when it is not plain and must go to the strict reader.
     */
    boolean read(final byte[] bytes, final int offset, final int length, final int dataEnd, final int moves,
        final boolean isAscii, final ExportFields fields) {
        fields.clear();
        isAsciiLine = isAscii;
        try {
            if (readObject(bytes, offset, offset + length, dataEnd, moves, fields)) {
                return true;
            }
        } catch (final JSONException | IndexOutOfBoundsException notPlain) {
            // fastjson2 met what is not JSON (a JSONException, or an index error on some cut input): the strict
            // reader says what and where
        }
        fields.clear();
        dropReader();
        return false;
    }

    /** Closes the reader of the lines, if one is open. */
    void close() {
        dropReader();
    }

    private boolean readObject(final byte[] bytes, final int offset, final int lineEnd, final int dataEnd,
        final int moves, final ExportFields fields) {
        int first = offset;
        while (first < lineEnd && isBlank(bytes[first])) {
            first++;
        }
        if (first == lineEnd || bytes[first] != '{') {
            return false; // a blank line, or not an object: the strict reader passes over it or names it
        }
        final JSONReader lineReader = readerAt(bytes, first, lineEnd, dataEnd, moves);
        return lineReader.nextIfObjectStart() && readFields(lineReader, bytes, first, lineEnd, fields);
    }

    /**
     * The reader of the lines, positioned on this line's opening brace at {@code first}: the one that read the line
     * before, which stopped there, when the buffer has not moved since and it sees the whole line; else a new one
     * from {@code first} to the end of the buffer's bytes. One reader serves the lines of a buffer in turn, so a
     * line costs no reader of its own.
     */
    private JSONReader readerAt(final byte[] bytes, final int first, final int lineEnd, final int dataEnd,
        final int moves) {
        if (reader != null && bytes == readerBytes && moves == readerMoves && lineEnd <= readerEnd
            && reader.getOffset() - 1 == first) {
            return reader;
        }
        dropReader();
        reader = JSONReader.of(bytes, first, dataEnd - first, context);
        readerBytes = bytes;
        readerMoves = moves;
        readerEnd = dataEnd;
        return reader;
    }

    private void dropReader() {
        if (reader != null) {
            reader.close();
            reader = null;
            readerBytes = null;
        }
    }

    private static boolean isBlank(final byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    /**
     * Reads the fields of the object whose opening brace is at {@code open}. fastjson2 passes over what JSON does
     * not allow between tokens (a comment where it skips blanks, a missing or trailing comma), so the gaps are
     * checked on the bytes: blanks only, with one comma between a value and the next name, one colon between a
     * name and its value, and nothing but blanks after the closing brace.
     */
    private boolean readFields(final JSONReader values, final byte[] bytes, final int open, final int end,
        final ExportFields fields) {
        int last = open; // the last byte of the brace or of the last value
        int seen = 0; // the columns met so far, a bit each
        otherNames = 0;
        for (int field = 0; ; field++) {
            final int at = values.getOffset() - 1; // offsets index the buffer
            if (values.nextIfObjectEnd()) {
                return isGap(bytes, last + 1, at, NONE) && isGap(bytes, at + 1, end, NONE);
            }
            if (!isGap(bytes, last + 1, at, field == 0 ? NONE : ',')) {
                return false;
            }
            final int column = columnOfName(bytes, at, end, field);
            if (column == NOT_PLAIN || (column >= 0 ? (seen & 1 << column) != 0 : isOtherNameAgain(bytes, at))) {
                return false; // not plain, or a name met before in the row: Jackson names it
            }
            seen |= column >= 0 ? 1 << column : 0;
            values.skipName();
            final int valueAt = values.getOffset() - 1;
            if (!isGap(bytes, nameClose + 1, valueAt, ':')
                || !readValue(values, bytes, valueAt, end, column, fields)) {
                return false;
            }
            last = valueLast;
        }
    }

    /**
     * @return true when bytes [from, to) are blanks and, unless {@code separator} is {@link #NONE}, one
     *         {@code separator} (to lies within the line: where fastjson2 stopped).
     */
    private static boolean isGap(final byte[] bytes, final int from, final int to, final int separator) {
        boolean isSeparated = separator == NONE;
        for (int i = from; i < to; i++) {
            final byte b = bytes[i];
            if (b == separator && !isSeparated) {
                isSeparated = true;
            } else if (!isBlank(b)) {
                return false;
            }
        }
        return isSeparated;
    }

    /** Reads the value at {@code at} into its column (none: -1), or returns false when it is not plain. */
    /**
     * A name the row does not use (its opening quote at {@code at}, its closing one at {@link #nameClose}): true when
     * the row had it before; else it is remembered for the rest of the row.
     */
    private boolean isOtherNameAgain(final byte[] bytes, final int at) {
        final int length = nameClose - at;
        for (int n = 0; n < otherNames; n++) {
            final int from = otherNameStarts[n];
            if (otherNameLengths[n] == length
                && Arrays.equals(bytes, from, from + length, bytes, at, at + length)) {
                return true;
            }
        }
        if (otherNames == otherNameStarts.length) {
            otherNameStarts = Arrays.copyOf(otherNameStarts, 2 * otherNames);
            otherNameLengths = Arrays.copyOf(otherNameLengths, 2 * otherNames);
        }
        otherNameStarts[otherNames] = at;
        otherNameLengths[otherNames++] = length;
        return false;
    }

    private boolean readValue(final JSONReader values, final byte[] bytes, final int at, final int end,
        final int column, final ExportFields fields) {
        if (at >= end) {
            return false;
        }
        final byte first = bytes[at];
        if (first == QUOTE) {
            final int stringEnd = plainStringEnd(bytes, at, end);
            if (stringEnd < 0) {
                return false;
            }
            valueLast = stringEnd;
            if (column >= 0) {
                if (isAsciiLine) {
                    fields.asciiText(column, bytes, at + 1, stringEnd - at - 1);
                } else {
                    fields.text(column, new String(bytes, at + 1, stringEnd - at - 1, StandardCharsets.UTF_8));
                }
            }
            values.skipValue();
            return true;
        }
        if (first == '-' || first >= '0' && first <= '9') {
            scanInteger(bytes, at, end);
            if (integerEnd < 0) {
                return false;
            }
            valueLast = integerEnd - 1;
            if (column >= 0) {
                integer(bytes, at, column, fields);
            }
            values.skipValue();
            return true;
        }
        if (first == 'n' && values.nextIfNull()) {
            valueLast = at + "null".length() - 1;
            if (column >= 0) {
                fields.text(column, null);
            }
            return true;
        }
        return false; // true, false, an object or array, or not JSON
    }

    /**
     * Puts the integer {@link #scanInteger} found into its column: as a number when it fits a long, else as its
     * digits, as the strict reader keeps every integer, so the row reads the same (and one beyond 64 bits is named
     * the same). A device key and -0 stay digits too: a key is text, and "-0" is what a message must show.
     */
    private void integer(final byte[] bytes, final int at, final int column, final ExportFields fields) {
        if (!isLong || column == ExportFields.DEVICE || integerValue == 0 && bytes[at] == '-') {
            fields.integerAscii(column, bytes, at, integerEnd - at);
        } else {
            fields.number(column, integerValue);
        }
    }

    /**
     * Scans the number at {@code at}: sets {@link #integerEnd} to the index after it, or -1 when it is not a JSON
     * integer (a plus, leading zeros, a fraction or exponent, a lone minus, or what fastjson2 also takes after the
     * digits, such as the suffix of {@code 12L}: an integer is followed by a blank, a comma or the closing
     * brace); and {@link #integerValue} with {@link #isLong} false when it does not fit 64 bits. Digits after the
     * 18th are checked for overflow, as {@link ExportFields#longValue} checks them on characters. Reading the
     * value in this pass, rather than keeping the digits for {@code longValue}, is worth ~11% of a JSONL line's
     * parse (IngestParseBenchmark jsonl -f 2: 1.60 M against 1.41-1.43 M lines/s, alternated); reading it with
     * fastjson2's readInt64Value instead, with a digit count to check the shape, was no faster (1.66-1.69 M
     * against 1.79 M lines/s, median of 24 iterations each, alternated).
     */
    private void scanInteger(final byte[] bytes, final int at, final int end) {
        final boolean isNegative = bytes[at] == '-';
        final int digits = isNegative ? at + 1 : at;
        long value = 0;
        boolean fits = true;
        int i = digits;
        final int safeEnd = Math.min(end, digits + SAFE_DIGITS);
        for (; i < safeEnd; i++) { // up to 18 digits: no overflow to check
            final int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
        }
        if (i == safeEnd) {
            for (; i < end; i++) { // a 19th digit and beyond: the ones that can overflow
                final int digit = bytes[i] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                fits &= value <= (Long.MAX_VALUE - digit) / 10;
                value = value * 10 + digit;
            }
        }
        final boolean isJsonInteger = i > digits && (bytes[digits] != '0' || i - digits == 1)
            && i < end && isAfterValue(bytes[i]);
        integerEnd = isJsonInteger ? i : -1;
        integerValue = isNegative ? -value : value;
        isLong = fits;
    }

    /** @return true for a byte that may follow a value in the plain shape: a blank, a comma or the closing brace. */
    private static boolean isAfterValue(final byte b) {
        return b == ',' || b == '}' || isBlank(b);
    }

    /**
     * @return the index of the closing quote of the string starting (with its opening quote) at {@code at}, or -1
     *         when it is not plain: single-quoted, with an escape or a control character, or unclosed.
     */
    private static int plainStringEnd(final byte[] bytes, final int at, final int end) {
        if (at >= end || bytes[at] != QUOTE) {
            return -1;
        }
        for (int i = at + 1; i < end; i++) {
            final byte b = bytes[i];
            if (b == QUOTE) {
                return i;
            }
            if (b == '\\' || b >= 0 && b < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * @return the column of the plain name whose opening quote is at {@code at} ({@link ExportFields#TS_ALIAS_SLOT}
     *         for {@code ts}), -1 when it is none, or {@link #NOT_PLAIN} when the name is not a plain string; the
     *         last row's name at this place is tried first, in one pass over its bytes.
     */
    private int columnOfName(final byte[] bytes, final int at, final int end, final int field) {
        if (field >= lastNames.length) {
            lastNames = Arrays.copyOf(lastNames, 2 * field);
        }
        final int guess = lastNames[field];
        if (guess >= 0) {
            final byte[] name = NAMES[guess];
            final int close = at + 1 + name.length;
            if (close < end && bytes[at] == QUOTE && bytes[close] == QUOTE && matches(guess, bytes, at + 1)) {
                nameClose = close;
                return NAME_COLUMNS[guess];
            }
        }
        final int nameEnd = plainStringEnd(bytes, at, end);
        if (nameEnd < 0) {
            return NOT_PLAIN;
        }
        nameClose = nameEnd;
        for (int n = 0; n < NAMES.length; n++) {
            if (NAMES[n].length == nameEnd - at - 1 && matches(n, bytes, at + 1)) {
                lastNames[field] = n;
                return NAME_COLUMNS[n];
            }
        }
        lastNames[field] = -1;
        return -1;
    }

    /**
     * @return true when {@code bytes} hold {@code names[n]} from {@code from}, compared eight bytes at a time where
     *         the buffer has them.
     */
    private static boolean matches(final int n, final byte[] bytes, final int from) {
        final byte[] name = NAMES[n];
        int i = 0;
        if (from + Long.BYTES <= bytes.length) {
            final long mask = NAME_MASKS[n];
            if (((long)LONGS.get(bytes, from) & mask) != NAME_WORDS[n]) {
                return false;
            }
            i = Long.BYTES;
        }
        for (; i < name.length; i++) {
            if (name[i] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** The first eight bytes of each name, little-endian, as {@link #LONGS} reads them (zeros past its end). */
    private static long[] nameWords() {
        final long[] words = new long[NAMES.length];
        for (int n = 0; n < NAMES.length; n++) {
            for (int b = Math.min(Long.BYTES, NAMES[n].length) - 1; b >= 0; b--) {
                words[n] = words[n] << Byte.SIZE | NAMES[n][b] & 0xFF;
            }
        }
        return words;
    }

    /** Which of the first eight bytes each name covers. */
    private static long[] nameMasks() {
        final long[] masks = new long[NAMES.length];
        for (int n = 0; n < NAMES.length; n++) {
            final int length = Math.min(Long.BYTES, NAMES[n].length);
            masks[n] = length == Long.BYTES ? -1L : (1L << Byte.SIZE * length) - 1;
        }
        return masks;
    }

    /** The export's column names, then {@code ts}. */
    private static byte[][] names() {
        final byte[][] names = new byte[ExportRow.COLUMNS.length + 1][];
        for (int c = 0; c < ExportRow.COLUMNS.length; c++) {
            names[c] = ExportRow.COLUMNS[c].getBytes(StandardCharsets.US_ASCII);
        }
        names[ExportRow.COLUMNS.length] = ExportFields.TS_ALIAS.getBytes(StandardCharsets.US_ASCII);
        return names;
    }

    private static int[] nameColumns() {
        final int[] columns = new int[NAMES.length];
        for (int n = 0; n < NAMES.length; n++) {
            columns[n] = ExportFields.columnOf(new String(NAMES[n], StandardCharsets.US_ASCII));
        }
        return columns;
    }
}
