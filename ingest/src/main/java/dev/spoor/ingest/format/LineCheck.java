/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides whether one line's bytes are text, and decodes them. A control byte other than TAB (0x00-0x08,
 * 0x0A-0x1F, 0x7F; a CR that is not part of a CRLF line end lands here too) makes the line {@link #BINARY}: no
 * text format this module reads has one, except for the few a format allows as data (Aalto's LETTER column
 * holds the character a key typed, a raw backspace in some files). In a UTF-8 format a line that is not
 * strictly valid UTF-8 (the JDK's decoder with {@link CodingErrorAction#REPORT}: no overlong forms, surrogates
 * or stray continuation bytes) is {@link #NOT_UTF8}; in an ISO-8859-1 format every byte is a character. ASCII
 * lines, nearly all of them, take one pass with no decoder. Not thread safe; one per reader.
 */
final class LineCheck {
    /** The line is text. */
    static final int TEXT = 0;
    /** The line holds a control byte: {@link #badIndex()}. */
    static final int BINARY = 1;
    /** The line is not valid UTF-8 from {@link #badIndex()} on. */
    static final int NOT_UTF8 = 2;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final int ALL_ASCII = -1;
    private static final int NOT_ALL_ASCII = -2;

    private final boolean isUtf8;
    /** By ASCII byte: true for the control bytes that make a line binary. */
    private final boolean[] isControl = new boolean[128];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private char[] chars = new char[256];
    private int charCount;
    private boolean isAscii;
    private int badIndex;

    /**
     * @param isUtf8          true for a UTF-8 format, false for ISO-8859-1.
     * @param allowedControls control bytes the format holds as data (none: an empty array).
     */
    LineCheck(final boolean isUtf8, final byte[] allowedControls) {
        this.isUtf8 = isUtf8;
        for (int b = 0; b < 0x20; b++) {
            isControl[b] = b != '\t';
        }
        isControl[0x7F] = true;
        for (final byte allowed : allowedControls) {
            isControl[allowed] = false;
        }
    }

    /**
     * @param bytes  the line's buffer.
     * @param offset where the line starts.
     * @param length its length, bytes, line end excluded.
     * @return {@link #TEXT}, {@link #BINARY} or {@link #NOT_UTF8}.
     */
    int check(final byte[] bytes, final int offset, final int length) {
        boolean ascii = true;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            // With every byte below 0x80, b - 0x20 sets the high bit only for b < 0x20 and b + 1 only for
            // 0x7F, without carrying into the next byte; w itself has it for non-ASCII bytes. So 0 means eight
            // printable ASCII bytes, the common case; anything else is looked at byte by byte.
            final long w = (long)LONGS.get(bytes, offset + i);
            if ((((w - SPACES) | (w + ONES) | w) & HIGHS) != 0) {
                final int found = checkBytes(bytes, offset, i, i + Long.BYTES);
                if (found >= 0) {
                    return binaryAt(found);
                }
                ascii &= found == ALL_ASCII;
            }
        }
        final int found = checkBytes(bytes, offset, i, length);
        if (found >= 0) {
            return binaryAt(found);
        }
        isAscii = ascii && found == ALL_ASCII;
        charCount = length;
        return isAscii || !isUtf8 ? TEXT : decodeUtf8(bytes, offset, length);
    }

    /**
     * @return true when the checked line is ASCII, or the format is ISO-8859-1: a char per byte, so the line's
     *         bytes are its chars and {@link #chars()} is not filled.
     */
    boolean isCharPerByte() {
        return isAscii || !isUtf8;
    }

    /**
     * @return true when the checked line is all ASCII bytes.
     */
    boolean isAscii() {
        return isAscii;
    }

    /**
     * @return the decoded chars of a UTF-8 line that is not ASCII (see {@link #isCharPerByte()}).
     */
    char[] chars() {
        return chars;
    }

    /**
     * @return the checked line's length in chars.
     */
    int charCount() {
        return charCount;
    }

    /**
     * @return the index in the line of the byte that made it {@link #BINARY} or {@link #NOT_UTF8}.
     */
    int badIndex() {
        return badIndex;
    }

    /** Bytes [from, to) of the line one at a time: the index of a control byte, or ALL_ASCII, or NOT_ALL_ASCII. */
    private int checkBytes(final byte[] bytes, final int offset, final int from, final int to) {
        final boolean[] control = isControl;
        int found = ALL_ASCII;
        for (int i = from; i < to; i++) {
            final byte b = bytes[offset + i];
            if (b < 0) {
                found = NOT_ALL_ASCII;
            } else if (control[b]) {
                return i;
            }
        }
        return found;
    }

    private int binaryAt(final int index) {
        badIndex = index;
        return BINARY;
    }

    private int decodeUtf8(final byte[] bytes, final int offset, final int length) {
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        final CharBuffer out = CharBuffer.wrap(chars);
        decoder.reset();
        final CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            badIndex = in.position() - offset;
            return NOT_UTF8;
        }
        decoder.flush(out);
        charCount = out.position();
        return TEXT;
    }
}
