/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian primitive access to byte arrays, for the block scratch buffers. */
final class ByteArrayAccess {
    private static final VarHandle SHORT_LE =
        MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteArrayAccess() {
    }

    static void putShort(final byte[] buffer, final int offset, final int value) {
        SHORT_LE.set(buffer, offset, (short)value);
    }

    static int getUnsignedShort(final byte[] buffer, final int offset) {
        return (short)SHORT_LE.get(buffer, offset) & 0xFFFF;
    }

    static void putInt(final byte[] buffer, final int offset, final int value) {
        INT_LE.set(buffer, offset, value);
    }

    static int getInt(final byte[] buffer, final int offset) {
        return (int)INT_LE.get(buffer, offset);
    }

    static void putLong(final byte[] buffer, final int offset, final long value) {
        LONG_LE.set(buffer, offset, value);
    }

    static long getLong(final byte[] buffer, final int offset) {
        return (long)LONG_LE.get(buffer, offset);
    }
}
