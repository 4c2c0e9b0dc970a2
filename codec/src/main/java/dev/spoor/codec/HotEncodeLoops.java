/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import dev.spoor.codec.entropy.BitWriter;
import dev.spoor.codec.entropy.HuffmanEncoder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static dev.spoor.codec.ColumnCoding.PAIR_EXTRA_Y_SHIFT;
import static dev.spoor.codec.ColumnCoding.TIME_EXTRA_BITS;

/**
 * The encoder's per-event loops over the TIME and POINTER streams: each symbol's code and extra bits go out with
 * the bit writer's state in locals ({@link BitWriter#pending()} and the rest), stored 8 bytes at a time. Through
 * {@link BitWriter#write} every write loaded and stored the writer's fields, so each waited for the one before.
 * The bits written are the same, in the same order: the golden blocks check it.
 *
 * <p>After each store at most 7 bits stay pending; a code adds at most 13, a POINTER component's or a short time
 * delta's extra bits at most 31 more before the next store, so the pending bits never exceed 64.
 */
final class HotEncodeLoops {
    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Extra bits written with the code in one store; more are written 32 at a time (time deltas of 2^31 ticks). */
    private static final int EXTRA_BITS_AT_ONCE = 32;
    /** Bytes one store may advance the position by: two stores per event must both lie within the limit. */
    private static final int STORE_ADVANCE = Long.BYTES;
    private static final int WHOLE_BYTES = ~7;
    private static final int BYTE_BITS = 7;
    private static final int EXTRA_MASK = 0xFF;

    private HotEncodeLoops() {
    }

    /**
     * Writes each event's TIME code (from {@code pressCodes} for an event after a press, else from {@code codes})
     * and its delta's extra bits.
     *
     * @param w          the stream's writer, after its tables.
     * @param symbols    TIME symbol per event.
     * @param values     zigzag of each event's time delta in ticks.
     * @param afterPress per event, 1 when it follows a press and is coded with {@code pressCodes} (version 3).
     * @param count      events.
     * @param codes      the TIME code.
     * @param pressCodes the TIME code for events after a press (unused when no event has the flag).
     * @throws IllegalStateException when the writer's limit is reached.
     */
    static void writeTime(final BitWriter w, final int[] symbols, final long[] values, final byte[] afterPress,
        final int count, final HuffmanEncoder codes, final HuffmanEncoder pressCodes) {
        final int[] mainCodes = codes.codeTable();
        final byte[] mainLengths = codes.lengthTable();
        final int[] pressCodeTable = pressCodes.codeTable();
        final byte[] pressLengths = pressCodes.lengthTable();
        final byte[] out = w.buffer();
        final int lastStoreAt = w.storeLimit() - STORE_ADVANCE;
        w.flushWholeBytes();
        long pending = w.pending();
        int pendingCount = w.pendingCount();
        int at = w.position();
        for (int i = 0; i < count; i++) {
            if (at > lastStoreAt) {
                throw w.overflow(at);
            }
            final int symbol = symbols[i];
            final boolean isAfterPress = afterPress[i] != 0;
            final int code = isAfterPress ? pressCodeTable[symbol] : mainCodes[symbol];
            final int length = isAfterPress ? pressLengths[symbol] : mainLengths[symbol];
            pending |= (long)code << pendingCount;
            pendingCount += length;
            int extra = TIME_EXTRA_BITS[symbol];
            long value = values[i];
            while (extra > EXTRA_BITS_AT_ONCE) {
                pending |= (value & 0xFFFF_FFFFL) << pendingCount;
                pendingCount += EXTRA_BITS_AT_ONCE;
                value >>>= EXTRA_BITS_AT_ONCE;
                extra -= EXTRA_BITS_AT_ONCE;
                LONG_LE.set(out, at, pending);
                at += pendingCount >>> 3;
                pending >>>= pendingCount & WHOLE_BYTES;
                pendingCount &= BYTE_BITS;
            }
            pending |= (value & (1L << extra) - 1) << pendingCount;
            pendingCount += extra;
            LONG_LE.set(out, at, pending);
            at += pendingCount >>> 3;
            pending >>>= pendingCount & WHOLE_BYTES;
            pendingCount &= BYTE_BITS;
        }
        w.resume(at, pending, pendingCount);
    }

    /**
     * Writes each pointer event's POINTER code and the extra bits of its two components.
     *
     * @param w         the stream's writer, after its table.
     * @param symbols   POINTER symbol per pointer event.
     * @param first     per pointer event, the value whose extra bits follow the code first (zigzag of dx in
     *                  version 1 and 2, |dx| in version 3).
     * @param second    the same for dy.
     * @param count     pointer events.
     * @param codes     the POINTER code.
     * @param extraBits extra bits per symbol ({@link ColumnCoding#PAIR_EXTRA_BITS} or
     *                  {@link ColumnCoding#RELATIVE_PAIR_EXTRA_BITS}).
     * @throws IllegalStateException when the writer's limit is reached.
     */
    static void writePointer(final BitWriter w, final int[] symbols, final long[] first, final long[] second,
        final int count, final HuffmanEncoder codes, final int[] extraBits) {
        final int[] codeTable = codes.codeTable();
        final byte[] lengths = codes.lengthTable();
        final byte[] out = w.buffer();
        final int lastStoreAt = w.storeLimit() - STORE_ADVANCE;
        w.flushWholeBytes();
        long pending = w.pending();
        int pendingCount = w.pendingCount();
        int at = w.position();
        for (int i = 0; i < count; i++) {
            if (at > lastStoreAt) {
                throw w.overflow(at);
            }
            final int symbol = symbols[i];
            final int extra = extraBits[symbol];
            final int extraX = extra & EXTRA_MASK;
            final int extraY = extra >>> PAIR_EXTRA_Y_SHIFT;
            pending |= (long)codeTable[symbol] << pendingCount;
            pendingCount += lengths[symbol];
            pending |= (first[i] & (1L << extraX) - 1) << pendingCount;
            pendingCount += extraX;
            LONG_LE.set(out, at, pending);
            at += pendingCount >>> 3;
            pending >>>= pendingCount & WHOLE_BYTES;
            pendingCount &= BYTE_BITS;
            pending |= (second[i] & (1L << extraY) - 1) << pendingCount;
            pendingCount += extraY;
            LONG_LE.set(out, at, pending);
            at += pendingCount >>> 3;
            pending >>>= pendingCount & WHOLE_BYTES;
            pendingCount &= BYTE_BITS;
        }
        w.resume(at, pending, pendingCount);
    }
}
