/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian longs in byte arrays. */
public final class Bytes8 {
    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes8() {
    }

    /**
     * @param bytes  source.
     * @param offset where.
     * @return the little-endian long there.
     */
    public static long getLong(final byte[] bytes, final int offset) {
        return (long)LONG_LE.get(bytes, offset);
    }
}
