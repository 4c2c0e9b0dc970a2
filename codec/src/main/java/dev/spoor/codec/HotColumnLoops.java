/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import dev.spoor.codec.entropy.BitReader;
import dev.spoor.codec.entropy.HuffmanDecoder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import static dev.spoor.codec.ColumnCoding.VALUE_ENTRY_VALUE_SHIFT;
import static dev.spoor.codec.ColumnCoding.ENTRY_EXTRA_SHIFT;
import static dev.spoor.codec.ColumnCoding.KIND_MOVE_BUTTONS_CHANGED;
import static dev.spoor.codec.ColumnCoding.POINTER_CLASS_BASE;
import static dev.spoor.codec.ColumnCoding.POINTER_CLASS_MASK;
import static dev.spoor.codec.ColumnCoding.POINTER_CLASS_MASK_BITS;
import static dev.spoor.codec.ColumnCoding.POINTER_ENTRY_CLASS_X_SHIFT;
import static dev.spoor.codec.ColumnCoding.POINTER_ENTRY_CLASS_Y_SHIFT;
import static dev.spoor.codec.ColumnCoding.POINTER_ENTRY_CONSUMED_SHIFT;
import static dev.spoor.codec.ColumnCoding.POINTER_ENTRY_EXTRA_X_MASK;
import static dev.spoor.codec.ColumnCoding.POINTER_ENTRY_EXTRA_X_SHIFT;
import static dev.spoor.codec.ColumnCoding.POINTER_ENTRY_FLIP_X_BIT;
import static dev.spoor.codec.ColumnCoding.POINTER_ENTRY_FLIP_Y_BIT;
import static dev.spoor.codec.ColumnCoding.TIME_CONTEXT_OFFSET;
import static dev.spoor.codec.ColumnCoding.TIME_ENTRY_CONSUMED_MASK;
import static dev.spoor.codec.ColumnCoding.TIME_ENTRY_DELTA_SHIFT;
import static dev.spoor.codec.ColumnCoding.TIME_ENTRY_LENGTH_SHIFT;
import static dev.spoor.codec.ColumnCoding.TIME_ENTRY_HAS_EXTRA;
import static dev.spoor.codec.ColumnCoding.TIME_ENTRY_IS_KEY;
import static dev.spoor.codec.ColumnCoding.TIME_ENTRY_KIND_SHIFT;

/**
 * The loops that decode a block's columns. One carries almost every bit of a mouse block: the TIME stream
 * (kind and time delta) and the POINTER stream (dx, dy) together, one event per iteration. The others are short
 * passes: timestamps from the deltas, then the events that are not plain moves (one in eight in the Balabit
 * data: clicks, drag changes, wheel, keys) listed and given their types, buttons, wheel and key values.
 *
 * <p>Why it looks like this (each step measured with CodecBenchmark on the Balabit data, in
 * {@code docs/format.md}):
 * <ul>
 *   <li>the two streams are independent bit streams read in the same iteration, so the CPU overlaps their
 *       dependency chains instead of running them one after the other;</li>
 *   <li>each stream's whole state is one int, its bit position: a read loads eight bytes at
 *       {@code position / 8} and shifts by {@code position % 8}. With a 64-bit window, its bit count and its
 *       byte position per stream, C2 ran out of registers and kept the loop's running values on the stack;
 *       for the same reason the loop leaves timestamps as deltas (one pass sums them) and lists nothing;</li>
 *   <li>a table entry holds all the loop needs about a symbol: code length, bits to consume, the kind, the
 *       small time delta itself, the classes of dx and dy ({@link ColumnCoding} draws the entries), so no second
 *       table is consulted per event but two 64-entry class tables;</li>
 *   <li>no overrun test per read: the caller leaves {@link #paddingBytes(int)} readable bytes after the column
 *       section, more than {@code count} events can consume, and checks afterwards that each stream was read
 *       exactly to its end;</li>
 *   <li>the rarer fields are decoded for the listed events only, with the same table entries (value in the
 *       entry), so a block of plain moves costs a fill of its type and buttons columns.</li>
 * </ul>
 */
final class HotColumnLoops {
    /** Bits of an {@code others} entry holding the kind. */
    static final int OTHER_KIND_BITS = 3;
    /**
     * Most bits one event takes in any one stream, whatever its tables say: TIME 13 + 63 (a code and a 64-bit
     * delta's extra bits), POINTER and WHEEL 13 + 31 + 31, BUTTONS 13 + 31, KEYS two codes with 31 extra bits
     * each. A stream read by these loops, even a damaged one, never passes its start by more than
     * {@code count} times this.
     */
    static final int MAX_BITS_PER_EVENT = 2 * (13 + 31);
    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int LENGTH_MASK = HuffmanDecoder.LENGTH_MASK;
    private static final int EXTRA_MASK = 0x3F;
    private static final int KIND_MASK = 0x7;
    /** Kinds that carry a BUTTONS value: button down and up, move with new buttons. */
    static final int BUTTON_KINDS = 1 << EventType.BUTTON_DOWN.code() | 1 << EventType.BUTTON_UP.code()
        | 1 << KIND_MOVE_BUTTONS_CHANGED;
    /** Kind to type code (a move with new buttons is a MOVE), eight entries so a masked index needs no check. */
    private static final byte[] TYPE_OF_KIND = {0, 1, 2, 3, 4, 5, 0, 0};
    private static final int WHEEL = EventType.WHEEL.code();
    private static final int KEY_DOWN = EventType.KEY_DOWN.code();
    /** Most bits a BUTTONS, KEYS or MODIFIERS code takes with its extra bits: a 13-bit code, 31 extra bits. */
    private static final int MAX_VALUE_BITS = 13 + 31;
    /** Bits a load at a byte position always holds past the bit position (64 less up to 7 skipped). */
    private static final int WINDOW_BITS = 57;

    private HotColumnLoops() {
    }

    /**
     * @param count events in the block.
     * @return the bytes that must be readable after the column section for these loops.
     */
    static int paddingBytes(final int count) {
        return count * ((MAX_BITS_PER_EVENT + 7) / 8) + BitReader.PADDING_BYTES;
    }

    /**
     * Decodes {@code count} events' time deltas, kinds and pointer positions (the caller derives types,
     * buttons, wheel and key fields from the events that are not plain moves, {@link #listOthers}).
     *
     * @param raw          the column section, with {@link #paddingBytes(int)} readable bytes after it.
     * @param positions    in: bit positions in {@code raw} of the TIME stream (after its table) and the POINTER
     *                     stream (after its table; any when the block has none); out: where each stopped.
     * @param timeTable    TIME lookup (entries drawn in {@link ColumnCoding}).
     * @param timeMask     mask applied before a TIME lookup.
     * @param pointerTable POINTER table entries; a one-entry table of 0 when the block has no POINTER stream
     *                     (then every pointer event decodes as (0, 0) and the caller rejects the block).
     * @param pointerMask  mask applied before a POINTER lookup.
     * @param out          receives time deltas in ticks in its timestamp column (see {@link #sumTimes}), x and y
     *                     (key events: 0).
     * @param count        events.
     * @param kinds        out: kind per event (see {@link #listOthers}).
     */
    static void decodeTimeAndPointer(
        final byte[] raw, final int[] positions, final int[] timeTable, final int timeMask, final int[] pointerTable,
        final int pointerMask, final EventBatch out, final int count, final byte[] kinds) {
        // One method on purpose: splitting it would move the loop's state out of registers.
        final long[] ts = out.timestampColumn();
        final int[] xs = out.xColumn();
        final int[] ys = out.yColumn();
        int timeAt = positions[0];
        int pointerAt = positions[1];
        int x = 0;
        int y = 0;
        for (int i = 0; i < count; i++) {
            final long timeWindow = (long)LONG_LE.get(raw, timeAt >>> 3) >>> (timeAt & 7);
            final int timeEntry = timeTable[(int)timeWindow & timeMask];
            final int timeSymbolAt = timeAt;
            timeAt += timeEntry & TIME_ENTRY_CONSUMED_MASK;
            long delta = timeEntry >> TIME_ENTRY_DELTA_SHIFT;
            if ((timeEntry & TIME_ENTRY_HAS_EXTRA) != 0) {
                delta = deltaWithExtraBits(raw, timeSymbolAt, timeWindow, timeEntry);
            }
            ts[i] = delta;
            kinds[i] = (byte)((timeEntry >>> TIME_ENTRY_KIND_SHIFT) & KIND_MASK);
            if ((timeEntry & TIME_ENTRY_IS_KEY) != 0) {
                xs[i] = 0;
                ys[i] = 0;
                continue;
            }
            final long pointerWindow = (long)LONG_LE.get(raw, pointerAt >>> 3) >>> (pointerAt & 7);
            final int pointerEntry = pointerTable[(int)pointerWindow & pointerMask];
            final long pointerBits = pairBits(raw, pointerAt, pointerWindow, pointerEntry);
            pointerAt += pointerEntry >>> POINTER_ENTRY_CONSUMED_SHIFT;
            x += firstOfPair(pointerEntry, pointerBits);
            y += secondOfPair(pointerEntry, pointerBits);
            xs[i] = x;
            ys[i] = y;
        }
        positions[0] = timeAt;
        positions[1] = pointerAt;
    }

    /**
     * {@link #decodeTimeAndPointer} for version 3 blocks: the TIME symbol of an event after a press is looked up
     * in the second half of {@code timeTable} ({@link ColumnCoding#TIME_CONTEXT_OFFSET}), and the POINTER symbols
     * give each component's magnitude and whether its sign flips from the previous non-zero one's
     * ({@link ColumnCoding#RELATIVE_SIDE}). Same parameters; {@code pointerTable} holds
     * {@link ColumnCoding#RELATIVE_POINTER_ENTRY_PAYLOADS} entries.
     */
    static void decodeTimeAndRelativePointer(
        final byte[] raw, final int[] positions, final int[] timeTable, final int timeMask, final int[] pointerTable,
        final int pointerMask, final EventBatch out, final int count, final byte[] kinds) {
        // A copy of decodeTimeAndPointer but for the last lines: one loop per version keeps each loop's state in
        // registers, where a test of the version per event would not.
        final long[] ts = out.timestampColumn();
        final int[] xs = out.xColumn();
        final int[] ys = out.yColumn();
        int timeAt = positions[0];
        int pointerAt = positions[1];
        int x = 0;
        int y = 0;
        // TIME_CONTEXT_OFFSET after a press, else 0.
        int timeContext = 0;
        // 0 while the component's last non-zero delta was positive, -1 while it was negative.
        int signX = 0;
        int signY = 0;
        for (int i = 0; i < count; i++) {
            final long timeWindow = (long)LONG_LE.get(raw, timeAt >>> 3) >>> (timeAt & 7);
            final int timeEntry = timeTable[(int)timeWindow & timeMask | timeContext];
            timeContext = timeEntry & TIME_CONTEXT_OFFSET;
            final int timeSymbolAt = timeAt;
            timeAt += timeEntry & TIME_ENTRY_CONSUMED_MASK;
            long delta = timeEntry >> TIME_ENTRY_DELTA_SHIFT;
            if ((timeEntry & TIME_ENTRY_HAS_EXTRA) != 0) {
                delta = deltaWithExtraBits(raw, timeSymbolAt, timeWindow, timeEntry);
            }
            ts[i] = delta;
            kinds[i] = (byte)((timeEntry >>> TIME_ENTRY_KIND_SHIFT) & KIND_MASK);
            if ((timeEntry & TIME_ENTRY_IS_KEY) != 0) {
                xs[i] = 0;
                ys[i] = 0;
                continue;
            }
            final long pointerWindow = (long)LONG_LE.get(raw, pointerAt >>> 3) >>> (pointerAt & 7);
            final int pointerEntry = pointerTable[(int)pointerWindow & pointerMask];
            final long pointerBits = pairBits(raw, pointerAt, pointerWindow, pointerEntry);
            pointerAt += pointerEntry >>> POINTER_ENTRY_CONSUMED_SHIFT;
            signX ^= pointerEntry << (Integer.SIZE - 1 - POINTER_ENTRY_FLIP_X_BIT) >> (Integer.SIZE - 1);
            signY ^= pointerEntry << (Integer.SIZE - 1 - POINTER_ENTRY_FLIP_Y_BIT) >> (Integer.SIZE - 1);
            x += (firstMagnitude(pointerEntry, pointerBits) ^ signX) - signX;
            y += (secondMagnitude(pointerEntry, pointerBits) ^ signY) - signY;
            xs[i] = x;
            ys[i] = y;
        }
        positions[0] = timeAt;
        positions[1] = pointerAt;
    }

    /**
     * The time delta of a TIME symbol with extra bits (|delta| of 512 ticks or more): rare, so out of the loops.
     *
     * @param raw      the column section, padded.
     * @param at       the symbol's bit position.
     * @param window   the bits from {@code at} on (57 or more).
     * @param entry    its table entry.
     * @return the delta in ticks.
     */
    private static long deltaWithExtraBits(final byte[] raw, final int at, final long window, final int entry) {
        final int length = (entry >>> TIME_ENTRY_LENGTH_SHIFT) & LENGTH_MASK;
        final int extra = (entry & TIME_ENTRY_CONSUMED_MASK) - length;
        final long bits = length + extra <= WINDOW_BITS ? window >>> length : readBits(raw, at + length);
        return ColumnCoding.unZigZag(1L << extra | bits & (1L << extra) - 1);
    }

    /**
     * Lists the events whose kind is not 0 (a plain move), eight kinds at a time: in mouse data seven events in
     * eight are plain moves, so a word of eight kinds holds 0, 1 or 2 others 94% of the time (Balabit). Those two
     * are taken without a branch; a loop over the others of each word mispredicted its exit about once a word.
     *
     * @param kinds  kind per event, readable up to the next multiple of eight past {@code count}.
     * @param count  events.
     * @param others out: {@code index << 3 | kind} per listed event, in order; one more entry than listed is
     *               written, so it needs {@code count + 1} entries.
     * @return how many were listed.
     */
    static int listOthers(final byte[] kinds, final int count, final int[] others) {
        int otherCount = 0;
        int word = 0;
        for (final int fullWords = count & -Long.BYTES; word < fullWords; word += Long.BYTES) {
            otherCount = listEight((long)LONG_LE.get(kinds, word), word, others, otherCount);
        }
        if (word < count) {
            final long tail = (long)LONG_LE.get(kinds, word) & -1L >>> (Long.SIZE - Byte.SIZE * (count - word));
            otherCount = listEight(tail, word, others, otherCount);
        }
        return otherCount;
    }

    private static int listEight(final long kindsOfEight, final int word, final int[] others, final int listed) {
        long eight = kindsOfEight;
        int n = listed;
        // Twice without a branch: with no kind left the shift is 64 (no shift at all in Java), the entry written
        // is past the list and n does not move.
        int shift = Long.numberOfTrailingZeros(eight) & -Byte.SIZE;
        others[n] = (word + (shift >>> 3)) << OTHER_KIND_BITS | (int)(eight >>> shift) & KIND_MASK;
        n += (int)((eight | -eight) >>> (Long.SIZE - 1));
        eight &= ~(0xFFL << shift);
        shift = Long.numberOfTrailingZeros(eight) & -Byte.SIZE;
        others[n] = (word + (shift >>> 3)) << OTHER_KIND_BITS | (int)(eight >>> shift) & KIND_MASK;
        n += (int)((eight | -eight) >>> (Long.SIZE - 1));
        eight &= ~(0xFFL << shift);
        while (eight != 0) {
            shift = Long.numberOfTrailingZeros(eight) & -Byte.SIZE;
            others[n++] = (word + (shift >>> 3)) << OTHER_KIND_BITS | (int)(eight >>> shift) & KIND_MASK;
            eight &= ~(0xFFL << shift);
        }
        return n;
    }

    /**
     * Reads the BUTTONS stream for the events {@link #decodeTimeAndPointer} listed as not plain moves, and fills
     * the buttons column of the plain moves: each holds the mask of the last move that changed it (kind 6).
     *
     * @param raw          the column section, padded as for {@link #decodeTimeAndPointer}.
     * @param positions    in and out: at index 2, the bit position of the BUTTONS stream after its table.
     * @param buttonTable  BUTTONS table entries ({@link ColumnCoding#BUTTON_ENTRY_PAYLOADS}); a one-entry table of
     *                     0 when the block has no BUTTONS stream (the caller then rejects a block that needs it).
     * @param buttonMask   mask applied before a lookup.
     * @param others       the list {@link #listOthers} made.
     * @param otherCount   its length.
     * @param values       out: per listed event, its BUTTONS value (0 when its kind has none).
     * @param buttons      out: the buttons column, every event but the listed ones.
     * @param count        events.
     * @return bit {@code 1 << kind} for each kind listed.
     */
    static int decodeButtons(
        final byte[] raw, final int[] positions, final int[] buttonTable, final int buttonMask, final int[] others,
        final int otherCount, final int[] values, final int[] buttons, final int count) {
        // Zero everything in one pass, then fill only the runs with buttons held (drags): filling run by run, in
        // runs of seven events on average, cost more than the pass.
        Arrays.fill(buttons, 0, count, 0);
        // Unlike the main loop, this one has registers to spare, and keeps a window of bits: a symbol then waits
        // for the last one's shift of the window, not for a load at its bit position (14 cycles to 9 or so).
        int at = positions[2];
        long window = (long)LONG_LE.get(raw, at >>> 3) >>> (at & 7);
        int available = Long.SIZE - (at & 7);
        int held = 0;
        int filled = 0;
        int seen = 0;
        for (int o = 0; o < otherCount; o++) {
            final int other = others[o];
            final int kind = other & KIND_MASK;
            seen |= 1 << kind;
            if (available < MAX_VALUE_BITS) {
                window = (long)LONG_LE.get(raw, at >>> 3) >>> (at & 7);
                available = Long.SIZE - (at & 7);
            }
            // Branch-free for wheel and key events (a quarter of the list, mixed with clicks at random): the
            // lookup runs for them too, on bits it then does not consume.
            final int needed = -(BUTTON_KINDS >>> kind & 1);
            final int entry = buttonTable[(int)window & buttonMask];
            final int value = windowValue(window, entry) & needed;
            final int consumed = valueBits(entry) & needed;
            window >>>= consumed;
            available -= consumed;
            at += consumed;
            if (kind == KIND_MOVE_BUTTONS_CHANGED) {
                final int index = other >>> OTHER_KIND_BITS;
                if (held != 0) {
                    Arrays.fill(buttons, filled, index, held);
                }
                held = value;
                filled = index;
            }
            values[o] = value;
        }
        if (held != 0) {
            Arrays.fill(buttons, filled, count, held);
        }
        positions[2] = at;
        return seen;
    }

    /**
     * Reads the KEYS stream for the listed key events: per event a key then a modifier mask, each a value
     * entry as for BUTTONS.
     *
     * @param raw           the column section, padded as for {@link #decodeTimeAndPointer}.
     * @param positions     in and out: at index 4, the bit position of the KEYS stream after its two tables.
     * @param keyTable      key table entries ({@link ColumnCoding#KEY_ENTRY_PAYLOADS}).
     * @param keyMask       mask applied before a key lookup.
     * @param modifierTable modifier table entries ({@link ColumnCoding#MODIFIER_ENTRY_PAYLOADS}).
     * @param modifierMask  mask applied before a modifier lookup.
     * @param others        the list {@link #listOthers} made.
     * @param otherCount    its length.
     * @param keys          out: key of the key events.
     * @param modifiers     out: modifier mask of the key events.
     * @return the index of the first key event, or -1.
     */
    static int decodeKeys(
        final byte[] raw, final int[] positions, final int[] keyTable, final int keyMask, final int[] modifierTable,
        final int modifierMask, final int[] others, final int otherCount, final int[] keys, final int[] modifiers) {
        // A window of bits, as in decodeButtons; refilled at the bit position when it may not hold a whole code.
        int at = positions[4];
        long window = 0;
        int available = 0;
        int first = -1;
        for (int o = 0; o < otherCount; o++) {
            final int other = others[o];
            if (((other & KIND_MASK) - KEY_DOWN) >>> 1 != 0) {
                continue;
            }
            final int index = other >>> OTHER_KIND_BITS;
            first = first < 0 ? index : first;
            if (available < MAX_VALUE_BITS) {
                window = (long)LONG_LE.get(raw, at >>> 3) >>> (at & 7);
                available = Long.SIZE - (at & 7);
            }
            final int keyEntry = keyTable[(int)window & keyMask];
            keys[index] = windowValue(window, keyEntry);
            final int keyBits = valueBits(keyEntry);
            window >>>= keyBits;
            available -= keyBits;
            at += keyBits;
            if (available < MAX_VALUE_BITS) {
                window = (long)LONG_LE.get(raw, at >>> 3) >>> (at & 7);
                available = Long.SIZE - (at & 7);
            }
            final int modifierEntry = modifierTable[(int)window & modifierMask];
            modifiers[index] = windowValue(window, modifierEntry);
            final int modifierBits = valueBits(modifierEntry);
            window >>>= modifierBits;
            available -= modifierBits;
            at += modifierBits;
        }
        positions[4] = at;
        return first;
    }

    /**
     * Reads the WHEEL stream for the listed wheel events: (dx, dy) pairs coded as POINTER deltas are.
     *
     * @param raw        the column section, padded as for {@link #decodeTimeAndPointer}.
     * @param positions  in and out: at index 3, the bit position of the WHEEL stream after its table.
     * @param table      WHEEL table entries ({@link ColumnCoding#POINTER_ENTRY_PAYLOADS}).
     * @param mask       mask applied before a lookup.
     * @param others     the list {@link #listOthers} made.
     * @param otherCount its length.
     * @param dxs        out: wheel dx of the wheel events.
     * @param dys        out: wheel dy of the wheel events.
     * @return the index of the first wheel event, or -1.
     */
    static int decodeWheel(
        final byte[] raw, final int[] positions, final int[] table, final int mask, final int[] others,
        final int otherCount, final int[] dxs, final int[] dys) {
        int at = positions[3];
        int first = -1;
        for (int o = 0; o < otherCount; o++) {
            final int other = others[o];
            if ((other & KIND_MASK) != WHEEL) {
                continue;
            }
            final int index = other >>> OTHER_KIND_BITS;
            first = first < 0 ? index : first;
            final long window = (long)LONG_LE.get(raw, at >>> 3) >>> (at & 7);
            final int entry = table[(int)window & mask];
            final long bits = pairBits(raw, at, window, entry);
            at += entry >>> POINTER_ENTRY_CONSUMED_SHIFT;
            dxs[index] = firstOfPair(entry, bits);
            dys[index] = secondOfPair(entry, bits);
        }
        positions[3] = at;
        return first;
    }

    /**
     * @param others     the list {@link #listOthers} made.
     * @param otherCount its length.
     * @return bit {@code 1 << kind} for each kind listed.
     */
    static int kindsOf(final int[] others, final int otherCount) {
        int seen = 0;
        for (int o = 0; o < otherCount; o++) {
            seen |= 1 << (others[o] & KIND_MASK);
        }
        return seen;
    }

    /**
     * Writes the listed events' types (for a block without BUTTONS stream; else {@link #scatterOthers}).
     *
     * @param others     the list.
     * @param otherCount its length.
     * @param types      the type column: plain moves already 0.
     */
    static void scatterTypes(final int[] others, final int otherCount, final byte[] types) {
        for (int o = 0; o < otherCount; o++) {
            types[others[o] >>> OTHER_KIND_BITS] = TYPE_OF_KIND[others[o] & KIND_MASK];
        }
    }

    /**
     * Writes the listed events' types and buttons (after {@link #decodeButtons}).
     *
     * @param others     the list.
     * @param otherCount its length.
     * @param values     their BUTTONS values.
     * @param types      the type column: plain moves already 0.
     * @param buttons    the buttons column.
     */
    static void scatterOthers(final int[] others, final int otherCount, final int[] values, final byte[] types,
        final int[] buttons) {
        for (int o = 0; o < otherCount; o++) {
            final int other = others[o];
            final int index = other >>> OTHER_KIND_BITS;
            buttons[index] = values[o];
            types[index] = TYPE_OF_KIND[other & KIND_MASK];
        }
    }

    /**
     * Turns the time deltas {@link #decodeTimeAndPointer} left in the timestamp column into timestamps.
     *
     * @param ts     the column: deltas in ticks in, timestamps out.
     * @param count  events.
     * @param first  the block's first timestamp.
     * @param tick   the block's tick.
     * @param minMax out: the smallest and largest timestamp.
     * @return true when the timestamps are known never to decrease (false: they may).
     */
    static boolean sumTimes(final long[] ts, final int count, final long first, final long tick,
        final long[] minMax) {
        long previous = first;
        long deltaBits = 0;
        for (int i = 0; i < count; i++) {
            final long delta = ts[i];
            deltaBits |= delta;
            previous += delta * tick;
            ts[i] = previous;
        }
        if (neverDecrease(deltaBits, count, first, tick)) {
            minMax[0] = ts[0];
            minMax[1] = previous;
            return true;
        }
        minAndMax(ts, count, minMax);
        return false;
    }

    /**
     * {@link #sumTimes} for a block on a clock lattice ({@link ClockLattice}): within each segment, after its first
     * event, the column holds periods since the event before, and timestamps are taken from the clock; elsewhere
     * deltas in ticks.
     *
     * @param ts     the column: deltas in, timestamps out.
     * @param count  events.
     * @param first  the block's first timestamp.
     * @param tick   the block's tick.
     * @param clock  the block's lattice, checked ({@link ClockLattice#read}).
     * @param minMax out: the smallest and largest timestamp.
     * @return whether the timestamps are exact and never decrease: no delta is negative, no segment's
     *     {@code phase + K * period} overflows, nor any timestamp (false: they are not to be trusted, and no
     *     encoder writes such a block).
     */
    static boolean sumTimesOnClock(final long[] ts, final int count, final long first, final long tick,
        final ClockLattice clock, final long[] minMax) {
        final long period = clock.period();
        final long mostPeriods = (Long.MAX_VALUE - (1L << ClockLattice.FRACTION_BITS)) / period;
        long previous = first;
        long deltaBits = 0;
        long rawTicks = 0;
        long clockTicks = 0;
        boolean isOverflow = false;
        int i = 0;
        for (int s = 0, segments = clock.segmentCount(); s < segments; s++) {
            for (final int start = clock.start(s); i <= start; i++) {
                final long delta = ts[i];
                deltaBits |= delta;
                rawTicks += delta;
                previous += delta * tick;
                ts[i] = previous;
            }
            final long anchor = previous;
            long periods = 0;
            // phase + periods * period: the clock's position in 2^-32 ticks past the anchor
            long position = clock.phase(s);
            for (final int end = clock.end(s); i < end; i++) {
                final long delta = ts[i];
                deltaBits |= delta;
                periods += delta;
                position += delta * period;
                ts[i] = anchor + (position >>> ClockLattice.FRACTION_BITS) * tick;
            }
            previous = ts[i - 1];
            // Periods only grow when no delta is negative (checked below), so the last is the largest.
            isOverflow |= periods > mostPeriods;
            clockTicks += position >>> ClockLattice.FRACTION_BITS;
        }
        for (; i < count; i++) {
            final long delta = ts[i];
            deltaBits |= delta;
            rawTicks += delta;
            previous += delta * tick;
            ts[i] = previous;
        }
        minMax[0] = ts[0];
        minMax[1] = previous;
        return isClockSound(deltaBits, count, first, tick, isOverflow, rawTicks, clockTicks);
    }

    /**
     * What {@link #sumTimesOnClock} checks, without building the timestamps: for the encoder, which uses a clock
     * only where a decoder will take it. (The timestamps themselves are exact by construction: the segment's phase
     * is one that floors to every timestamp of it, {@link ClockLattice}.)
     *
     * @param deltas per event, as {@link ClockLattice#fit} leaves them.
     * @param count  events.
     * @param first  the first timestamp, ns.
     * @param tick   the tick, ns.
     * @param clock  the lattice the deltas are on.
     * @return whether a decoder will take these deltas.
     */
    static boolean isClockSound(final long[] deltas, final int count, final long first, final long tick,
        final ClockLattice clock) {
        final long period = clock.period();
        final long mostPeriods = (Long.MAX_VALUE - (1L << ClockLattice.FRACTION_BITS)) / period;
        long deltaBits = 0;
        long rawTicks = 0;
        long clockTicks = 0;
        boolean isOverflow = false;
        int i = 0;
        for (int s = 0, segments = clock.segmentCount(); s < segments; s++) {
            for (final int start = clock.start(s); i <= start; i++) {
                deltaBits |= deltas[i];
                rawTicks += deltas[i];
            }
            long periods = 0;
            for (final int end = clock.end(s); i < end; i++) {
                deltaBits |= deltas[i];
                periods += deltas[i];
            }
            isOverflow |= periods > mostPeriods;
            clockTicks += (clock.phase(s) + periods * period) >>> ClockLattice.FRACTION_BITS;
        }
        for (; i < count; i++) {
            deltaBits |= deltas[i];
            rawTicks += deltas[i];
        }
        return isClockSound(deltaBits, count, first, tick, isOverflow, rawTicks, clockTicks);
    }

    /**
     * With every delta below 2^63 / count no sum of them wraps, and each segment adds under 2^31 ticks; then the
     * last timestamp is {@code first + (rawTicks + clockTicks) * tick}, which must fit a long.
     */
    private static boolean isClockSound(final long deltaBits, final int count, final long first, final long tick,
        final boolean isOverflow, final long rawTicks, final long clockTicks) {
        final long mostTicks = (Long.MAX_VALUE - Math.max(first, 0)) / tick;
        return deltaBits >= 0 && deltaBits <= Long.MAX_VALUE / count && !isOverflow && rawTicks <= mostTicks
            && clockTicks <= mostTicks - rawTicks;
    }

    /**
     * Counts the events of each type from the list of those that are not plain moves ({@link #listOthers}): the
     * rest are moves. One pass over the list, not over the block.
     *
     * @param others     the listed events, {@code index << 3 | kind}.
     * @param otherCount how many were listed.
     * @param count      events in the block.
     * @param counts     out: events per type code ({@link EventType#COUNT} entries).
     */
    static void countTypes(final int[] others, final int otherCount, final int count, final int[] counts) {
        Arrays.fill(counts, 0);
        for (int o = 0; o < otherCount; o++) {
            counts[TYPE_OF_KIND[others[o] & KIND_MASK]]++;
        }
        counts[EventType.MOVE.code()] = count - (otherCount - counts[EventType.MOVE.code()]);
    }

    /**
     * Whether timestamps summed from these deltas can be told ordered without comparing them: no delta is
     * negative, and {@code first + count * deltaBits * tick} (more than their sum, as {@code deltaBits}, the OR of
     * the deltas, is at least each) does not overflow, so no step wraps around. Mouse and key data always are;
     * a block with a step back in time, or with extreme timestamps, takes {@link #minAndMax}.
     */
    private static boolean neverDecrease(final long deltaBits, final int count, final long first, final long tick) {
        if (deltaBits < 0 || deltaBits > Long.MAX_VALUE / tick / count) {
            return false;
        }
        return first <= Long.MAX_VALUE - deltaBits * tick * count;
    }

    private static void minAndMax(final long[] ts, final int count, final long[] minMax) {
        // Two events per iteration with two minimum and two maximum chains: each compare then waits for the one
        // two events back, not the one before.
        long min0 = Long.MAX_VALUE;
        long min1 = Long.MAX_VALUE;
        long max0 = Long.MIN_VALUE;
        long max1 = Long.MIN_VALUE;
        int i = 0;
        for (; i + 1 < count; i += 2) {
            min0 = Math.min(min0, ts[i]);
            max0 = Math.max(max0, ts[i]);
            min1 = Math.min(min1, ts[i + 1]);
            max1 = Math.max(max1, ts[i + 1]);
        }
        if (i < count) {
            min0 = Math.min(min0, ts[i]);
            max0 = Math.max(max0, ts[i]);
        }
        minMax[0] = Math.min(min0, min1);
        minMax[1] = Math.max(max0, max1);
    }

    /**
     * The value of a BUTTONS, KEYS or MODIFIERS code at the start of a window that holds it whole
     * ({@link ColumnCoding#valuePayloads}).
     *
     * @param window the bits from the code on, at least {@link #MAX_VALUE_BITS}.
     * @param entry  the code's table entry.
     * @return the value: from the entry, or 1 << extra | the extra bits after the code.
     */
    private static int windowValue(final long window, final int entry) {
        final int extra = (entry >>> ENTRY_EXTRA_SHIFT) & EXTRA_MASK;
        if (extra == 0) {
            return entry >>> VALUE_ENTRY_VALUE_SHIFT;
        }
        return (int)(1L << extra | window >>> (entry & LENGTH_MASK) & (1L << extra) - 1);
    }

    /** Bits a value code takes with its extra bits. */
    private static int valueBits(final int entry) {
        return (entry & LENGTH_MASK) + ((entry >>> ENTRY_EXTRA_SHIFT) & EXTRA_MASK);
    }

    /**
     * The extra bits after a POINTER or WHEEL code: dx's then dy's, lowest first.
     *
     * @param raw    the column section, padded.
     * @param at     the code's bit position.
     * @param window the bits from {@code at} on (57 or more).
     * @param entry  the code's table entry.
     * @return the bits after the code.
     */
    private static long pairBits(final byte[] raw, final int at, final long window, final int entry) {
        final int length = entry & LENGTH_MASK;
        return entry >>> POINTER_ENTRY_CONSUMED_SHIFT <= WINDOW_BITS
            ? window >>> length
            : readBits(raw, at + length);
    }

    /** dx (or the wheel's) of a POINTER or WHEEL entry, from {@link #pairBits}. */
    private static int firstOfPair(final int entry, final long bits) {
        final int classX = (entry >>> POINTER_ENTRY_CLASS_X_SHIFT) & POINTER_CLASS_MASK_BITS;
        return unZigZag(POINTER_CLASS_BASE[classX] | ((int)bits & POINTER_CLASS_MASK[classX]));
    }

    /** |dx| of a version 3 POINTER entry, from {@link #pairBits}. */
    private static int firstMagnitude(final int entry, final long bits) {
        final int classX = (entry >>> POINTER_ENTRY_CLASS_X_SHIFT) & POINTER_CLASS_MASK_BITS;
        return POINTER_CLASS_BASE[classX] | ((int)bits & POINTER_CLASS_MASK[classX]);
    }

    /** |dy| of a version 3 POINTER entry: its bits follow dx's extra bits. */
    private static int secondMagnitude(final int entry, final long bits) {
        final int extraX = (entry >>> POINTER_ENTRY_EXTRA_X_SHIFT) & POINTER_ENTRY_EXTRA_X_MASK;
        final int classY = (entry >>> POINTER_ENTRY_CLASS_Y_SHIFT) & POINTER_CLASS_MASK_BITS;
        return POINTER_CLASS_BASE[classY] | ((int)(bits >>> extraX) & POINTER_CLASS_MASK[classY]);
    }

    /** dy of a POINTER or WHEEL entry: its bits follow dx's extra bits. */
    private static int secondOfPair(final int entry, final long bits) {
        final int extraX = (entry >>> POINTER_ENTRY_EXTRA_X_SHIFT) & POINTER_ENTRY_EXTRA_X_MASK;
        final int classY = (entry >>> POINTER_ENTRY_CLASS_Y_SHIFT) & POINTER_CLASS_MASK_BITS;
        return unZigZag(POINTER_CLASS_BASE[classY] | ((int)(bits >>> extraX) & POINTER_CLASS_MASK[classY]));
    }

    private static int unZigZag(final int zigZag) {
        return (zigZag >>> 1) ^ -(zigZag & 1);
    }

    /**
     * The 64 bits from a bit position on, for the rare value wider than one load holds (more than 57 bits with
     * its code).
     *
     * @param raw         the buffer, readable nine bytes past the position's byte.
     * @param bitPosition the first bit.
     * @return the bits, lowest first.
     */
    private static long readBits(final byte[] raw, final int bitPosition) {
        final int at = bitPosition >>> 3;
        final int skip = bitPosition & 7;
        final long low = (long)LONG_LE.get(raw, at) >>> skip;
        return skip == 0 ? low : low | (long)(raw[at + 8] & 0xFF) << (64 - skip);
    }
}
