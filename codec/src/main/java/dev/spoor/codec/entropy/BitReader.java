/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec.entropy;

import dev.spoor.codec.CorruptBlockException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads bits least-significant first, as {@link BitWriter} wrote them, refilling a 64-bit window eight
 * bytes at a time (branch-free refill). The array must hold {@link #PADDING_BYTES} readable bytes past the
 * stream's end; reading past the end is caught at the next refill and by {@link #checkFullyConsumed()},
 * both as a {@link CorruptBlockException} naming the section and offset.
 */
public final class BitReader {
    /** Bytes the caller must leave readable after the stream's end. */
    public static final int PADDING_BYTES = 16;

    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buffer;
    private int start;
    private int end;
    private int position;
    private long window;
    private int windowBits;
    private String section;

    /**
     * Starts reading a stream.
     *
     * @param buffer  source, with {@link #PADDING_BYTES} readable bytes after {@code end}.
     * @param start   first byte of the stream.
     * @param end     one past its last byte.
     * @param section the stream's name, for error messages.
     * @return this reader.
     */
    public BitReader wrap(final byte[] buffer, final int start, final int end, final String section) {
        if (end + PADDING_BYTES > buffer.length) {
            throw new IllegalArgumentException("buffer needs " + PADDING_BYTES + " padding bytes: [end=" + end
                + ", length=" + buffer.length + "]");
        }
        this.buffer = buffer;
        this.start = start;
        this.end = end;
        this.position = start;
        this.window = 0;
        this.windowBits = 0;
        this.section = section;
        return this;
    }

    /**
     * Fills the window to at least 56 bits.
     *
     * @throws CorruptBlockException when the stream has been read past its end.
     */
    public void refill() {
        // A refill may legitimately load up to 8 bytes past the end while real bits remain in the window;
        // past end + 8 the window has already handed out padding, which only a damaged stream asks for.
        if (position > end + 8) {
            throw overrun();
        }
        window |= (long)LONG_LE.get(buffer, position) << windowBits;
        position += (63 - windowBits) >>> 3;
        windowBits |= 56;
    }

    /**
     * @return the bits available without a refill.
     */
    public int available() {
        return windowBits;
    }

    /**
     * @return the window's bits, lowest first, without consuming them.
     */
    public long peek() {
        return window;
    }

    /**
     * Drops bits already looked at with {@link #peek()}.
     *
     * @param bitCount at most {@link #available()}.
     */
    public void consume(final int bitCount) {
        window >>>= bitCount;
        windowBits -= bitCount;
    }

    /**
     * @param bitCount 0 to 56.
     * @return the next {@code bitCount} bits as an unsigned value.
     */
    public long read(final int bitCount) {
        if (windowBits < bitCount) {
            refill();
        }
        final long value = window & ((1L << bitCount) - 1);
        window >>>= bitCount;
        windowBits -= bitCount;
        return value;
    }

    /**
     * @param bitCount 0 to 64.
     * @return the next {@code bitCount} bits.
     */
    public long readLong(final int bitCount) {
        if (bitCount <= 32) {
            return read(bitCount);
        }
        final long low = read(32);
        return low | (read(bitCount - 32) << 32);
    }

    /**
     * @return the index, in bits from the start of {@link #buffer()}, of the next bit to read: where a hot loop
     *     that reads the buffer by bit position takes over (see {@link #checkFullyConsumed(int)}).
     */
    public int bitPosition() {
        return position * 8 - windowBits;
    }

    /**
     * Checks that the stream was read to its last byte and no further.
     *
     * @throws CorruptBlockException when it was not.
     */
    public void checkFullyConsumed() {
        checkFullyConsumed(bitPosition());
    }

    /**
     * Checks that a hot loop that took over at {@link #bitPosition()} read the stream to its last byte and no
     * further.
     *
     * @param bitPosition where that loop stopped, in bits from the start of {@link #buffer()}.
     * @throws CorruptBlockException when it was not the stream's last byte.
     */
    public void checkFullyConsumed(final int bitPosition) {
        final long consumedBits = (long)bitPosition - (long)start * 8;
        final long lengthBits = (long)(end - start) * 8;
        if (consumedBits > lengthBits || consumedBits <= lengthBits - 8) {
            throw corrupt("stream length " + (end - start) + " bytes does not match the " + consumedBits
                + " bits decoded", consumedBits);
        }
    }

    /**
     * @param reason what is wrong.
     * @return an exception naming this stream and the current byte offset.
     */
    public CorruptBlockException corrupt(final String reason) {
        return corrupt(reason, (long)bitPosition() - (long)start * 8);
    }

    private CorruptBlockException corrupt(final String reason, final long consumedBits) {
        return new CorruptBlockException(section + " column: " + reason + " [bit=" + consumedBits + "]",
            (int)(start + consumedBits / 8));
    }

    /**
     * @return the exception for a stream read past its end.
     */
    private CorruptBlockException overrun() {
        return corrupt("read past the end of the " + (end - start) + "-byte stream");
    }
}
