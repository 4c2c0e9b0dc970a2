/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import java.nio.ByteBuffer;

/** LEB128 varints and zigzag, for the compact index file. */
public final class Varints {
    private Varints() {
    }

    /**
     * @param buffer destination.
     * @param value  unsigned value.
     */
    public static void putUnsigned(final ByteBuffer buffer, final long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buffer.put((byte)((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        buffer.put((byte)v);
    }

    /**
     * @param buffer destination.
     * @param value  signed value, zigzag coded.
     */
    public static void putSigned(final ByteBuffer buffer, final long value) {
        putUnsigned(buffer, (value << 1) ^ (value >> 63));
    }

    /**
     * @param buffer source.
     * @return the value.
     * @throws IllegalStateException when the varint runs over 10 bytes.
     */
    public static long getUnsigned(final ByteBuffer buffer) {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            final byte b = buffer.get();
            value |= (long)(b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("varint longer than 10 bytes at " + buffer.position());
    }

    /**
     * @param buffer source.
     * @return the signed value.
     */
    public static long getSigned(final ByteBuffer buffer) {
        final long z = getUnsigned(buffer);
        return (z >>> 1) ^ -(z & 1);
    }
}
