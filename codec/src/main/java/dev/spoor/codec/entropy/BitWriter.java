/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec.entropy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes bits least-significant first into a byte array, 32 bits at a time (the order DEFLATE uses, which
 * lets {@link BitReader} decode Huffman codes with one masked table lookup). Not thread safe; reusable.
 */
public final class BitWriter {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buffer;
    private int position;
    private int limit;
    private long pending;
    private int pendingBits;

    /**
     * Starts writing at {@code offset}.
     *
     * @param buffer destination.
     * @param offset first byte to write.
     * @param limit  one past the last byte that may be written.
     * @return this writer.
     */
    public BitWriter wrap(final byte[] buffer, final int offset, final int limit) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = limit;
        this.pending = 0;
        this.pendingBits = 0;
        return this;
    }

    /**
     * Writes the low {@code bitCount} bits of {@code value}.
     *
     * @param value    bits to write; bits above {@code bitCount} are ignored.
     * @param bitCount 0 to 32.
     */
    public void write(final long value, final int bitCount) {
        assert bitCount >= 0 && bitCount <= 32 : "bitCount=" + bitCount;
        pending |= (value & ((1L << bitCount) - 1)) << pendingBits;
        pendingBits += bitCount;
        if (pendingBits >= 32) {
            flushWord();
        }
    }

    /**
     * Writes the low {@code bitCount} bits of {@code value}, for any width up to 64.
     *
     * @param value    bits to write.
     * @param bitCount 0 to 64.
     */
    public void writeLong(final long value, final int bitCount) {
        if (bitCount <= 32) {
            write(value, bitCount);
        } else {
            write(value, 32);
            write(value >>> 32, bitCount - 32);
        }
    }

    /**
     * Writes {@code value} as an Elias gamma code: (n - 1) zero bits, a one, then the n - 1 bits below the
     * leading one, where n is the bit length of {@code value}.
     *
     * @param value 1 to 2^31 - 1.
     */
    public void writeGamma(final int value) {
        assert value >= 1 : "value=" + value;
        final int n = 32 - Integer.numberOfLeadingZeros(value);
        write(1L << (n - 1), n);
        write(value, n - 1);
    }

    /**
     * Pads to a whole byte and writes out what is pending.
     *
     * @return the position one past the last byte written.
     */
    public int finish() {
        while (pendingBits > 0) {
            checkRoom(1);
            buffer[position++] = (byte)pending;
            pending >>>= 8;
            pendingBits -= 8;
        }
        pendingBits = 0;
        pending = 0;
        return position;
    }

    private void flushWord() {
        checkRoom(4);
        INT_LE.set(buffer, position, (int)pending);
        position += 4;
        pending >>>= 32;
        pendingBits -= 32;
    }

    private void checkRoom(final int bytes) {
        if (position + bytes > limit) {
            throw new IllegalStateException("bit writer overflow: [position=" + position + ", limit=" + limit + "]");
        }
    }
}
