/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import dev.spoor.codec.entropy.BitWriter;
import dev.spoor.codec.entropy.HuffmanEncoder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;
import java.util.zip.CRC32C;

import static dev.spoor.codec.BlockLayout.HEADER_LENGTH;
import static dev.spoor.codec.BlockLayout.STREAM_LENGTH_BYTES;
import static dev.spoor.codec.ColumnCoding.BUTTON_VALUE;
import static dev.spoor.codec.ColumnCoding.KEY_VALUE;
import static dev.spoor.codec.ColumnCoding.KIND_MOVE_BUTTONS_CHANGED;
import static dev.spoor.codec.ColumnCoding.isPress;
import static dev.spoor.codec.ColumnCoding.magnitude;
import static dev.spoor.codec.ColumnCoding.relativeSide;
import static dev.spoor.codec.ColumnCoding.MODIFIER_VALUE;
import static dev.spoor.codec.ColumnCoding.PAIR_ALPHABET;
import static dev.spoor.codec.ColumnCoding.PAIR_EXTRA_BITS;
import static dev.spoor.codec.ColumnCoding.PAIR_SIDE;
import static dev.spoor.codec.ColumnCoding.RELATIVE_PAIR_ALPHABET;
import static dev.spoor.codec.ColumnCoding.RELATIVE_PAIR_EXTRA_BITS;
import static dev.spoor.codec.ColumnCoding.RELATIVE_SIDE;
import static dev.spoor.codec.ColumnCoding.SIGNED_SMALL;
import static dev.spoor.codec.ColumnCoding.TIME_ALPHABET;
import static dev.spoor.codec.ColumnCoding.TIME_DELTA;
import static dev.spoor.codec.ColumnCoding.TIME_DELTA_SYMBOLS;
import static dev.spoor.codec.ColumnCoding.unsigned32;
import static dev.spoor.codec.ColumnCoding.zigZag;
import static dev.spoor.codec.ColumnCoding.zigZag32;

/**
 * Encodes one device's {@link EventBatch} into a block ({@link BlockLayout}). Each column is coded with a
 * canonical Huffman code built for this block, the column section is LZ4-compressed when that makes it
 * smaller, and the whole block is covered by a CRC32C.
 *
 * <p>Reusable and allocation-free after construction; one instance per thread.
 */
public final class BlockEncoder {
    private int policyVersion;
    private final int maxEvents;
    private final LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
    private final CRC32C crc = new CRC32C();
    private final BitWriter writer = new BitWriter();
    private final HuffmanEncoder timeCodes = new HuffmanEncoder(TIME_ALPHABET);
    /** Version 3: the TIME code for events right after a press (BUTTON_DOWN, KEY_DOWN). */
    private final HuffmanEncoder pressTimeCodes = new HuffmanEncoder(TIME_ALPHABET);
    private final HuffmanEncoder pairPointerCodes = new HuffmanEncoder(PAIR_ALPHABET);
    private final HuffmanEncoder relativePointerCodes = new HuffmanEncoder(RELATIVE_PAIR_ALPHABET);
    private HuffmanEncoder pointerCodes = pairPointerCodes;
    private final HuffmanEncoder buttonCodes = new HuffmanEncoder(BUTTON_VALUE.alphabetSize());
    private final HuffmanEncoder wheelCodes = new HuffmanEncoder(PAIR_ALPHABET);
    private final HuffmanEncoder keyCodes = new HuffmanEncoder(KEY_VALUE.alphabetSize());
    private final HuffmanEncoder modifierCodes = new HuffmanEncoder(MODIFIER_VALUE.alphabetSize());
    private final int[] timeSymbols;
    /**
     * Per event, version 3: 1 when the event before is a press, so its TIME symbol is coded with
     * {@link #pressTimeCodes}. Bytes, not encoder references: a reference stored per event costs a GC write barrier.
     */
    private final byte[] afterPress;
    private final long[] timeValues;
    /** The block's timestamps on a coarse clock, when they are ({@link #isClock}). */
    private final ClockLattice clock;
    /** Per event, with {@link #isClock}: its delta in ticks, or in clock periods within a segment. */
    private final long[] clockDeltas;
    /** The timestamps a decoder would rebuild from {@link #clockDeltas}: compared with assertions on. */
    private final long[] clockCheck;
    private final long[] clockMinMax = new long[2];
    private boolean isClockEnabled = true;
    /** True when the block being encoded codes its time on {@link #clock}. */
    private boolean isClock;
    private final int[] pointerSymbols;
    private final long[] pointerDx;
    private final long[] pointerDy;
    private final byte[] block;
    private final byte[] compressed;
    private boolean isLz4Enabled = true;
    /** The newest block format version this encoder writes. */
    private int formatVersion = BlockLayout.DEFAULT_WRITE_VERSION;
    /** Version 3: code the event after a press with its own TIME table (off only to measure what it saves). */
    private boolean isPressContext = true;
    private int flags;
    private int pointerCount;
    /** Bits the last block's code tables took, every stream's. */
    private long tableBits;
    private long tickNs;
    /** Fraction bits of this block's coordinates, 0 (whole pixels) to {@link SubPixel#FRACTION_BITS}. */
    private int fractionBits;
    /** True when the POINTER stream codes coordinates in units of 2^-fractionBits px (they fit an int so). */
    private boolean isScaledPointer;

    /** An encoder for blocks of up to {@link BlockLayout#DEFAULT_EVENTS} events. */
    public BlockEncoder() {
        this(BlockLayout.DEFAULT_EVENTS);
    }

    /**
     * @param maxEvents the largest batch this encoder will be given, 1 to {@link BlockLayout#MAX_EVENTS}.
     */
    public BlockEncoder(final int maxEvents) {
        if (maxEvents < 1 || maxEvents > BlockLayout.MAX_EVENTS) {
            throw new IllegalArgumentException("maxEvents=" + maxEvents + " must be in 1.." + BlockLayout.MAX_EVENTS);
        }
        this.maxEvents = maxEvents;
        timeSymbols = new int[maxEvents];
        afterPress = new byte[maxEvents];
        timeValues = new long[maxEvents];
        clock = new ClockLattice(maxEvents, true);
        clockDeltas = new long[maxEvents];
        clockCheck = new long[maxEvents];
        pointerSymbols = new int[maxEvents];
        pointerDx = new long[maxEvents];
        pointerDy = new long[maxEvents];
        // Slack for the 8-byte stores of HotEncodeLoops past the last byte a block can need.
        block = new byte[BlockLayout.maxBlockLength(maxEvents) + Long.BYTES];
        compressed = new byte[lz4.maxCompressedLength(BlockLayout.maxRawLength(maxEvents))];
    }

    /**
     * Turns the LZ4 pass on (the default) or off. Off, blocks are always stored uncompressed after
     * entropy coding, which saves the LZ4 attempt at seal time.
     *
     * @param isEnabled whether to try LZ4.
     * @return this encoder.
     */
    public BlockEncoder lz4(final boolean isEnabled) {
        this.isLz4Enabled = isEnabled;
        return this;
    }

    /**
     * Turns the clock lattice on (the default) or off: on, a block whose timestamps sit on the ticks of a coarse
     * clock for at least a quarter of its events codes its time in those ticks ({@link BlockLayout#FLAG_CLOCK}).
     *
     * @param isEnabled whether to look for the clock.
     * @return this encoder.
     */
    public BlockEncoder clockLattice(final boolean isEnabled) {
        this.isClockEnabled = isEnabled;
        return this;
    }

    /**
     * Chooses the newest block format version to write. Version 2, the default
     * ({@link BlockLayout#DEFAULT_WRITE_VERSION}), writes blocks as builds before version 3 did (whole-pixel blocks
     * as version 1, sub-pixel ones as version 2), but for blocks on a coarse clock ({@link #clockLattice}: version
     * 2 with {@link BlockLayout#FLAG_CLOCK}). Version 3 writes every block as version 3: 4.6% fewer bytes on
     * the Balabit data, about a tenth slower to decode.
     *
     * @param version 2 or 3.
     * @return this encoder.
     * @throws IllegalArgumentException for any other version.
     */
    public BlockEncoder formatVersion(final int version) {
        if (version != BlockLayout.VERSION_SUBPIXEL && version != BlockLayout.VERSION) {
            throw new IllegalArgumentException("format version " + version + " cannot be written: choose "
                + BlockLayout.VERSION_SUBPIXEL + " or " + BlockLayout.VERSION);
        }
        this.formatVersion = version;
        pointerCodes = version == BlockLayout.VERSION ? relativePointerCodes : pairPointerCodes;
        return this;
    }

    /**
     * Sets this encoder to rewrite a block as it was: the same privacy policy version, and the same format family
     * (version 3 as 3; versions 1 and 2 as 2, with the clock lattice only if the block had it, so readers that could
     * read the block still can). For blocks rewritten without erased events.
     *
     * @param header a checked block's header ({@link BlockHeaderFlyweight#wrap}).
     * @return this encoder.
     */
    public BlockEncoder like(final BlockHeaderFlyweight header) {
        policyVersion(header.policyVersion());
        clockLattice((header.flags() & BlockLayout.FLAG_CLOCK) != 0);
        return formatVersion(header.version() >= BlockLayout.VERSION ? BlockLayout.VERSION
            : BlockLayout.VERSION_SUBPIXEL);
    }

    /**
     * Turns the version 3 TIME table for events after a press off (every event then uses the other table, and the
     * one after a press is written empty, which decoders accept): for tests that measure what it saves.
     *
     * @param isEnabled whether version 3 blocks code the event after a press apart (the default).
     * @return this encoder.
     */
    BlockEncoder pressContext(final boolean isEnabled) {
        this.isPressContext = isEnabled;
        return this;
    }

    /**
     * @return the newest block format version this encoder writes ({@link #formatVersion(int)}).
     */
    public int formatVersion() {
        return formatVersion;
    }

    /**
     * @return the largest batch this encoder accepts.
     */
    public int maxEvents() {
        return maxEvents;
    }

    /**
     * Stamps the blocks encoded from now on with the privacy policy version they are written under.
     *
     * @param version 0 (none) or a positive policy version.
     * @return this.
     */
    public BlockEncoder policyVersion(final int version) {
        if (version < 0) {
            throw new IllegalArgumentException("policy version " + version + " must not be negative");
        }
        this.policyVersion = version;
        return this;
    }

    /**
     * Encodes a batch as one block.
     *
     * @param deviceId  the device the events belong to.
     * @param events    1 to {@link #maxEvents()} events, in any timestamp order.
     * @param dst       destination.
     * @param dstOffset where the block starts in {@code dst}.
     * @return the block's length in bytes.
     * @throws IllegalArgumentException when the batch is empty or too large, or {@code dst} is too small.
     */
    public int encode(
        final long deviceId, final EventBatch events, final MutableDirectBuffer dst, final int dstOffset) {
        final int length = encode(deviceId, events);
        if (dstOffset < 0 || (long)dst.capacity() - dstOffset < length) {
            throw new IllegalArgumentException("destination too small: [capacity=" + dst.capacity()
                + ", offset=" + dstOffset + ", blockLength=" + length + "]");
        }
        dst.putBytes(dstOffset, block, 0, length);
        return length;
    }

    /**
     * Encodes a batch into this encoder's own buffer, returned by {@link #blockBuffer()}.
     *
     * @param deviceId the device the events belong to.
     * @param events   1 to {@link #maxEvents()} events.
     * @return the block's length in bytes, from offset 0 of {@link #blockBuffer()}.
     */
    public int encode(final long deviceId, final EventBatch events) {
        final int n = events.size();
        if (n < 1 || n > maxEvents) {
            throw new IllegalArgumentException("event count=" + n + " must be in 1.." + maxEvents);
        }
        flags = 0;
        tableBits = 0;
        final int typeMask = analyseTime(events, n);
        isClock = isClockEnabled && clock.fit(events.timestampColumn(), n, tickNs, clockDeltas)
            && HotColumnLoops.isClockSound(clockDeltas, n, events.timestampColumn()[0], tickNs, clock);
        assert !isClock || isClockExact(events.timestampColumn(), n) : "clock deltas do not give the timestamps";
        flags |= isClock ? BlockLayout.FLAG_CLOCK : 0;
        analyseFractions(events, n);
        countSymbols(events, n);
        int rawEnd = writeStream(HEADER_LENGTH, events, n, StreamId.TIME);
        if ((flags & BlockLayout.FLAG_POINTER) != 0) {
            rawEnd = writeStream(rawEnd, events, n, StreamId.POINTER);
        }
        if ((flags & BlockLayout.FLAG_SUBPIXEL) != 0) {
            rawEnd = writeStream(rawEnd, events, n, StreamId.SUBPIXEL);
        }
        if ((flags & BlockLayout.FLAG_BUTTONS) != 0) {
            rawEnd = writeStream(rawEnd, events, n, StreamId.BUTTONS);
        }
        if ((flags & BlockLayout.FLAG_WHEEL) != 0) {
            rawEnd = writeStream(rawEnd, events, n, StreamId.WHEEL);
        }
        if ((flags & BlockLayout.FLAG_KEYS) != 0) {
            rawEnd = writeStream(rawEnd, events, n, StreamId.KEYS);
        }
        final int rawLength = rawEnd - HEADER_LENGTH;
        final int storedLength = compressIfSmaller(rawLength);
        writeHeader(deviceId, events, n, typeMask, storedLength, rawLength);
        return HEADER_LENGTH + storedLength;
    }

    /**
     * @return the buffer the last {@link #encode(long, EventBatch)} wrote its block to, from offset 0.
     */
    public byte[] blockBuffer() {
        return block;
    }

    private enum StreamId {
        TIME, POINTER, SUBPIXEL, BUTTONS, WHEEL, KEYS
    }

    /**
     * Chooses the block's coordinate unit, as {@link #analyseTime} chooses its time tick: the fewest fraction
     * bits that hold every pointer event's fractions exactly (0 for whole pixels: with the encoder set to version
     * 2 the block is then version 1, byte for byte as before fractions existed). When every coordinate, scaled by
     * 2^bits, still fits an int, the POINTER stream codes the scaled values, so the deltas of sub-pixel motion stay
     * small; otherwise (fractions beside values near the int limits) it codes whole pixels and the fractions follow
     * raw.
     */
    private void analyseFractions(final EventBatch events, final int n) {
        final byte[] types = events.typeColumn();
        final byte[] xFractions = events.xFractionColumn();
        final byte[] yFractions = events.yFractionColumn();
        int fractions = 0;
        for (int i = 0; i < n; i++) {
            fractions |= xFractions[i] | yFractions[i];
        }
        fractions &= SubPixel.FRACTION_MASK;
        fractionBits = fractions == 0 ? 0 : SubPixel.FRACTION_BITS - Integer.numberOfTrailingZeros(fractions);
        if (fractionBits == 0) {
            isScaledPointer = false;
            return;
        }
        flags |= BlockLayout.FLAG_SUBPIXEL;
        final int limit = Integer.MAX_VALUE >> fractionBits;
        final int[] xs = events.xColumn();
        final int[] ys = events.yColumn();
        boolean isScaled = true;
        for (int i = 0; i < n && isScaled; i++) {
            if (EventCodes.isPointer(types[i])) {
                isScaled = xs[i] >= -limit - 1 && xs[i] <= limit && ys[i] >= -limit - 1 && ys[i] <= limit;
            }
        }
        isScaledPointer = isScaled;
    }

    /** Coordinate {@code whole + fraction/256} in the POINTER stream's unit. */
    private int pointerValue(final int whole, final byte fraction) {
        if (!isScaledPointer) {
            return whole;
        }
        return whole << fractionBits | (fraction & SubPixel.FRACTION_MASK) >>> (SubPixel.FRACTION_BITS - fractionBits);
    }

    /** Finds the common tick of the time deltas and the type mask. */
    private int analyseTime(final EventBatch events, final int n) {
        final long[] ts = events.timestampColumn();
        final byte[] types = events.typeColumn();
        long tick = 0;
        boolean isTickForcedToOne = false;
        int typeMask = 1 << types[0];
        for (int i = 1; i < n; i++) {
            typeMask |= 1 << types[i];
            final long delta = ts[i] - ts[i - 1];
            if (delta == 0) {
                continue;
            }
            if (delta == Long.MIN_VALUE) {
                isTickForcedToOne = true;
                continue;
            }
            final long magnitude = Math.abs(delta);
            if (tick == 0) {
                tick = magnitude;
            } else if (magnitude % tick != 0) {
                tick = gcd(tick, magnitude);
            }
        }
        tickNs = (tick == 0 || isTickForcedToOne) ? 1 : tick;
        return typeMask;
    }

    private static long gcd(final long a, final long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            final long t = x % y;
            x = y;
            y = t;
        }
        return x;
    }

    private void countSymbols(final EventBatch events, final int n) {
        timeCodes.reset();
        pressTimeCodes.reset();
        pointerCodes.reset();
        buttonCodes.reset();
        wheelCodes.reset();
        keyCodes.reset();
        modifierCodes.reset();
        final long[] ts = events.timestampColumn();
        final byte[] types = events.typeColumn();
        final int[] xs = events.xColumn();
        final int[] ys = events.yColumn();
        final int[] buttons = events.buttonsColumn();
        final byte[] xFractions = events.xFractionColumn();
        final byte[] yFractions = events.yFractionColumn();
        final long tick = tickNs;
        long previousTs = ts[0];
        int previousX = 0;
        int previousY = 0;
        int heldButtons = 0;
        int pointers = 0;
        int signX = 0;
        int signY = 0;
        final boolean isRelative = formatVersion == BlockLayout.VERSION;
        final boolean isContext = isRelative && isPressContext;
        int isNextAfterPress = 0;
        for (int i = 0; i < n; i++) {
            final int type = types[i];
            int kind = type;
            if (type == EventCodes.MOVE) {
                if (buttons[i] != heldButtons) {
                    kind = KIND_MOVE_BUTTONS_CHANGED;
                    heldButtons = buttons[i];
                    buttonCodes.count(BUTTON_VALUE.symbol(unsigned32(heldButtons)));
                }
            } else if (EventCodes.isButton(type)) {
                buttonCodes.count(BUTTON_VALUE.symbol(unsigned32(buttons[i])));
            } else if (type == EventCodes.WHEEL) {
                wheelCodes.count(pairSymbol(zigZag32(events.wheelDxColumn()[i]), zigZag32(events.wheelDyColumn()[i])));
            } else {
                keyCodes.count(KEY_VALUE.symbol(unsigned32(events.keyColumn()[i])));
                modifierCodes.count(MODIFIER_VALUE.symbol(unsigned32(events.modifiersColumn()[i])));
            }
            final long deltaTicks = zigZag(isClock ? clockDeltas[i] : (ts[i] - previousTs) / tick);
            previousTs = ts[i];
            final int timeSymbol = kind * TIME_DELTA_SYMBOLS + TIME_DELTA.symbol(deltaTicks);
            timeSymbols[i] = timeSymbol;
            timeValues[i] = deltaTicks;
            afterPress[i] = (byte)isNextAfterPress;
            (isNextAfterPress != 0 ? pressTimeCodes : timeCodes).count(timeSymbol);
            isNextAfterPress = isContext && isPress(kind) ? 1 : 0;
            if (EventCodes.isPointer(type)) {
                final int x = pointerValue(xs[i], xFractions[i]);
                final int y = pointerValue(ys[i], yFractions[i]);
                final int dx = x - previousX;
                final int dy = y - previousY;
                previousX = x;
                previousY = y;
                final int pairSymbol;
                if (isRelative) {
                    pairSymbol = relativeSide(dx, signX) * RELATIVE_SIDE + relativeSide(dy, signY);
                    signX = dx == 0 ? signX : dx >> 31;
                    signY = dy == 0 ? signY : dy >> 31;
                    pointerDx[pointers] = magnitude(dx);
                    pointerDy[pointers] = magnitude(dy);
                } else {
                    pairSymbol = pairSymbol(zigZag32(dx), zigZag32(dy));
                    pointerDx[pointers] = zigZag32(dx);
                    pointerDy[pointers] = zigZag32(dy);
                }
                pointerSymbols[pointers] = pairSymbol;
                pointers++;
                pointerCodes.count(pairSymbol);
            }
        }
        pointerCount = pointers;
        flags |= pointers > 0 ? BlockLayout.FLAG_POINTER : 0;
        timeCodes.build();
        pressTimeCodes.build();
        pointerCodes.build();
        buttonCodes.build();
        wheelCodes.build();
        keyCodes.build();
        modifierCodes.build();
        flags |= buttonCodes.usedCount() > 0 ? BlockLayout.FLAG_BUTTONS : 0;
        flags |= wheelCodes.usedCount() > 0 ? BlockLayout.FLAG_WHEEL : 0;
        flags |= keyCodes.usedCount() > 0 ? BlockLayout.FLAG_KEYS : 0;
    }

    private static int pairSymbol(final long first, final long second) {
        return SIGNED_SMALL.symbol(first) * PAIR_SIDE + SIGNED_SMALL.symbol(second);
    }

    private int writeStream(final int start, final EventBatch events, final int n, final StreamId id) {
        final int bitsStart = start + STREAM_LENGTH_BYTES;
        writer.wrap(block, bitsStart, block.length);
        switch (id) {
            case TIME:
                writeTime(events, n);
                break;
            case POINTER:
                writePointer();
                break;
            case SUBPIXEL:
                writeSubpixel(events, n);
                break;
            case BUTTONS:
                writeButtons(events, n);
                break;
            case WHEEL:
                writeWheel(events, n);
                break;
            default:
                writeKeys(events, n);
                break;
        }
        final int end = writer.finish();
        ByteArrayAccess.putInt(block, start, end - bitsStart);
        return end;
    }

    private void writeTime(final EventBatch events, final int n) {
        final BitWriter w = writer;
        w.writeLong(events.timestampColumn()[0], 64);
        w.writeLong(tickNs, 64);
        if (isClock) {
            clock.write(w);
        }
        writeTable(timeCodes);
        if (formatVersion == BlockLayout.VERSION) {
            writeTable(pressTimeCodes);
        }
        HotEncodeLoops.writeTime(w, timeSymbols, timeValues, afterPress, n, timeCodes, pressTimeCodes);
    }

    private void writePointer() {
        final BitWriter w = writer;
        writeTable(pointerCodes);
        final int[] extraBits = formatVersion == BlockLayout.VERSION ? RELATIVE_PAIR_EXTRA_BITS : PAIR_EXTRA_BITS;
        HotEncodeLoops.writePointer(w, pointerSymbols, pointerDx, pointerDy, pointerCount, pointerCodes, extraBits);
    }

    /** A stream's table, in the form of the version written. */
    private void writeTable(final HuffmanEncoder codes) {
        final long start = bitPosition();
        if (formatVersion == BlockLayout.VERSION) {
            codes.writeCompactTable(writer);
        } else {
            codes.writeTable(writer);
        }
        tableBits += bitPosition() - start;
    }

    private long bitPosition() {
        return writer.position() * (long)Byte.SIZE + writer.pendingCount();
    }

    /**
     * For size reports: what the code tables of the last block encoded took, every stream's, before any LZ4 pass.
     *
     * @return bits.
     */
    public long tableBits() {
        return tableBits;
    }

    /**
     * For size reports: the TIME stream's symbol of one event of the last block encoded ({@code docs/format.md}).
     *
     * @param i the event, 0 to its size - 1.
     * @return {@code kind * 1078 + class(zigzag(delta / tick))}.
     */
    public int timeSymbol(final int i) {
        return timeSymbols[i];
    }

    /**
     * For size reports: how many events of the last block encoded carry a POINTER symbol.
     *
     * @return 0 to the block's size.
     */
    public int pointerSymbolCount() {
        return pointerCount;
    }

    /**
     * For size reports: the POINTER stream's symbol of the last block's {@code i}-th pointer event.
     *
     * @param i 0 to {@link #pointerSymbolCount()} - 1.
     * @return the pair symbol of the block's format version.
     */
    public int pointerSymbol(final int i) {
        return pointerSymbols[i];
    }

    /**
     * SUBPIXEL: fraction bits (4), mode (1: 0 = POINTER holds scaled values, 1 = the fractions follow), then in
     * mode 1, per pointer event, the top fraction bits of x and of y.
     */
    private void writeSubpixel(final EventBatch events, final int n) {
        final BitWriter w = writer;
        w.write(fractionBits, BlockLayout.SUBPIXEL_BITS_WIDTH);
        w.write(isScaledPointer ? 0 : 1, 1);
        if (isScaledPointer) {
            return;
        }
        final byte[] types = events.typeColumn();
        final byte[] xFractions = events.xFractionColumn();
        final byte[] yFractions = events.yFractionColumn();
        final int shift = SubPixel.FRACTION_BITS - fractionBits;
        for (int i = 0; i < n; i++) {
            if (EventCodes.isPointer(types[i])) {
                w.write((xFractions[i] & SubPixel.FRACTION_MASK) >>> shift, fractionBits);
                w.write((yFractions[i] & SubPixel.FRACTION_MASK) >>> shift, fractionBits);
            }
        }
    }

    private static void writePairExtra(final BitWriter w, final int symbol, final long first, final long second) {
        final int firstSymbol = symbol / PAIR_SIDE;
        SIGNED_SMALL.writeExtra(w, firstSymbol, first);
        SIGNED_SMALL.writeExtra(w, symbol - firstSymbol * PAIR_SIDE, second);
    }

    private void writeButtons(final EventBatch events, final int n) {
        final BitWriter w = writer;
        writeTable(buttonCodes);
        final byte[] types = events.typeColumn();
        final int[] buttons = events.buttonsColumn();
        int heldButtons = 0;
        for (int i = 0; i < n; i++) {
            final int type = types[i];
            if ((type == EventCodes.MOVE && buttons[i] != heldButtons) || EventCodes.isButton(type)) {
                if (type == EventCodes.MOVE) {
                    heldButtons = buttons[i];
                }
                final long value = unsigned32(buttons[i]);
                final int symbol = BUTTON_VALUE.symbol(value);
                buttonCodes.encode(w, symbol);
                BUTTON_VALUE.writeExtra(w, symbol, value);
            }
        }
    }

    private void writeWheel(final EventBatch events, final int n) {
        final BitWriter w = writer;
        writeTable(wheelCodes);
        final byte[] types = events.typeColumn();
        for (int i = 0; i < n; i++) {
            if (types[i] == 3) {
                final long dx = zigZag32(events.wheelDxColumn()[i]);
                final long dy = zigZag32(events.wheelDyColumn()[i]);
                final int symbol = pairSymbol(dx, dy);
                wheelCodes.encode(w, symbol);
                writePairExtra(w, symbol, dx, dy);
            }
        }
    }

    private void writeKeys(final EventBatch events, final int n) {
        final BitWriter w = writer;
        writeTable(keyCodes);
        writeTable(modifierCodes);
        final byte[] types = events.typeColumn();
        for (int i = 0; i < n; i++) {
            if (types[i] >= 4) {
                final long key = unsigned32(events.keyColumn()[i]);
                final int keySymbol = KEY_VALUE.symbol(key);
                keyCodes.encode(w, keySymbol);
                KEY_VALUE.writeExtra(w, keySymbol, key);
                final long modifiers = unsigned32(events.modifiersColumn()[i]);
                final int modifierSymbol = MODIFIER_VALUE.symbol(modifiers);
                modifierCodes.encode(w, modifierSymbol);
                MODIFIER_VALUE.writeExtra(w, modifierSymbol, modifiers);
            }
        }
    }

    private int compressIfSmaller(final int rawLength) {
        if (!isLz4Enabled) {
            return rawLength;
        }
        final int compressedLength = lz4.compress(block, HEADER_LENGTH, rawLength, compressed, 0, compressed.length);
        if (compressedLength >= rawLength) {
            return rawLength;
        }
        System.arraycopy(compressed, 0, block, HEADER_LENGTH, compressedLength);
        flags |= BlockLayout.FLAG_LZ4;
        return compressedLength;
    }

    /**
     * This block's version: 3, or for an encoder set to version 2, 1 for whole pixels and 2 for sub-pixels or the
     * clock lattice (version 1 has no flag for it).
     */
    private int versionWritten() {
        if (formatVersion == BlockLayout.VERSION) {
            return BlockLayout.VERSION;
        }
        return fractionBits == 0 && !isClock ? BlockLayout.VERSION_WHOLE_PIXELS : BlockLayout.VERSION_SUBPIXEL;
    }

    /**
     * Whether the deltas {@link ClockLattice#fit} found give back every timestamp exactly, the way a decoder sums
     * them: true by construction, checked with assertions on (every test run).
     */
    private boolean isClockExact(final long[] ts, final int n) {
        System.arraycopy(clockDeltas, 0, clockCheck, 0, n);
        if (!HotColumnLoops.sumTimesOnClock(clockCheck, n, ts[0], tickNs, clock, clockMinMax)) {
            return false;
        }
        return Arrays.equals(clockCheck, 0, n, ts, 0, n);
    }

    private void writeHeader(
        final long deviceId, final EventBatch events, final int n, final int typeMask, final int storedLength,
        final int rawLength) {
        final long[] ts = events.timestampColumn();
        long min = ts[0];
        long max = ts[0];
        for (int i = 1; i < n; i++) {
            min = Math.min(min, ts[i]);
            max = Math.max(max, ts[i]);
        }
        final byte[] b = block;
        ByteArrayAccess.putInt(b, BlockLayout.MAGIC_OFFSET, BlockLayout.MAGIC);
        ByteArrayAccess.putShort(b, BlockLayout.VERSION_OFFSET, versionWritten());
        ByteArrayAccess.putShort(b, BlockLayout.FLAGS_OFFSET, flags);
        ByteArrayAccess.putLong(b, BlockLayout.DEVICE_ID_OFFSET, deviceId);
        ByteArrayAccess.putLong(b, BlockLayout.MIN_TIMESTAMP_OFFSET, min);
        ByteArrayAccess.putLong(b, BlockLayout.MAX_TIMESTAMP_OFFSET, max);
        ByteArrayAccess.putInt(b, BlockLayout.COUNT_OFFSET, n);
        ByteArrayAccess.putShort(b, BlockLayout.TYPE_MASK_OFFSET, typeMask);
        ByteArrayAccess.putShort(b, BlockLayout.HEADER_LENGTH_OFFSET, HEADER_LENGTH);
        ByteArrayAccess.putInt(b, BlockLayout.STORED_LENGTH_OFFSET, storedLength);
        ByteArrayAccess.putInt(b, BlockLayout.RAW_LENGTH_OFFSET, rawLength);
        ByteArrayAccess.putInt(b, BlockLayout.POLICY_VERSION_OFFSET, policyVersion);
        ByteArrayAccess.putInt(b, BlockLayout.CRC_OFFSET, BlockChecksum.compute(crc, b, HEADER_LENGTH + storedLength));
    }
}
