/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import java.util.Arrays;

/**
 * Up to {@link #capacity()} events of one device as reusable primitive columns: what an encoder reads and
 * a decoder fills. Fields that do not apply to an event's type hold 0.
 *
 * <table>
 *   <caption>Columns by type</caption>
 *   <tr><th>type</th><th>x, y</th><th>buttons</th><th>wheelDx, wheelDy</th><th>key, modifiers</th></tr>
 *   <tr><td>MOVE</td><td>position</td><td>mask of buttons held</td><td>0</td><td>0</td></tr>
 *   <tr><td>BUTTON_DOWN/UP</td><td>position</td><td>the button (one {@link Buttons} bit)</td><td>0</td><td>0</td></tr>
 *   <tr><td>WHEEL</td><td>position</td><td>0</td><td>notches or pixels</td><td>0</td></tr>
 *   <tr><td>KEY_DOWN/UP</td><td>0</td><td>0</td><td>0</td><td>key, modifier mask</td></tr>
 * </table>
 *
 * Appending never allocates; {@link #clear()} makes the batch reusable. Not thread safe.
 */
public final class EventBatch {
    private final int capacity;
    private final long[] timestampNs;
    private final byte[] type;
    private final int[] x;
    private final int[] y;
    /** Fractions of x and y in 1/256 px ({@link SubPixel}), unsigned bytes; 0 for whole pixels and keys. */
    private final byte[] xFraction;
    private final byte[] yFraction;
    private final int[] buttons;
    private final int[] wheelDx;
    private final int[] wheelDy;
    private final int[] key;
    private final int[] modifiers;
    private int size;
    /** A label for the whole batch, set by whoever fills it; kept by {@link #clear} and decoding. */
    private int tag;
    /** Events of each type code, as the block decoder counted them; valid while {@link #isDecoded}. */
    private final int[] decodedTypeCounts = new int[EventType.COUNT];
    /** True from a decode until the batch is next cleared or added to. */
    private boolean isDecoded;
    /** The decoder found the timestamps never decrease (valid while {@link #isDecoded}). */
    private boolean isDecodedInTimeOrder;
    /** Entries [0, n) of wheelDx and wheelDy are known to be 0: decoding blocks without wheel skips them. */
    private int wheelZeroPrefix;
    /** Entries [0, n) of key and modifiers are known to be 0. */
    private int keyZeroPrefix;
    /** Entries [0, n) of xFraction and yFraction are known to be 0. */
    private int fractionZeroPrefix;

    /**
     * @param capacity the most events this batch holds, from 1 to {@link BlockLayout#MAX_EVENTS}.
     */
    public EventBatch(final int capacity) {
        if (capacity < 1 || capacity > BlockLayout.MAX_EVENTS) {
            throw new IllegalArgumentException(
                "capacity=" + capacity + " must be in 1.." + BlockLayout.MAX_EVENTS);
        }
        this.capacity = capacity;
        timestampNs = new long[capacity];
        type = new byte[capacity];
        x = new int[capacity];
        y = new int[capacity];
        xFraction = new byte[capacity];
        yFraction = new byte[capacity];
        buttons = new int[capacity];
        wheelDx = new int[capacity];
        wheelDy = new int[capacity];
        key = new int[capacity];
        modifiers = new int[capacity];
    }

    /**
     * Appends a pointer move.
     *
     * @param timestampNs epoch nanoseconds.
     * @param x           pointer x in pixels (any int: multi-monitor negatives and sentinels included).
     * @param y           pointer y in pixels.
     * @param buttons     mask of buttons held ({@link Buttons}); non-zero makes this a drag.
     */
    public void addMove(final long timestampNs, final int x, final int y, final int buttons) {
        final int i = claim(timestampNs, EventType.MOVE);
        this.x[i] = x;
        this.y[i] = y;
        this.buttons[i] = buttons;
    }

    /**
     * Appends a button press.
     *
     * @param timestampNs epoch nanoseconds.
     * @param x           pointer x.
     * @param y           pointer y.
     * @param button      which button ({@link Buttons}).
     */
    public void addButtonDown(final long timestampNs, final int x, final int y, final int button) {
        addButton(EventType.BUTTON_DOWN, timestampNs, x, y, button);
    }

    /**
     * Appends a button release.
     *
     * @param timestampNs epoch nanoseconds.
     * @param x           pointer x.
     * @param y           pointer y.
     * @param button      which button ({@link Buttons}).
     */
    public void addButtonUp(final long timestampNs, final int x, final int y, final int button) {
        addButton(EventType.BUTTON_UP, timestampNs, x, y, button);
    }

    /**
     * Appends a wheel turn.
     *
     * @param timestampNs epoch nanoseconds.
     * @param x           pointer x.
     * @param y           pointer y.
     * @param dx          horizontal amount, signed.
     * @param dy          vertical amount, signed (positive is away from the user).
     */
    public void addWheel(final long timestampNs, final int x, final int y, final int dx, final int dy) {
        final int i = claim(timestampNs, EventType.WHEEL);
        wheelZeroPrefix = Math.min(wheelZeroPrefix, i);
        this.x[i] = x;
        this.y[i] = y;
        this.wheelDx[i] = dx;
        this.wheelDy[i] = dy;
    }

    /**
     * Appends a key press.
     *
     * @param timestampNs epoch nanoseconds.
     * @param key         the key as the privacy policy left it (a key class by default).
     * @param modifiers   mask of modifiers held.
     */
    public void addKeyDown(final long timestampNs, final int key, final int modifiers) {
        addKey(EventType.KEY_DOWN, timestampNs, key, modifiers);
    }

    /**
     * Appends a key release.
     *
     * @param timestampNs epoch nanoseconds.
     * @param key         the key as the privacy policy left it.
     * @param modifiers   mask of modifiers held.
     */
    public void addKeyUp(final long timestampNs, final int key, final int modifiers) {
        addKey(EventType.KEY_UP, timestampNs, key, modifiers);
    }

    /**
     * Sets the fractions of a pointer event's coordinates: its position is then {@code x(i) + xFraction / 256}
     * px, {@code y(i) + yFraction / 256} px ({@link SubPixel}). Events are added with fractions 0.
     *
     * @param i         event index.
     * @param xFraction fraction of x, 1/256 px, {@code 0..255}.
     * @param yFraction fraction of y, 1/256 px, {@code 0..255}.
     * @throws IllegalArgumentException when a fraction is outside {@code 0..255}, or event {@code i} is a key event.
     */
    public void setFractions(final int i, final int xFraction, final int yFraction) {
        checkIndex(i);
        if (((xFraction | yFraction) & ~SubPixel.FRACTION_MASK) != 0) {
            throw new IllegalArgumentException("fractions (" + xFraction + ", " + yFraction
                + ") must be in 0..255 (1/256 px) " + describe(i));
        }
        if ((xFraction | yFraction) != 0 && !EventCodes.isPointer(type[i])) {
            throw new IllegalArgumentException("a key event has no coordinates " + describe(i));
        }
        fractionZeroPrefix = Math.min(fractionZeroPrefix, i);
        this.xFraction[i] = (byte)xFraction;
        this.yFraction[i] = (byte)yFraction;
    }

    /**
     * Appends event {@code index} of another batch, all fields as they are.
     *
     * @param other the source batch.
     * @param index the event's index in {@code other}.
     */
    public void addFrom(final EventBatch other, final int index) {
        final int i = claim(other.timestampNs[index], EventType.fromCode(other.type[index]));
        wheelZeroPrefix = Math.min(wheelZeroPrefix, i);
        keyZeroPrefix = Math.min(keyZeroPrefix, i);
        fractionZeroPrefix = Math.min(fractionZeroPrefix, i);
        x[i] = other.x[index];
        y[i] = other.y[index];
        xFraction[i] = other.xFraction[index];
        yFraction[i] = other.yFraction[index];
        buttons[i] = other.buttons[index];
        wheelDx[i] = other.wheelDx[index];
        wheelDy[i] = other.wheelDy[index];
        key[i] = other.key[index];
        modifiers[i] = other.modifiers[index];
    }

    /**
     * @return the label its filler gave the whole batch (a scan: the privacy policy version of the block it was
     *         decoded from), 0 until set.
     */
    public int tag() {
        return tag;
    }

    /**
     * @param value a label for the whole batch; neither {@link #clear} nor decoding changes it.
     */
    public void tag(final int value) {
        this.tag = value;
    }

    /** Empties the batch, keeping its arrays. */
    public void clear() {
        size = 0;
        isDecoded = false;
    }

    /**
     * @return the number of events held.
     */
    public int size() {
        return size;
    }

    /**
     * @return the most events this batch can hold.
     */
    public int capacity() {
        return capacity;
    }

    /**
     * @return true when no more events fit.
     */
    public boolean isFull() {
        return size == capacity;
    }

    /**
     * @param i event index.
     * @return epoch nanoseconds of event {@code i}.
     */
    public long timestampNs(final int i) {
        return timestampNs[checkIndex(i)];
    }

    /**
     * @param i event index.
     * @return the type code of event {@code i} ({@link EventType#code()}).
     */
    public int typeCode(final int i) {
        return type[checkIndex(i)];
    }

    /**
     * @param i event index.
     * @return the type of event {@code i}.
     */
    public EventType type(final int i) {
        return EventType.fromCode(type[checkIndex(i)]);
    }

    /**
     * @param i event index.
     * @return pointer x of event {@code i}, 0 for key events.
     */
    public int x(final int i) {
        return x[checkIndex(i)];
    }

    /**
     * @param i event index.
     * @return pointer y of event {@code i}, 0 for key events.
     */
    public int y(final int i) {
        return y[checkIndex(i)];
    }

    /**
     * @param i event index.
     * @return the fraction of x, 1/256 px, {@code 0..255}: x is {@code x(i) + xFraction(i) / 256} px.
     */
    public int xFraction(final int i) {
        return xFraction[checkIndex(i)] & SubPixel.FRACTION_MASK;
    }

    /**
     * @param i event index.
     * @return the fraction of y, 1/256 px, {@code 0..255}.
     */
    public int yFraction(final int i) {
        return yFraction[checkIndex(i)] & SubPixel.FRACTION_MASK;
    }

    /**
     * @param i event index.
     * @return pointer x in px with its fraction, exact.
     */
    public double xPixels(final int i) {
        return SubPixel.toPixels(x(i), xFraction(i));
    }

    /**
     * @param i event index.
     * @return pointer y in px with its fraction, exact.
     */
    public double yPixels(final int i) {
        return SubPixel.toPixels(y(i), yFraction(i));
    }

    /**
     * @param i event index.
     * @return buttons held (MOVE) or the button (BUTTON_DOWN/UP); 0 otherwise.
     */
    public int buttons(final int i) {
        return buttons[checkIndex(i)];
    }

    /**
     * @param i event index.
     * @return wheel dx of a WHEEL event, 0 otherwise.
     */
    public int wheelDx(final int i) {
        return wheelDx[checkIndex(i)];
    }

    /**
     * @param i event index.
     * @return wheel dy of a WHEEL event, 0 otherwise.
     */
    public int wheelDy(final int i) {
        return wheelDy[checkIndex(i)];
    }

    /**
     * @param i event index.
     * @return key of a KEY_DOWN/KEY_UP event, 0 otherwise.
     */
    public int key(final int i) {
        return key[checkIndex(i)];
    }

    /**
     * @param i event index.
     * @return modifiers of a KEY_DOWN/KEY_UP event, 0 otherwise.
     */
    public int modifiers(final int i) {
        return modifiers[checkIndex(i)];
    }

    /**
     * Compares event {@code i} of this batch with event {@code j} of another, every field.
     *
     * @param i     index here.
     * @param other the other batch.
     * @param j     index there.
     * @return true when all fields are equal.
     */
    public boolean sameEvent(final int i, final EventBatch other, final int j) {
        return timestampNs[i] == other.timestampNs[j] && type[i] == other.type[j] && x[i] == other.x[j]
            && y[i] == other.y[j] && xFraction[i] == other.xFraction[j] && yFraction[i] == other.yFraction[j]
            && buttons[i] == other.buttons[j] && wheelDx[i] == other.wheelDx[j]
            && wheelDy[i] == other.wheelDy[j] && key[i] == other.key[j] && modifiers[i] == other.modifiers[j];
    }

    /**
     * Describes event {@code i} for messages and tools (allocates: not for hot paths).
     *
     * @param i event index.
     * @return a one-line description with every field.
     */
    public String describe(final int i) {
        return "[i=" + i + ", ts=" + timestampNs[i] + ", type=" + EventType.fromCode(type[i])
            + ", x=" + SubPixel.toDecimal(x[i], xFraction[i] & SubPixel.FRACTION_MASK)
            + ", y=" + SubPixel.toDecimal(y[i], yFraction[i] & SubPixel.FRACTION_MASK)
            + ", buttons=" + buttons[i] + ", wheel=(" + wheelDx[i] + "," + wheelDy[i] + ")"
            + ", key=" + key[i] + ", modifiers=" + modifiers[i] + "]";
    }

    /**
     * The timestamp column itself, for scans that filter and sort without a call per field: entries
     * {@code 0 .. size()-1} are valid. Read only; valid until the batch is next filled.
     *
     * @return the column.
     */
    public long[] timestampColumn() {
        return timestampNs;
    }

    /**
     * The type-code column itself, as {@link #timestampColumn()}.
     *
     * @return the column.
     */
    public byte[] typeColumn() {
        return type;
    }

    /**
     * The x column (whole px, rounded down) itself: as {@link #timestampColumn()}.
     *
     * @return the column.
     */
    public int[] xColumn() {
        return x;
    }

    /**
     * The y column (whole px, rounded down) itself: as {@link #timestampColumn()}.
     *
     * @return the column.
     */
    public int[] yColumn() {
        return y;
    }

    /**
     * The x fraction column (1/256 px, unsigned) itself: as {@link #timestampColumn()}.
     *
     * @return the column.
     */
    public byte[] xFractionColumn() {
        return xFraction;
    }

    /**
     * The y fraction column (1/256 px, unsigned) itself: as {@link #timestampColumn()}.
     *
     * @return the column.
     */
    public byte[] yFractionColumn() {
        return yFraction;
    }

    /**
     * The buttons column itself: as {@link #timestampColumn()}.
     *
     * @return the column.
     */
    public int[] buttonsColumn() {
        return buttons;
    }

    /**
     * The wheel dx column itself: as {@link #timestampColumn()}.
     *
     * @return the column.
     */
    public int[] wheelDxColumn() {
        return wheelDx;
    }

    /**
     * The wheel dy column itself: as {@link #timestampColumn()}.
     *
     * @return the column.
     */
    public int[] wheelDyColumn() {
        return wheelDy;
    }

    /**
     * The key column itself: as {@link #timestampColumn()}.
     *
     * @return the column.
     */
    public int[] keyColumn() {
        return key;
    }

    /**
     * The modifier mask column itself: as {@link #timestampColumn()}.
     *
     * @return the column.
     */
    public int[] modifiersColumn() {
        return modifiers;
    }

    /**
     * Makes entries {@code [0, count)} of the wheel columns 0, writing only those not known to be 0 already
     * (a decoder of mouse blocks without wheel events then writes them once, not once per block).
     */
    void zeroWheelColumns(final int count) {
        wheelZeroPrefix = zeroFrom(wheelZeroPrefix, count, wheelDx, wheelDy);
    }

    /**
     * Tells the batch the decoder wrote wheel values from index {@code first} on (after zeroing the columns).
     *
     * @param first the first index written, or -1 for none.
     */
    void wheelColumnsWrittenFrom(final int first) {
        wheelZeroPrefix = first < 0 ? wheelZeroPrefix : Math.min(wheelZeroPrefix, first);
    }

    /** As {@link #zeroWheelColumns(int)}, for the fraction columns (blocks of whole pixels). */
    void zeroFractionColumns(final int count) {
        if (count > fractionZeroPrefix) {
            Arrays.fill(xFraction, fractionZeroPrefix, count, (byte)0);
            Arrays.fill(yFraction, fractionZeroPrefix, count, (byte)0);
            fractionZeroPrefix = count;
        }
    }

    /**
     * As {@link #wheelColumnsWrittenFrom(int)}, for the fraction columns.
     *
     * @param first the first index written, or -1 for none.
     */
    void fractionColumnsWrittenFrom(final int first) {
        fractionZeroPrefix = first < 0 ? fractionZeroPrefix : Math.min(fractionZeroPrefix, first);
    }

    /** As {@link #zeroWheelColumns(int)}, for the key and modifier columns. */
    void zeroKeyColumns(final int count) {
        keyZeroPrefix = zeroFrom(keyZeroPrefix, count, key, modifiers);
    }

    /**
     * As {@link #wheelColumnsWrittenFrom(int)}, for the key and modifier columns.
     *
     * @param first the first index written, or -1 for none.
     */
    void keyColumnsWrittenFrom(final int first) {
        keyZeroPrefix = first < 0 ? keyZeroPrefix : Math.min(keyZeroPrefix, first);
    }

    /** Zeroes {@code [zeroPrefix, count)} of two columns; returns the new zero prefix. */
    private static int zeroFrom(final int zeroPrefix, final int count, final int[] first, final int[] second) {
        if (count <= zeroPrefix) {
            return zeroPrefix;
        }
        Arrays.fill(first, zeroPrefix, count, 0);
        Arrays.fill(second, zeroPrefix, count, 0);
        return count;
    }

    /**
     * Sets the size after the decoder has filled the columns directly, with what it learnt on the way.
     *
     * @param size          events decoded.
     * @param isInTimeOrder true when the decoder found the timestamps never decrease (false: they may).
     */
    void setDecodedSize(final int size, final boolean isInTimeOrder) {
        this.size = size;
        isDecoded = true;
        isDecodedInTimeOrder = isInTimeOrder;
    }

    /** @return the array the decoder fills with the events of each type code, before {@link #setDecodedSize}. */
    int[] decodedTypeCounts() {
        return decodedTypeCounts;
    }

    /**
     * Whether the timestamps are known to never decrease, without reading them: true only when a block decoder
     * filled this batch and saw no step back in time (nothing added since). False says nothing either way. Writes
     * into the column arrays are not tracked: they are read only (see {@link #timestampColumn()}).
     *
     * @return true when the timestamps are known to be in order.
     */
    public boolean isKnownInTimeOrder() {
        return isDecoded && isDecodedInTimeOrder;
    }

    /**
     * Events of one type as the block decoder counted them while decoding (no pass over the type column).
     *
     * @param typeCode an {@link EventType} code.
     * @return the events of that type, or -1 when this batch was not filled by a decoder (or has been added to
     *         since).
     * @throws IllegalArgumentException when {@code typeCode} is not an event type's code.
     */
    public int decodedTypeCount(final int typeCode) {
        if (typeCode < 0 || typeCode >= EventType.COUNT) {
            throw new IllegalArgumentException("typeCode=" + typeCode + " is not an event type (0.."
                + (EventType.COUNT - 1) + ")");
        }
        return isDecoded ? decodedTypeCounts[typeCode] : -1;
    }

    private void addButton(final EventType t, final long timestampNs, final int x, final int y, final int button) {
        final int i = claim(timestampNs, t);
        this.x[i] = x;
        this.y[i] = y;
        this.buttons[i] = button;
    }

    private void addKey(final EventType t, final long timestampNs, final int key, final int modifiers) {
        final int i = claim(timestampNs, t);
        keyZeroPrefix = Math.min(keyZeroPrefix, i);
        this.key[i] = key;
        this.modifiers[i] = modifiers;
    }

    private int claim(final long timestampNs, final EventType t) {
        isDecoded = false;
        final int i = size;
        if (i == capacity) {
            throw new IllegalStateException("batch is full: capacity=" + capacity);
        }
        this.timestampNs[i] = timestampNs;
        this.type[i] = (byte)t.code();
        x[i] = 0;
        y[i] = 0;
        xFraction[i] = 0;
        yFraction[i] = 0;
        buttons[i] = 0;
        wheelDx[i] = 0;
        wheelDy[i] = 0;
        key[i] = 0;
        modifiers[i] = 0;
        size = i + 1;
        return i;
    }

    private int checkIndex(final int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index=" + i + " size=" + size);
        }
        return i;
    }

    @Override
    public String toString() {
        return "EventBatch[size=" + size + ", capacity=" + capacity + "]";
    }
}
