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
import static dev.spoor.codec.ColumnCoding.PAIR_SIDE;
import static dev.spoor.codec.ColumnCoding.SIGNED_SMALL;
import static dev.spoor.codec.ColumnCoding.TIME_ALPHABET;
import static dev.spoor.codec.ColumnCoding.unZigZag32;

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
    private final LZ4SafeDecompressor lz4 = LZ4Factory.fastestInstance().safeDecompressor();
    private final CRC32C crc = new CRC32C();
    private final BitReader reader = new BitReader();
    private final BitReader timeReader = new BitReader();
    private final BitReader pointerReader = new BitReader();
    private final HuffmanDecoder timeCodes =
        new HuffmanDecoder(TIME_ALPHABET, ColumnCoding.TIME_SYMBOL_EXTRA_BITS);
    private final HuffmanDecoder pointerCodes =
        new HuffmanDecoder(PAIR_ALPHABET, ColumnCoding.PAIR_EXTRA_BITS);
    private final HuffmanDecoder buttonCodes = new HuffmanDecoder(BUTTON_VALUE.alphabetSize());
    private final HuffmanDecoder wheelCodes = new HuffmanDecoder(PAIR_ALPHABET);
    private final HuffmanDecoder keyCodes = new HuffmanDecoder(KEY_VALUE.alphabetSize());
    private final HuffmanDecoder modifierCodes = new HuffmanDecoder(MODIFIER_VALUE.alphabetSize());
    private byte[] block = new byte[0];
    private byte[] raw = new byte[0];
    private byte[] kinds = new byte[0];
    private final int[] kindCounts = new int[ColumnCoding.KINDS];
    private final long[] minMax = new long[2];
    private int flags;
    private int rawLength;
    private int streamPosition;
    private int pointerEvents;
    private int buttonEvents;
    private int wheelEvents;
    private int keyEvents;

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
        inflate();
        decodeStreams(out, count);
        checkAgainstHeader();
        out.setDecodedSize(count);
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

    private void inflate() {
        ensureRawCapacity(rawLength + BitReader.PADDING_BYTES);
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
        ensureKindCapacity(count);
        streamPosition = 0;
        decodeTimeAndPointer(out, count);
        final boolean hasButtons = (flags & BlockLayout.FLAG_BUTTONS) != 0;
        checkStreamPresence(hasButtons, buttonEvents, "BUTTONS");
        decodeButtons(out, count, hasButtons);
        final boolean hasWheel = (flags & BlockLayout.FLAG_WHEEL) != 0;
        checkStreamPresence(hasWheel, wheelEvents, "WHEEL");
        if (hasWheel) {
            decodeWheel(out, count);
        } else {
            Arrays.fill(out.wheelDxColumn(), 0, count, 0);
            Arrays.fill(out.wheelDyColumn(), 0, count, 0);
        }
        final boolean hasKeys = (flags & BlockLayout.FLAG_KEYS) != 0;
        checkStreamPresence(hasKeys, keyEvents, "KEYS");
        if (hasKeys) {
            decodeKeys(out, count);
        } else {
            Arrays.fill(out.keyColumn(), 0, count, 0);
            Arrays.fill(out.modifiersColumn(), 0, count, 0);
        }
        if (streamPosition != rawLength) {
            throw new CorruptBlockException("column section has " + (rawLength - streamPosition)
                + " bytes after its last stream", HEADER_LENGTH + streamPosition);
        }
    }

    private static void checkStreamPresence(final boolean isPresent, final int events, final String name) {
        if (isPresent != (events > 0)) {
            throw new CorruptBlockException(name + " stream " + (isPresent ? "present" : "absent") + " but "
                + events + " events need it", BlockLayout.FLAGS_OFFSET);
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
        timeCodes.readTable(time, "TIME");
        if (timeCodes.isEmpty()) {
            throw time.corrupt("TIME table is empty for " + count + " events");
        }
        final boolean hasPointer = (flags & BlockLayout.FLAG_POINTER) != 0;
        final BitReader pointer = hasPointer ? openStream(pointerReader, "POINTER") : null;
        if (hasPointer) {
            pointerCodes.readTable(pointer, "POINTER");
            if (pointerCodes.isEmpty()) {
                throw pointer.corrupt("POINTER table is empty");
            }
        }
        Arrays.fill(kindCounts, 0);
        HotColumnLoops.decodeTimeAndPointer(time, timeCodes, first, tick, pointer, pointerCodes, out, count, kinds,
            kindCounts, minMax);
        time.checkFullyConsumed();
        final int[] k = kindCounts;
        pointerEvents = k[0] + k[1] + k[2] + k[3] + k[KIND_MOVE_BUTTONS_CHANGED];
        buttonEvents = k[1] + k[2] + k[KIND_MOVE_BUTTONS_CHANGED];
        wheelEvents = k[3];
        keyEvents = k[4] + k[5];
        checkStreamPresence(hasPointer, pointerEvents, "POINTER");
        if (hasPointer) {
            pointer.checkFullyConsumed();
        }
    }

    private void decodeButtons(final EventBatch out, final int count, final boolean hasStream) {
        final byte[] kind = kinds;
        final byte[] types = out.typeColumn();
        final int[] buttons = out.buttonsColumn();
        if (!hasStream) {
            System.arraycopy(kind, 0, types, 0, count);
            Arrays.fill(buttons, 0, count, 0);
            return;
        }
        final BitReader r = openStream(reader, "BUTTONS");
        buttonCodes.readTable(r, "BUTTONS");
        int held = 0;
        for (int i = 0; i < count; i++) {
            final int k = kind[i];
            if (k == 0) {
                buttons[i] = held;
            } else if (k == 1 || k == 2 || k == KIND_MOVE_BUTTONS_CHANGED) {
                final int symbol = decodeSymbol(buttonCodes, r, "BUTTONS");
                final int value = (int)BUTTON_VALUE.readValue(r, symbol);
                if (k == KIND_MOVE_BUTTONS_CHANGED) {
                    held = value;
                }
                buttons[i] = value;
            } else {
                buttons[i] = 0;
            }
            types[i] = (byte)(k == KIND_MOVE_BUTTONS_CHANGED ? 0 : k);
        }
        r.checkFullyConsumed();
    }

    private void decodeWheel(final EventBatch out, final int count) {
        final BitReader r = openStream(reader, "WHEEL");
        wheelCodes.readTable(r, "WHEEL");
        final byte[] kind = kinds;
        final int[] dxs = out.wheelDxColumn();
        final int[] dys = out.wheelDyColumn();
        for (int i = 0; i < count; i++) {
            if (kind[i] == 3) {
                final int symbol = decodeSymbol(wheelCodes, r, "WHEEL");
                final int first = symbol / PAIR_SIDE;
                dxs[i] = unZigZag32(SIGNED_SMALL.readValue(r, first));
                dys[i] = unZigZag32(SIGNED_SMALL.readValue(r, symbol - first * PAIR_SIDE));
            } else {
                dxs[i] = 0;
                dys[i] = 0;
            }
        }
        r.checkFullyConsumed();
    }

    private void decodeKeys(final EventBatch out, final int count) {
        final BitReader r = openStream(reader, "KEYS");
        keyCodes.readTable(r, "KEYS");
        modifierCodes.readTable(r, "MODIFIERS");
        final byte[] kind = kinds;
        final int[] keys = out.keyColumn();
        final int[] modifiers = out.modifiersColumn();
        for (int i = 0; i < count; i++) {
            if (kind[i] == 4 || kind[i] == 5) {
                final int keySymbol = decodeSymbol(keyCodes, r, "KEYS");
                keys[i] = (int)KEY_VALUE.readValue(r, keySymbol);
                final int modifierSymbol = decodeSymbol(modifierCodes, r, "MODIFIERS");
                modifiers[i] = (int)MODIFIER_VALUE.readValue(r, modifierSymbol);
            } else {
                keys[i] = 0;
                modifiers[i] = 0;
            }
        }
        r.checkFullyConsumed();
    }

    private static int decodeSymbol(final HuffmanDecoder codes, final BitReader r, final String name) {
        if (codes.isEmpty()) {
            throw r.corrupt(name + " table is empty but an event needs a symbol");
        }
        return codes.decode(r);
    }

    private void checkAgainstHeader() {
        int typeMask = 0;
        for (int type = 0; type < EventType.COUNT; type++) {
            typeMask |= kindCounts[type] > 0 ? 1 << type : 0;
        }
        typeMask |= kindCounts[KIND_MOVE_BUTTONS_CHANGED] > 0 ? EventType.MOVE.maskBit() : 0;
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

    private void ensureKindCapacity(final int count) {
        if (kinds.length < count) {
            kinds = new byte[count];
        }
    }
}
