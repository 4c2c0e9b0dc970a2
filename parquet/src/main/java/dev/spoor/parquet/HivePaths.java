/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.parquet;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * Partition values in directory names, escaped as Hive escapes them ({@code FileUtils.escapePathName}, the same
 * set as Spark's {@code ExternalCatalogUtils}): the control characters U+0001..U+001F and U+007F and
 * {@code " # % ' * / : = ? \ { [ ] ^} become {@code %XX} (upper-case hex); everything else, non-ASCII letters
 * included, stays as it is, in UTF-8. DuckDB's {@code hive_partitioning}, Spark and Hive read the value back
 * unchanged. A segment is {@code column=escaped value}.
 */
public final class HivePaths {
    /** Longest directory name most file systems take, in bytes. */
    public static final int MAX_SEGMENT_BYTES = 255;
    private static final BitSet ESCAPED = new BitSet(128);

    static {
        ESCAPED.set(0x00, 0x20);
        ESCAPED.set(0x7F);
        for (final char c : "\"#%'*/:=?\\{[]^".toCharArray()) {
            ESCAPED.set(c);
        }
    }

    private HivePaths() {
    }

    /**
     * @param value a partition value, not empty (Hive writes an empty one as a default partition instead).
     * @return the value as a directory name holds it.
     */
    public static String escape(final String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a partition value must not be empty");
        }
        final StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c < 128 && ESCAPED.get(c)) {
                escaped.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * @param escaped what {@link #escape(String)} returned.
     * @return the value: each {@code %XX} (two hex digits) as the character XX; anything else as it is.
     */
    public static String unescape(final String escaped) {
        final StringBuilder value = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            final char c = escaped.charAt(i);
            if (c == '%' && i + 2 < escaped.length() && isHex(escaped.charAt(i + 1)) && isHex(escaped.charAt(i + 2))) {
                value.append((char)Integer.parseInt(escaped, i + 1, i + 3, 16));
                i += 2;
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    /**
     * @param column a partition column's name.
     * @param value  its value.
     * @return {@code column=escaped value}.
     * @throws IllegalArgumentException when the segment is longer than {@link #MAX_SEGMENT_BYTES} UTF-8 bytes.
     */
    public static String segment(final String column, final String value) {
        final String segment = column + "=" + escape(value);
        final int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("the directory name for " + column + " '"
                + value.substring(0, Math.min(value.length(), 40)) + "...' takes [bytes=" + bytes + "], more than"
                + " file systems allow [max=" + MAX_SEGMENT_BYTES + "]; export without partitioning by " + column);
        }
        return segment;
    }

    private static boolean isHex(final char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
