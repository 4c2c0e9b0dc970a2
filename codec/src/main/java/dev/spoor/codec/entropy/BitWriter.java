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

    /*
     * A caller's hot loop may write many symbols with the writer's state in locals (a field per write made every
     * write wait for the previous one's store): after flushWholeBytes() it takes buffer(), position(), pending()
     * and pendingCount() (then at most 7), adds bits to its local copy of pending, and stores it whole, 8 bytes at
     * a time, at its position (only at positions up to storeLimit()), advancing by the whole bytes stored and
     * keeping the rest. Then it hands the state back with resume(). Bytes past the last whole byte such a store
     * writes are written again later.
     */

    /** @return the destination. */
    public byte[] buffer() {
        return buffer;
    }

    /** @return the index of the byte the pending bits go to. */
    public int position() {
        return position;
    }

    /** @return the bits written and not yet stored, lowest first ({@link #pendingCount()} of them). */
    public long pending() {
        return pending;
    }

    /** @return how many bits {@link #pending()} holds, 0 to 31. */
    public int pendingCount() {
        return pendingBits;
    }

    /**
     * @return the last position at which a caller's loop may store 8 bytes: the limit given to {@link #wrap}, or 8
     *     bytes before the buffer's end when that comes first. A store there may write past the limit, never past
     *     the buffer; {@link #resume} refuses a position past the limit. Give the buffer 8 bytes of slack past the
     *     limit and a loop may fill it up to the limit.
     */
    public int storeLimit() {
        return Math.min(limit, buffer.length - Long.BYTES);
    }

    /** Stores the whole bytes of the pending bits, so that at most 7 stay pending (before a caller's loop). */
    public void flushWholeBytes() {
        while (pendingBits >= Byte.SIZE) {
            checkRoom(1);
            buffer[position++] = (byte)pending;
            pending >>>= Byte.SIZE;
            pendingBits -= Byte.SIZE;
        }
    }

    /**
     * Takes back the state of a caller's loop.
     *
     * @param position     the byte its pending bits go to.
     * @param pending      those bits, lowest first, nothing above {@code pendingCount}.
     * @param pendingCount 0 to 63.
     * @throws IllegalStateException when the position is past the limit.
     */
    public void resume(final int position, final long pending, final int pendingCount) {
        if (position > limit) {
            throw overflow(position);
        }
        this.position = position;
        this.pending = pending;
        this.pendingBits = pendingCount;
        if (pendingCount >= 32) {
            flushWord();
        }
    }

    /**
     * @param position where a write would have gone.
     * @return the error for a write past the limit.
     */
    public IllegalStateException overflow(final int position) {
        return new IllegalStateException("bit writer overflow: [position=" + position + ", limit=" + limit + "]");
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
            throw overflow(position);
        }
    }
}
