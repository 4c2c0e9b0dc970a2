/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import dev.spoor.codec.entropy.BitReader;
import dev.spoor.codec.entropy.HuffmanDecoder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static dev.spoor.codec.ColumnCoding.KIND_MOVE_BUTTONS_CHANGED;
import static dev.spoor.codec.ColumnCoding.PAIR_FIRST_BASE;
import static dev.spoor.codec.ColumnCoding.PAIR_FIRST_EXTRA_BITS;
import static dev.spoor.codec.ColumnCoding.PAIR_SECOND_BASE;
import static dev.spoor.codec.ColumnCoding.TIME_SYMBOL_BASE;
import static dev.spoor.codec.ColumnCoding.TIME_SYMBOL_KIND;

/**
 * The loop that decodes almost every bit of a mouse block: the TIME stream (kind and time delta) and the
 * POINTER stream (dx, dy) together, one event per iteration.
 *
 * <p>Why it looks like this (each step measured with CodecBenchmark on the Balabit data):
 * <ul>
 *   <li>the two streams are independent bit streams read in the same iteration, so the CPU overlaps their
 *       dependency chains (table load, shift, refill) instead of running them one after the other;</li>
 *   <li>each reader's window, bit count and position live in locals, refilled branch-free once per symbol;</li>
 *   <li>a table entry carries the symbol's code length and its extra-bit count, so a symbol and its extra
 *       bits are consumed with one shift and no second dependent load;</li>
 *   <li>values wider than the window (rare: huge time jumps, coordinate sentinels far apart) take the
 *       reader's general methods.</li>
 * </ul>
 */
final class HotColumnLoops {
    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int LENGTH_MASK = HuffmanDecoder.LENGTH_MASK;
    private static final int EXTRA_SHIFT = HuffmanDecoder.EXTRA_SHIFT;
    private static final int EXTRA_MASK = HuffmanDecoder.EXTRA_MASK;
    private static final int SYMBOL_SHIFT = HuffmanDecoder.SYMBOL_SHIFT;

    private HotColumnLoops() {
    }

    /**
     * Decodes {@code count} events' timestamps, kinds and pointer positions.
     *
     * @param time       TIME reader, positioned after its table.
     * @param timeCodes  TIME table.
     * @param first      the block's first timestamp.
     * @param tick       the block's tick, at least 1.
     * @param pointer    POINTER reader after its table, or null when the block has no POINTER stream.
     * @param pointerCodes POINTER table (unused when {@code pointer} is null).
     * @param out        receives timestamps, x and y (0 for key events).
     * @param count      events.
     * @param kinds      out: kind per event.
     * @param kindCounts out: events per kind (cleared by the caller).
     * @param minMax     out: smallest and largest timestamp.
     */
    @SuppressWarnings("MethodLength")
    static void decodeTimeAndPointer(
        final BitReader time, final HuffmanDecoder timeCodes, final long first, final long tick,
        final BitReader pointer, final HuffmanDecoder pointerCodes, final EventBatch out, final int count,
        final byte[] kinds, final int[] kindCounts, final long[] minMax) {
        final long[] ts = out.timestampColumn();
        final int[] xs = out.xColumn();
        final int[] ys = out.yColumn();
        // One method on purpose: splitting it would move the readers' state out of registers.
        final int[] timeTable = timeCodes.table();
        final int timeMask = timeCodes.tableMask();
        final byte[] timeBuffer = time.buffer();
        final int timeLimit = time.refillLimit();
        long timeWindow = time.peek();
        int timeBits = time.available();
        int timePosition = time.position();
        final boolean hasPointer = pointer != null;
        final int[] pointerTable = hasPointer ? pointerCodes.table() : null;
        final int pointerMask = hasPointer ? pointerCodes.tableMask() : 0;
        final byte[] pointerBuffer = hasPointer ? pointer.buffer() : null;
        final int pointerLimit = hasPointer ? pointer.refillLimit() : -1;
        long pointerWindow = hasPointer ? pointer.peek() : 0;
        int pointerBits = hasPointer ? pointer.available() : 0;
        int pointerPosition = hasPointer ? pointer.position() : 0;
        long previous = first;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int x = 0;
        int y = 0;
        for (int i = 0; i < count; i++) {
            if (timePosition > timeLimit) {
                time.restore(timeWindow, timeBits, timePosition);
                throw time.overrun();
            }
            timeWindow |= (long)LONG_LE.get(timeBuffer, timePosition) << timeBits;
            timePosition += (63 - timeBits) >>> 3;
            timeBits |= 56;
            final int timeEntry = timeTable[(int)timeWindow & timeMask];
            final int timeSymbol = timeEntry >>> SYMBOL_SHIFT;
            final int timeLength = timeEntry & LENGTH_MASK;
            final int timeExtra = (timeEntry >>> EXTRA_SHIFT) & EXTRA_MASK;
            long zigZag = TIME_SYMBOL_BASE[timeSymbol];
            if (timeLength + timeExtra <= timeBits) {
                zigZag |= (timeWindow >>> timeLength) & ((1L << timeExtra) - 1);
                timeWindow >>>= timeLength + timeExtra;
                timeBits -= timeLength + timeExtra;
            } else {
                time.restore(timeWindow >>> timeLength, timeBits - timeLength, timePosition);
                zigZag |= time.readLong(timeExtra);
                timeWindow = time.peek();
                timeBits = time.available();
                timePosition = time.position();
            }
            previous += ColumnCoding.unZigZag(zigZag) * tick;
            ts[i] = previous;
            min = Math.min(min, previous);
            max = Math.max(max, previous);
            final byte kind = TIME_SYMBOL_KIND[timeSymbol];
            kinds[i] = kind;
            kindCounts[kind]++;
            if (kind > 3 && kind != KIND_MOVE_BUTTONS_CHANGED) {
                xs[i] = 0;
                ys[i] = 0;
                continue;
            }
            if (!hasPointer) {
                throw time.corrupt("event " + i + " is a pointer event but the block has no POINTER stream");
            }
            if (pointerPosition > pointerLimit) {
                pointer.restore(pointerWindow, pointerBits, pointerPosition);
                throw pointer.overrun();
            }
            pointerWindow |= (long)LONG_LE.get(pointerBuffer, pointerPosition) << pointerBits;
            pointerPosition += (63 - pointerBits) >>> 3;
            pointerBits |= 56;
            final int pointerEntry = pointerTable[(int)pointerWindow & pointerMask];
            final int pairSymbol = pointerEntry >>> SYMBOL_SHIFT;
            final int pointerLength = pointerEntry & LENGTH_MASK;
            final int pointerExtra = (pointerEntry >>> EXTRA_SHIFT) & EXTRA_MASK;
            final int extraX = PAIR_FIRST_EXTRA_BITS[pairSymbol];
            long zx = PAIR_FIRST_BASE[pairSymbol];
            long zy = PAIR_SECOND_BASE[pairSymbol];
            if (pointerLength + pointerExtra <= pointerBits) {
                final long extras = pointerWindow >>> pointerLength;
                zx |= extras & ((1L << extraX) - 1);
                zy |= (extras >>> extraX) & ((1L << (pointerExtra - extraX)) - 1);
                pointerWindow >>>= pointerLength + pointerExtra;
                pointerBits -= pointerLength + pointerExtra;
            } else {
                pointer.restore(pointerWindow >>> pointerLength, pointerBits - pointerLength, pointerPosition);
                zx |= pointer.read(extraX);
                zy |= pointer.read(pointerExtra - extraX);
                pointerWindow = pointer.peek();
                pointerBits = pointer.available();
                pointerPosition = pointer.position();
            }
            x += ColumnCoding.unZigZag32(zx);
            y += ColumnCoding.unZigZag32(zy);
            xs[i] = x;
            ys[i] = y;
        }
        time.restore(timeWindow, timeBits, timePosition);
        if (hasPointer) {
            pointer.restore(pointerWindow, pointerBits, pointerPosition);
        }
        minMax[0] = min;
        minMax[1] = max;
    }
}
