/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian ints and longs in byte arrays, the byte order of every Spoor file. */
public final class LittleEndian {
    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
        MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    /**
     * @param bytes  source.
     * @param offset where.
     * @return the little-endian long there.
     * @throws IndexOutOfBoundsException when fewer than 8 bytes remain.
     */
    public static long getLong(final byte[] bytes, final int offset) {
        return (long)LONG_LE.get(bytes, offset);
    }

    /**
     * @param bytes  source.
     * @param offset where.
     * @return the little-endian int there.
     * @throws IndexOutOfBoundsException when fewer than 4 bytes remain.
     */
    public static int getInt(final byte[] bytes, final int offset) {
        return (int)INT_LE.get(bytes, offset);
    }

    /**
     * @param bytes  target.
     * @param offset where.
     * @param value  the int to write little-endian.
     * @throws IndexOutOfBoundsException when fewer than 4 bytes remain.
     */
    public static void putInt(final byte[] bytes, final int offset, final int value) {
        INT_LE.set(bytes, offset, value);
    }
}
