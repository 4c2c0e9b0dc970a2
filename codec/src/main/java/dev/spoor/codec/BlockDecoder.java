/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import dev.spoor.codec.entropy.BitReader;
import dev.spoor.codec.entropy.HuffmanDecoder;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.agrona.DirectBuffer;

import java.util.Arrays;
import java.util.zip.CRC32C;

import static dev.spoor.codec.BlockLayout.HEADER_LENGTH;
import static dev.spoor.codec.BlockLayout.STREAM_LENGTH_BYTES;
import static dev.spoor.codec.ColumnCoding.BUTTON_VALUE;
import static dev.spoor.codec.ColumnCoding.KEY_VALUE;
import static dev.spoor.codec.ColumnCoding.KIND_MOVE_BUTTONS_CHANGED;
import static dev.spoor.codec.ColumnCoding.MODIFIER_VALUE;
import static dev.spoor.codec.ColumnCoding.PAIR_ALPHABET;
import static dev.spoor.codec.ColumnCoding.TIME_ALPHABET;

/**
 * Checks and decodes blocks written by {@link BlockEncoder} into an {@link EventBatch}.
 *
 * <p>Validation comes before trust: header fields are checked against each other and the bytes available,
 * the CRC32C before anything is decompressed, then every table and stream while decoding, and at the end
 * the decoded events against the header (count, type mask, min and max timestamp). Any failure is a
 * {@link CorruptBlockException}; the batch is then left empty, never holding events of a bad block.
 * Buffers grow only to sizes bounded by {@link BlockLayout#MAX_EVENTS}.
 *
 * <p>Reusable and allocation-free once its buffers have grown; one instance per thread.
 */
public final class BlockDecoder {
    /** Kinds that carry a POINTER value: move, button down and up, wheel, move with new buttons. */
    private static final int POINTER_KINDS = 0b1001111;
    private static final int BUTTON_KINDS = HotColumnLoops.BUTTON_KINDS;
    /** Kinds that carry a KEYS value: key down and up. */
    private static final int KEY_KINDS = 0b0110000;
    private static final int OTHER_KIND_MASK = (1 << HotColumnLoops.OTHER_KIND_BITS) - 1;
    /** Stands in for the table of a stream the block lacks: every lookup reads 0 bits. */
    private static final int[] NO_TABLE = new int[1];
    private final LZ4SafeDecompressor lz4 = LZ4Factory.fastestInstance().safeDecompressor();
    private final CRC32C crc = new CRC32C();
    private final BitReader reader = new BitReader();
    private final BitReader timeReader = new BitReader();
    private final BitReader pointerReader = new BitReader();
    private final HuffmanDecoder buttonCodes =
        new HuffmanDecoder(BUTTON_VALUE.alphabetSize(), ColumnCoding.BUTTON_ENTRY_PAYLOADS);
    private final HuffmanDecoder timeCodes =
        new HuffmanDecoder(TIME_ALPHABET, ColumnCoding.TIME_ENTRY_PAYLOADS, ColumnCoding.TIME_LENGTH_MULTIPLIER);
    /** Version 3: the TIME code for events after a press. */
    private final HuffmanDecoder pressTimeCodes =
        new HuffmanDecoder(TIME_ALPHABET, ColumnCoding.TIME_ENTRY_PAYLOADS, ColumnCoding.TIME_LENGTH_MULTIPLIER);
    /** Version 3: the lookups of both TIME codes, the one after a press at {@link ColumnCoding#TIME_CONTEXT_OFFSET}. */
    private final int[] timeLookups = new int[2 * ColumnCoding.TIME_CONTEXT_OFFSET];
    private final HuffmanDecoder pairPointerCodes =
        new HuffmanDecoder(PAIR_ALPHABET, ColumnCoding.POINTER_ENTRY_PAYLOADS, ColumnCoding.POINTER_LENGTH_MULTIPLIER);
    private final HuffmanDecoder relativePointerCodes = new HuffmanDecoder(ColumnCoding.RELATIVE_PAIR_ALPHABET,
        ColumnCoding.RELATIVE_POINTER_ENTRY_PAYLOADS, ColumnCoding.POINTER_LENGTH_MULTIPLIER);
    private final HuffmanDecoder wheelCodes =
        new HuffmanDecoder(PAIR_ALPHABET, ColumnCoding.POINTER_ENTRY_PAYLOADS, ColumnCoding.POINTER_LENGTH_MULTIPLIER);
    private final HuffmanDecoder keyCodes =
        new HuffmanDecoder(KEY_VALUE.alphabetSize(), ColumnCoding.KEY_ENTRY_PAYLOADS);
    private final HuffmanDecoder modifierCodes =
        new HuffmanDecoder(MODIFIER_VALUE.alphabetSize(), ColumnCoding.MODIFIER_ENTRY_PAYLOADS);
    private byte[] block = new byte[0];
    private byte[] raw = new byte[0];
    private final int[] hotPositions = new int[5];
    /** What {@link HotColumnLoops#sumTimes} found of the block being decoded. */
    private boolean isInTimeOrder;
    /** The BUTTONS value of each listed event. */
    private int[] values = new int[0];
    private final long[] minMax = new long[2];
    /** The clock lattice of a block with {@link BlockLayout#FLAG_CLOCK}; grows with the segments it reads. */
    private final ClockLattice clock = new ClockLattice(BlockLayout.DEFAULT_EVENTS, false);
    /** {@code index << 3 | kind} of each event of the block being decoded that is not a plain move. */
    private int[] others = new int[0];
    /** Kind per event of the block being decoded, with room for an eight-byte read past the last. */
    private byte[] kinds = new byte[Long.BYTES];
    private int otherCount;
    /** Bit {@code 1 << kind} for each kind in the block being decoded. */
    private int kindsSeen;
    private int flags;
    /** True for a version 3 block: compact tables, POINTER signs relative to the previous ones. */
    private boolean isVersion3;
    private int rawLength;
    private int streamPosition;

    /**
     * Checks and decodes one block.
     *
     * @param src    holds the block.
     * @param offset where it starts.
     * @param length bytes available from {@code offset} (at least the block's length).
     * @param out    receives the events; its capacity must be at least the block's event count.
     * @return the block's length in bytes.
     * @throws CorruptBlockException when the block fails any check.
     * @throws IllegalArgumentException when {@code out} is too small for a valid block.
     */
    public int decode(final DirectBuffer src, final int offset, final int length, final EventBatch out) {
        out.clear();
        final int blockLength = copyAndCheck(src, offset, length);
        final int count = ByteArrayAccess.getInt(block, BlockLayout.COUNT_OFFSET);
        if (count > out.capacity()) {
            throw new IllegalArgumentException("batch capacity=" + out.capacity() + " < block eventCount=" + count);
        }
        inflate(count);
        decodeStreams(out, count);
        checkAgainstHeader();
        HotColumnLoops.countTypes(others, otherCount, count, out.decodedTypeCounts());
        out.setDecodedSize(count, isInTimeOrder);
        return blockLength;
    }

    /**
     * Checks a block's header and checksum without decoding its events.
     *
     * @param src    holds the block.
     * @param offset where it starts.
     * @param length bytes available from {@code offset}.
     * @return the block's length in bytes.
     * @throws CorruptBlockException when the header or checksum is wrong.
     */
    public int verify(final DirectBuffer src, final int offset, final int length) {
        return copyAndCheck(src, offset, length);
    }

    private int copyAndCheck(final DirectBuffer src, final int offset, final int length) {
        if (length < HEADER_LENGTH) {
            throw new CorruptBlockException("block length=" + length + " is shorter than the " + HEADER_LENGTH
                + "-byte header", 0);
        }
        ensureBlockCapacity(HEADER_LENGTH);
        src.getBytes(offset, block, 0, HEADER_LENGTH);
        final int storedLength = BlockHeaderCheck.check(block, length);
        flags = ByteArrayAccess.getUnsignedShort(block, BlockLayout.FLAGS_OFFSET);
        isVersion3 = ByteArrayAccess.getUnsignedShort(block, BlockLayout.VERSION_OFFSET) >= BlockLayout.VERSION;
        rawLength = ByteArrayAccess.getInt(block, BlockLayout.RAW_LENGTH_OFFSET);
        final int blockLength = HEADER_LENGTH + storedLength;
        ensureBlockCapacity(blockLength);
        src.getBytes(offset + HEADER_LENGTH, block, HEADER_LENGTH, storedLength);
        final int expected = ByteArrayAccess.getInt(block, BlockLayout.CRC_OFFSET);
        final int actual = BlockChecksum.compute(crc, block, blockLength);
        if (expected != actual) {
            throw new CorruptBlockException("crc32c mismatch: stored=0x" + Integer.toHexString(expected)
                + " computed=0x" + Integer.toHexString(actual), BlockLayout.CRC_OFFSET);
        }
        return blockLength;
    }

    private void inflate(final int count) {
        ensureRawCapacity(rawLength + HotColumnLoops.paddingBytes(count));
        final int storedLength = ByteArrayAccess.getInt(block, BlockLayout.STORED_LENGTH_OFFSET);
        if ((flags & BlockLayout.FLAG_LZ4) == 0) {
            System.arraycopy(block, HEADER_LENGTH, raw, 0, storedLength);
            return;
        }
        final int inflated;
        try {
            inflated = lz4.decompress(block, HEADER_LENGTH, storedLength, raw, 0, rawLength);
        } catch (final LZ4Exception e) {
            throw new CorruptBlockException("LZ4 column section does not decompress: " + e.getMessage(),
                HEADER_LENGTH);
        }
        if (inflated != rawLength) {
            throw new CorruptBlockException("LZ4 column section inflated to " + inflated + " bytes, header says "
                + rawLength, HEADER_LENGTH);
        }
    }

    private void decodeStreams(final EventBatch out, final int count) {
        streamPosition = 0;
        decodeTimeAndPointer(out, count);
        if ((flags & BlockLayout.FLAG_SUBPIXEL) != 0) {
            decodeSubpixel(out, count);
        } else {
            out.zeroFractionColumns(count);
        }
        decodeTypesAndButtons(out, count);
        final boolean hasWheel = (flags & BlockLayout.FLAG_WHEEL) != 0;
        checkStreamPresence(hasWheel, kindsSeen & 1 << EventType.WHEEL.code(), "WHEEL");
        out.zeroWheelColumns(count);
        if (hasWheel) {
            decodeWheel(out);
        }
        final boolean hasKeys = (flags & BlockLayout.FLAG_KEYS) != 0;
        checkStreamPresence(hasKeys, kindsSeen & KEY_KINDS, "KEYS");
        out.zeroKeyColumns(count);
        if (hasKeys) {
            decodeKeys(out);
        }
        if (streamPosition != rawLength) {
            throw new CorruptBlockException("column section has " + (rawLength - streamPosition)
                + " bytes after its last stream", HEADER_LENGTH + streamPosition);
        }
    }

    private static void checkStreamPresence(final boolean isPresent, final int neededBy, final String name) {
        if (isPresent != (neededBy != 0)) {
            throw new CorruptBlockException(name + " stream " + (isPresent ? "present but no event needs it"
                : "absent but events need it"), BlockLayout.FLAGS_OFFSET);
        }
    }

    /** Positions the reader on the next stream of the column section. */
    private BitReader openStream(final BitReader reader, final String name) {
        final int lengthAt = streamPosition;
        if (lengthAt + STREAM_LENGTH_BYTES > rawLength) {
            throw new CorruptBlockException(name + " stream length prefix at raw offset " + lengthAt
                + " runs past the " + rawLength + "-byte column section", HEADER_LENGTH);
        }
        final int length = ByteArrayAccess.getInt(raw, lengthAt);
        final int start = lengthAt + STREAM_LENGTH_BYTES;
        if (length < 0 || length > rawLength - start) {
            throw new CorruptBlockException(name + " stream length=" + length + " at raw offset " + lengthAt
                + " exceeds the " + (rawLength - start) + " bytes left", HEADER_LENGTH);
        }
        streamPosition = start + length;
        return reader.wrap(raw, start, start + length, name);
    }

    private void decodeTimeAndPointer(final EventBatch out, final int count) {
        final BitReader time = openStream(timeReader, "TIME");
        final long first = time.readLong(64);
        final long tick = time.readLong(64);
        if (tick < 1) {
            throw time.corrupt("tick=" + tick + " must be positive");
        }
        final boolean isClock = (flags & BlockLayout.FLAG_CLOCK) != 0;
        if (isClock) {
            clock.read(time, count);
        }
        final int timeMask;
        final int[] timeTable;
        if (isVersion3) {
            timeMask = readTimeCodesByContext(time, count);
            timeTable = timeLookups;
        } else {
            timeCodes.readTable(time, "TIME", false);
            checkNotEmpty(time, count);
            timeMask = timeCodes.tableMask();
            timeTable = timeCodes.table();
        }
        hotPositions[0] = time.bitPosition();
        final boolean hasPointer = (flags & BlockLayout.FLAG_POINTER) != 0;
        final BitReader pointer = hasPointer ? openStream(pointerReader, "POINTER") : null;
        final HuffmanDecoder pointerCodes = isVersion3 ? relativePointerCodes : pairPointerCodes;
        if (hasPointer) {
            pointerCodes.readTable(pointer, "POINTER", isVersion3);
            if (pointerCodes.isEmpty()) {
                throw pointer.corrupt("POINTER table is empty");
            }
            hotPositions[1] = pointer.bitPosition();
        } else {
            hotPositions[1] = 0;
        }
        if (others.length <= count) {
            others = new int[count + 1];
            kinds = new byte[count + Long.BYTES];
        }
        final int[] pointerTable = hasPointer ? pointerCodes.table() : NO_TABLE;
        final int pointerMask = hasPointer ? pointerCodes.tableMask() : 0;
        if (isVersion3) {
            HotColumnLoops.decodeTimeAndRelativePointer(raw, hotPositions, timeTable, timeMask, pointerTable,
                pointerMask, out, count, kinds);
        } else {
            HotColumnLoops.decodeTimeAndPointer(raw, hotPositions, timeTable, timeMask, pointerTable, pointerMask,
                out, count, kinds);
        }
        time.checkFullyConsumed(hotPositions[0]);
        if (isClock) {
            if (!HotColumnLoops.sumTimesOnClock(out.timestampColumn(), count, first, tick, clock, minMax)) {
                throw time.corrupt("clock deltas are negative or overflow a timestamp");
            }
            isInTimeOrder = true;
        } else {
            isInTimeOrder = HotColumnLoops.sumTimes(out.timestampColumn(), count, first, tick, minMax);
        }
        otherCount = HotColumnLoops.listOthers(kinds, count, others);
        if (hasPointer) {
            pointer.checkFullyConsumed(hotPositions[1]);
        }
    }

    /**
     * Reads a version 3 block's two TIME tables and lays out their lookups side by side, both as wide as the wider
     * one. A block where no event follows a press has no table for that context; its half then repeats the other,
     * which no event of a sound block reads.
     *
     * @return the mask for a lookup in {@link #timeLookups}.
     */
    private int readTimeCodesByContext(final BitReader time, final int count) {
        timeCodes.readCodeLengths(time, "TIME", true);
        checkNotEmpty(time, count);
        pressTimeCodes.readCodeLengths(time, "TIME after a press", true);
        final HuffmanDecoder afterPress = pressTimeCodes.isEmpty() ? timeCodes : pressTimeCodes;
        final int size = Math.max(timeCodes.tableMask(), afterPress.tableMask()) + 1;
        timeCodes.fill(timeLookups, 0, size);
        afterPress.fill(timeLookups, ColumnCoding.TIME_CONTEXT_OFFSET, size);
        return size - 1;
    }

    private void checkNotEmpty(final BitReader time, final int count) {
        if (timeCodes.isEmpty()) {
            throw time.corrupt("TIME table is empty for " + count + " events");
        }
    }

    /**
     * Fractions of the coordinates (versions 2 and 3): either the POINTER stream held them scaled by 2^bits, and each
     * coordinate splits into whole pixels and a fraction, or they follow raw, bits per coordinate.
     */
    private void decodeSubpixel(final EventBatch out, final int count) {
        final BitReader r = openStream(reader, "SUBPIXEL");
        final int bits = (int)r.read(BlockLayout.SUBPIXEL_BITS_WIDTH);
        if (bits < 1 || bits > SubPixel.FRACTION_BITS) {
            throw r.corrupt("fraction bits=" + bits + " outside 1.." + SubPixel.FRACTION_BITS);
        }
        final boolean isSeparate = r.read(1) != 0;
        final int shift = SubPixel.FRACTION_BITS - bits;
        final int[] xs = out.xColumn();
        final int[] ys = out.yColumn();
        final byte[] xFractions = out.xFractionColumn();
        final byte[] yFractions = out.yFractionColumn();
        if (isSeparate) {
            for (int i = 0; i < count; i++) {
                final boolean isPointer = (POINTER_KINDS & 1 << kinds[i]) != 0;
                xFractions[i] = isPointer ? (byte)(r.read(bits) << shift) : 0;
                yFractions[i] = isPointer ? (byte)(r.read(bits) << shift) : 0;
            }
        } else {
            final int mask = (1 << bits) - 1;
            for (int i = 0; i < count; i++) {
                xFractions[i] = (byte)((xs[i] & mask) << shift);
                yFractions[i] = (byte)((ys[i] & mask) << shift);
                xs[i] >>= bits;
                ys[i] >>= bits;
            }
        }
        r.checkFullyConsumed();
        out.fractionColumnsWrittenFrom(0);
    }

    /**
     * Types and held buttons, from the events that are not plain moves: a plain move has type MOVE and the
     * buttons of the last move that changed them.
     */
    private void decodeTypesAndButtons(final EventBatch out, final int count) {
        final boolean hasButtons = (flags & BlockLayout.FLAG_BUTTONS) != 0;
        final byte[] types = out.typeColumn();
        final int[] buttons = out.buttonsColumn();
        Arrays.fill(types, 0, count, (byte)0);
        if (!hasButtons) {
            // No clicks or drag changes: every button field is 0 (key-only blocks skip the BUTTONS pass whole).
            kindsSeen = HotColumnLoops.kindsOf(others, otherCount) | (otherCount < count ? 1 : 0);
            checkPointerAndButtonStreams(false);
            Arrays.fill(buttons, 0, count, 0);
            HotColumnLoops.scatterTypes(others, otherCount, types);
            return;
        }
        final BitReader r = openStream(reader, "BUTTONS");
        buttonCodes.readTable(r, "BUTTONS", isVersion3);
        hotPositions[2] = r.bitPosition();
        if (values.length < otherCount) {
            values = new int[others.length];
        }
        final boolean usable = !buttonCodes.isEmpty();
        kindsSeen = HotColumnLoops.decodeButtons(raw, hotPositions, usable ? buttonCodes.table() : NO_TABLE,
            usable ? buttonCodes.tableMask() : 0, others, otherCount, values, buttons, count);
        kindsSeen |= otherCount < count ? 1 : 0;
        checkPointerAndButtonStreams(true);
        if (!usable) {
            throw r.corrupt("BUTTONS table is empty but events need a value");
        }
        r.checkFullyConsumed(hotPositions[2]);
        HotColumnLoops.scatterOthers(others, otherCount, values, types, buttons);
    }

    private void checkPointerAndButtonStreams(final boolean hasButtons) {
        checkStreamPresence((flags & BlockLayout.FLAG_POINTER) != 0, kindsSeen & POINTER_KINDS, "POINTER");
        checkStreamPresence(hasButtons, kindsSeen & BUTTON_KINDS, "BUTTONS");
    }

    private void decodeWheel(final EventBatch out) {
        final BitReader r = openStream(reader, "WHEEL");
        wheelCodes.readTable(r, "WHEEL", isVersion3);
        if (wheelCodes.isEmpty()) {
            throw r.corrupt("WHEEL table is empty but wheel events need values");
        }
        hotPositions[3] = r.bitPosition();
        final int first = HotColumnLoops.decodeWheel(raw, hotPositions, wheelCodes.table(), wheelCodes.tableMask(),
            others, otherCount, out.wheelDxColumn(), out.wheelDyColumn());
        r.checkFullyConsumed(hotPositions[3]);
        out.wheelColumnsWrittenFrom(first);
    }

    private void decodeKeys(final EventBatch out) {
        final BitReader r = openStream(reader, "KEYS");
        keyCodes.readTable(r, "KEYS", isVersion3);
        modifierCodes.readTable(r, "MODIFIERS", isVersion3);
        if (keyCodes.isEmpty() || modifierCodes.isEmpty()) {
            throw r.corrupt((keyCodes.isEmpty() ? "KEYS" : "MODIFIERS") + " table is empty but key events need values");
        }
        hotPositions[4] = r.bitPosition();
        final int first = HotColumnLoops.decodeKeys(raw, hotPositions, keyCodes.table(), keyCodes.tableMask(),
            modifierCodes.table(), modifierCodes.tableMask(), others, otherCount, out.keyColumn(),
            out.modifiersColumn());
        r.checkFullyConsumed(hotPositions[4]);
        out.keyColumnsWrittenFrom(first);
    }

    private void checkAgainstHeader() {
        int typeMask = kindsSeen & (1 << EventType.COUNT) - 1;
        typeMask |= (kindsSeen & 1 << KIND_MOVE_BUTTONS_CHANGED) != 0 ? EventType.MOVE.maskBit() : 0;
        BlockHeaderCheck.checkDecoded(block, minMax[0], minMax[1], typeMask);
    }

    private void ensureBlockCapacity(final int length) {
        if (block.length < length) {
            final int doubled = Math.min(2 * block.length, BlockLayout.maxBlockLength(BlockLayout.MAX_EVENTS));
            block = Arrays.copyOf(block, Math.max(length, doubled));
        }
    }

    private void ensureRawCapacity(final int length) {
        if (raw.length < length) {
            raw = new byte[length];
        }
    }
}
