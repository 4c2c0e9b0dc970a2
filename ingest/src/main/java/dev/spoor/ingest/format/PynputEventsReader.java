/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.spoor.codec.Buttons;
import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RejectionKind;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;

/**
 * Streams one pynput recording's {@code events.jsonl} ({@link PynputFormat}) in file order, one event per line
 * (none for {@code pause} and {@code resume}), through {@link JsonLineObjects}.
 * <p>
 * Time: {@code time_stamp} is read exactly from its decimal text (no floating point): an event's time is the
 * anchor ({@link PynputAnchor}) plus its {@code time_stamp} minus the {@code time_stamp} of the file's first
 * line that has one (an event's, or a {@code pause}'s; a line rejected for another field still gives its time), to
 * the nanosecond (digits past the ninth decimal are rounded half-even). Coordinates: integers, or
 * fractions kept to 1/256 px ({@link SubPixel}; macOS points are multiples of 1/256, kept exactly; any other
 * fraction is rounded to the nearest 1/256 and the file gets one warning). Buttons held are tracked from the
 * file's clicks, so a move while the left button is down carries {@link Buttons#LEFT} (a drag); keys carry the
 * modifiers held ({@link PynputKeys}).
 */
final class PynputEventsReader extends LineSourceReader {
    private static final String TIME_STAMP = "time_stamp";
    private static final String ACTION = "action";
    private static final String X = "x";
    private static final String Y = "y";
    private static final String BUTTON = "button";
    private static final String PRESSED = "pressed";
    private static final String DX = "dx";
    private static final String DY = "dy";
    private static final String NAME = "name";
    private static final String ACTIONS = "move, click, scroll, press, release, pause or resume";
    private static final long NS_PER_SECOND = 1_000_000_000L;
    private static final int NS_DIGITS = 9;
    private static final int MAX_FAST_DIGITS = 18;
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L};

    private final JsonLineObjects objects;
    private final JsonLineObjects.FieldHandler fieldHandler = this::field;
    private final long anchorNs;
    private final String deviceKey;
    /** True when the journal keeps key codes: a key without a code of its own is refused, not given a stand-in. */
    private final boolean keyClassesRefused;
    /** The first event's time_stamp, ns; valid once {@link #hasFirst}. */
    private long firstNs;
    private boolean hasFirst;
    /** A line before the anchoring one was rejected without a readable time_stamp: the file is warned once. */
    private boolean isTimeUnknownBeforeAnchor;
    private int buttonsHeld;
    private int modifiersHeld;
    private long pauses;
    /** Decimal coordinates that were not multiples of 1/256 px. */
    private final PixelRounding rounding = new PixelRounding();
    /** The device's index in the buffer being filled, -1 until its first event of this call. */
    private int device;

    // The fields of the line being read.
    private String timeText;
    private String action;
    private long xSubpixels;
    private long ySubpixels;
    private boolean hasX;
    private boolean hasY;
    private String button;
    private int pressed;
    private long dx;
    private long dy;
    private boolean hasDx;
    private boolean hasDy;
    private String name;
    private boolean hasName;

    /**
     * @param file        the events file.
     * @param options     line limit, start, time zone, device key, whether the journal keeps key codes.
     * @param diagnostics rejections and warnings.
     * @param json        the format's factory.
     * @throws IOException when the file cannot be opened.
     * @throws dev.spoor.ingest.IngestException when the recording cannot be placed in time ({@link PynputAnchor}).
     */
    PynputEventsReader(final Path file, final ParseOptions options, final Diagnostics diagnostics,
        final JsonFactory json) throws IOException {
        super(file, true, JSON_CONTROLS, options, diagnostics);
        boolean isOpen = false;
        try {
            this.anchorNs = PynputAnchor.startNs(file, options, json);
            this.deviceKey = options.deviceKey() != null ? options.deviceKey() : PynputFormat.deviceKeyOf(file);
            this.keyClassesRefused = options.keyClassesRefused();
            this.objects = new JsonLineObjects(json, lines);
            isOpen = true;
        } finally {
            if (!isOpen) {
                super.close();
            }
        }
    }

    @Override
    public int read(final EventBuffer into) throws IOException {
        requireRoom(into);
        device = -1;
        int added = 0;
        while (into.remaining() > 0) {
            try {
                clearLine();
                if (!objects.next(fieldHandler)) {
                    endOfFile();
                    break;
                }
                anchorOnFirstTime();
                if (add(into)) {
                    added++;
                }
            } catch (final BadRow bad) {
                rejections.reject(objects.lineNumber(), bad);
                anchorOnFirstTime();
            }
        }
        return added;
    }

    @Override
    public void close() throws IOException {
        try {
            objects.close();
        } finally {
            super.close();
        }
    }

    /**
     * @param field the field, for messages.
     * @param text  seconds in decimal: {@code 150160.965463208}, {@code -2}, {@code 1.5e-05}.
     * @return the same in ns, exact to 9 decimals, further digits rounded half-even.
     * @throws BadRow MALFORMED when it is not a number, TIMESTAMP_OUT_OF_RANGE when it does not fit 64 bits.
     */
    static long secondsToNs(final String field, final String text) {
        final long fast = fastSecondsToNs(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        final BigDecimal seconds;
        try {
            seconds = new BigDecimal(text);
        } catch (final NumberFormatException e) {
            throw BadRow.malformed(field, text, "is not a number of seconds");
        }
        try {
            return seconds.movePointRight(NS_DIGITS).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        } catch (final ArithmeticException e) {
            throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, field, text, "is more seconds than 64 bits of ns"
                + " hold");
        }
    }

    /** Plain {@code [-]digits[.digits]} with at most 18 + 9 digits, else Long.MIN_VALUE. */
    private static long fastSecondsToNs(final String text) {
        final int length = text.length();
        int i = length > 0 && text.charAt(0) == '-' ? 1 : 0;
        final boolean isNegative = i == 1;
        final int wholeStart = i;
        long whole = 0;
        for (; i < length && isDigit(text.charAt(i)); i++) {
            if (i - wholeStart == MAX_FAST_DIGITS) {
                return Long.MIN_VALUE;
            }
            whole = whole * 10 + text.charAt(i) - '0';
        }
        if (i == wholeStart) {
            return Long.MIN_VALUE;
        }
        long fraction = 0;
        int fractionDigits = 0;
        if (i < length && text.charAt(i) == '.') {
            for (i++; i < length && isDigit(text.charAt(i)); i++) {
                if (fractionDigits == NS_DIGITS) {
                    return Long.MIN_VALUE;
                }
                fraction = fraction * 10 + text.charAt(i) - '0';
                fractionDigits++;
            }
        }
        if (i != length || whole > Long.MAX_VALUE / NS_PER_SECOND - 1) {
            return Long.MIN_VALUE;
        }
        final long ns = whole * NS_PER_SECOND + fraction * POWERS_OF_TEN[NS_DIGITS - fractionDigits];
        return isNegative ? -ns : ns;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private void clearLine() {
        timeText = null;
        action = null;
        hasX = false;
        hasY = false;
        button = null;
        pressed = 0;
        hasDx = false;
        hasDy = false;
        name = null;
        hasName = false;
    }

    private void field(final JsonParser parser, final String field, final JsonToken value) throws IOException {
        switch (field) {
            case TIME_STAMP:
                timeText = number(parser, field, value);
                break;
            case ACTION:
                action = string(parser, field, value);
                break;
            case X:
                xSubpixels = coordinate(parser, field, value);
                hasX = true;
                break;
            case Y:
                ySubpixels = coordinate(parser, field, value);
                hasY = true;
                break;
            case BUTTON:
                button = string(parser, field, value);
                break;
            case PRESSED:
                if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                    throw BadRow.malformed(field, text(parser, value), "is not true or false");
                }
                pressed = value == JsonToken.VALUE_TRUE ? 1 : 2;
                break;
            case DX:
                dx = integer(parser, field, value);
                hasDx = true;
                break;
            case DY:
                dy = integer(parser, field, value);
                hasDy = true;
                break;
            case NAME:
                if (value != JsonToken.VALUE_NULL) {
                    name = string(parser, field, value);
                }
                hasName = true;
                break;
            default:
                parser.skipChildren(); // other recorders' extra fields (window titles, URLs): never read
                break;
        }
    }

    /** Adds the line's event; false for a line that is none (pause, resume). */
    private boolean add(final EventBuffer into) {
        if (action == null) {
            throw BadRow.malformed(ACTION, null, "is missing");
        }
        final EventType type;
        int a = 0;
        int b = 0;
        switch (action) {
            case "move":
                type = EventType.MOVE;
                requirePointer();
                a = buttonsHeld;
                break;
            case "click":
                requirePointer();
                a = button();
                if (pressed == 0) {
                    throw BadRow.malformed(PRESSED, null, "is missing (true for a button down, false for up)");
                }
                type = pressed == 1 ? EventType.BUTTON_DOWN : EventType.BUTTON_UP;
                break;
            case "scroll":
                type = EventType.WHEEL;
                requirePointer();
                a = require(DX, hasDx, dx);
                b = require(DY, hasDy, dy);
                break;
            case "press":
            case "release":
                type = action.equals("press") ? EventType.KEY_DOWN : EventType.KEY_UP;
                if (!hasName) {
                    throw BadRow.malformed(NAME, null, "is missing (the key's character or name)");
                }
                if (keyClassesRefused && !PynputKeys.isExact(name)) {
                    throw BadRow.malformed(NAME, name, "has no key code of its own (without the keyboard layout only"
                        + " A-Z, 0-9, space, tab, enter and named keys have one), and this journal keeps key codes"
                        + " (--keys code): refused rather than stored as a stand-in; --keys class stores its class");
                }
                a = PynputKeys.keyCode(name);
                break;
            case "pause":
            case "resume":
                pauses++;
                return false;
            default:
                throw BadRow.malformed(ACTION, action, "is not " + ACTIONS);
        }
        final long timestampNs = timestamp();
        // State changes only once the line is taken: a rejected line leaves the held buttons and keys alone.
        if (type == EventType.BUTTON_DOWN) {
            buttonsHeld |= a;
        } else if (type == EventType.BUTTON_UP) {
            buttonsHeld &= ~a;
        } else if (type == EventType.KEY_DOWN || type == EventType.KEY_UP) {
            final int bit = PynputKeys.modifierBit(a);
            modifiersHeld = type == EventType.KEY_DOWN ? modifiersHeld | bit : modifiersHeld & ~bit;
            b = modifiersHeld;
        }
        if (device < 0) {
            device = into.device(deviceKey);
        }
        if (type == EventType.KEY_DOWN || type == EventType.KEY_UP) {
            into.add(device, timestampNs, type, 0, 0, a, b);
        } else {
            into.addSubPixel(device, timestampNs, type, xSubpixels, ySubpixels, a, b);
        }
        return true;
    }

    /**
     * The first line with a readable time_stamp anchors the file, whatever else it holds (a pause, a bad field); one
     * rejected before it without a time leaves the anchor one line late, which the file is warned of.
     */
    private void anchorOnFirstTime() {
        if (hasFirst) {
            return;
        }
        long ns = Long.MIN_VALUE;
        if (timeText != null) {
            try {
                ns = secondsToNs(TIME_STAMP, timeText);
            } catch (final BadRow unreadable) {
                // no time to anchor on: as if the line had none
            }
        }
        if (ns == Long.MIN_VALUE) {
            isTimeUnknownBeforeAnchor = true;
            return;
        }
        hasFirst = true;
        firstNs = ns;
        if (isTimeUnknownBeforeAnchor) {
            rejections.warn("line " + objects.lineNumber() + " is the first with a readable time_stamp, so it is"
                + " stored at " + Timestamps.iso(anchorNs) + " (the start given); the rejected line(s) before it"
                + " may have been earlier, and then every time of the file is early by that gap");
        }
    }

    private long timestamp() {
        if (timeText == null) {
            throw BadRow.malformed(TIME_STAMP, null, "is missing");
        }
        final long ns = secondsToNs(TIME_STAMP, timeText);
        final long first = hasFirst ? firstNs : ns;
        long timestampNs = -1;
        try {
            timestampNs = Math.addExact(anchorNs, Math.subtractExact(ns, first));
        } catch (final ArithmeticException e) {
            // reported below
        }
        if (timestampNs < 0) {
            throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, TIME_STAMP, timeText, "is " + (ns - first)
                + " ns after the first event's, which is stored at " + Timestamps.iso(anchorNs) + ": outside"
                + " 1970-01-01T00:00:00Z .. 2262-04-11T23:47:16.854775807Z");
        }
        if (!hasFirst) {
            hasFirst = true;
            firstNs = ns;
        }
        return timestampNs;
    }

    private void requirePointer() {
        if (!hasX) {
            throw BadRow.malformed(X, null, "is missing");
        }
        if (!hasY) {
            throw BadRow.malformed(Y, null, "is missing");
        }
    }

    private int button() {
        if (button == null) {
            throw BadRow.malformed(BUTTON, null, "is missing");
        }
        final int bit = Buttons.ofName(button.startsWith("Button.") ? button.substring("Button.".length()) : button);
        if (bit < 0) {
            throw BadRow.malformed(BUTTON, button, "is not left, right, middle, x1 or x2");
        }
        return bit;
    }

    private static int require(final String field, final boolean isThere, final long value) {
        if (!isThere) {
            throw BadRow.malformed(field, null, "is missing");
        }
        if (value != (int)value) {
            throw BadRow.malformed(field, Long.toString(value), "is not a 32-bit integer");
        }
        return (int)value;
    }

    private void endOfFile() {
        if (pauses > 0) {
            rejections.warn(pauses + " pause/resume lines were not stored as events: the recorder was paused, so"
                + " the gaps between them hold no input");
            pauses = 0;
        }
        rounding.warnOfRounded(rejections);
    }

    private long coordinate(final JsonParser parser, final String field, final JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return SubPixel.of(intValue(parser, field), 0);
        }
        if (value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw BadRow.malformed(field, text(parser, value), "is not a number");
        }
        try {
            return rounding.subpixels(parser.getDoubleValue());
        } catch (final IllegalArgumentException e) {
            throw BadRow.malformed(field, parser.getText(), "is outside the 32-bit pixel range");
        }
    }

    private static long integer(final JsonParser parser, final String field, final JsonToken value)
        throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw BadRow.malformed(field, text(parser, value), "is not an integer");
        }
        return intValue(parser, field);
    }

    private static int intValue(final JsonParser parser, final String field) throws IOException {
        try {
            final long value = parser.getLongValue();
            if (value == (int)value) {
                return (int)value;
            }
        } catch (final InputCoercionException e) {
            // beyond 64 bits: reported below
        }
        throw BadRow.malformed(field, parser.getText(), "is not a 32-bit integer");
    }

    private static String number(final JsonParser parser, final String field, final JsonToken value)
        throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw BadRow.malformed(field, text(parser, value), "is not a number");
        }
        return parser.getText();
    }

    private static String string(final JsonParser parser, final String field, final JsonToken value)
        throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw BadRow.malformed(field, text(parser, value), "is not a string");
        }
        return parser.getText();
    }

    /** The value as written, for a message; null for an object or array (not read). */
    private static String text(final JsonParser parser, final JsonToken value) throws IOException {
        return value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY ? null : parser.getText();
    }
}
