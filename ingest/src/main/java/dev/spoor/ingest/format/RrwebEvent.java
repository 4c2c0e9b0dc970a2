/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.spoor.codec.SubPixel;
import dev.spoor.ingest.RejectionKind;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The fields of one rrweb event that ingest uses, read from a streaming parser without building a tree: the
 * event's {@code type}, {@code timestamp} and {@code sessionId}, and of its {@code data} the {@code source},
 * {@code type}, {@code x}, {@code y}, {@code button}, {@code width}, {@code height} and {@code positions}.
 * Everything else (DOM snapshots and mutations, form values, page URLs) is passed over with
 * {@link JsonParser#skipChildren()} or left unread: a string the reader does not use is never decoded. Reused
 * from event to event. Not thread safe.
 * <p>
 * Times: {@code timestamp} is epoch ms and {@code timeOffset} ms (0 or negative), integers or, in newer
 * recorders, decimals; both are converted exactly to ns (a decimal finer than 1 ns is rounded half-even to
 * the ns). Coordinates are CSS px, integers or decimals, kept to 1/256 px ({@link SubPixel#ofPixels}).
 */
final class RrwebEvent {
    /** Coordinates that were not multiples of 1/256 px, for the file's warning ({@link #warnOfRounded}). */
    private final PixelRounding rounding = new PixelRounding();

    /** Positions one MouseMove, TouchMove or Drag event may carry; more rejects the event (hostile input). */
    static final int MAX_POSITIONS = 1 << 16;
    /** Longest sessionId taken as a device key. */
    static final int MAX_SESSION_ID_CHARS = 128;

    private static final long NS_PER_MS = 1_000_000L;
    private static final String UNIT = "epoch ms (rrweb's unit)";

    /** The event's {@code type}, -1 when absent. */
    int type;
    /** True when {@code timestamp} was present. */
    boolean hasTimestamp;
    /** {@code timestamp} in epoch ns. */
    long timestampNs;
    /** The {@code sessionId} when it is a plain identifier, else null. */
    String sessionId;
    /** {@code data.source}, -1 when absent. */
    int source;
    /** {@code data.type}, -1 when absent. */
    int dataType;
    /** True when {@code data.x} and {@code data.y} were both present. */
    boolean hasPoint;
    /** {@code data.x}, subpixels. */
    long x;
    /** {@code data.y}, subpixels. */
    long y;
    /** {@code data.button} (DOM MouseEvent.button), -1 when absent. */
    int button;
    /** {@code data.width}, -1 when absent (or not an integer). */
    long width;
    /** {@code data.height}, -1 when absent. */
    long height;
    /** Positions in {@code data.positions}. */
    int positions;
    /** x of each position, subpixels. */
    long[] positionX = new long[16];
    /** y of each position, subpixels. */
    long[] positionY = new long[16];
    /** timeOffset of each position, ns. */
    long[] positionOffsetNs = new long[16];

    private boolean hasX;
    private boolean hasY;

    /**
     * Reads one event object; the parser is on its START_OBJECT and is left on its END_OBJECT.
     *
     * @param parser the parser.
     * @throws BadRow when a field the reader uses has a value it cannot take (the parser is then somewhere
     *                inside the object).
     * @throws IOException when the JSON is broken or cannot be read.
     */
    void read(final JsonParser parser) throws IOException {
        clear();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            switch (name) {
                case "type":
                    type = smallInt(parser, value, "type");
                    break;
                case "timestamp":
                    timestampNs = timestampNs(parser, value);
                    hasTimestamp = true;
                    break;
                case "sessionId":
                    sessionId = value == JsonToken.VALUE_STRING ? plainId(parser.getText()) : null;
                    break;
                case "data":
                    if (value == JsonToken.START_OBJECT) {
                        readData(parser);
                    } else {
                        parser.skipChildren();
                    }
                    break;
                default:
                    parser.skipChildren();
                    break;
            }
        }
        hasPoint = hasX && hasY;
    }

    private void clear() {
        type = -1;
        hasTimestamp = false;
        timestampNs = 0;
        sessionId = null;
        source = -1;
        dataType = -1;
        hasX = false;
        hasY = false;
        hasPoint = false;
        button = -1;
        width = -1;
        height = -1;
        positions = 0;
    }

    private void readData(final JsonParser parser) throws IOException {
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            switch (name) {
                case "source":
                    source = smallInt(parser, value, "data.source");
                    break;
                case "type":
                    dataType = smallInt(parser, value, "data.type");
                    break;
                case "button":
                    button = smallInt(parser, value, "data.button");
                    break;
                case "x":
                    x = coordinate(parser, value, "data.x");
                    hasX = true;
                    break;
                case "y":
                    y = coordinate(parser, value, "data.y");
                    hasY = true;
                    break;
                case "width":
                    width = value == JsonToken.VALUE_NUMBER_INT ? parser.getValueAsLong(-1) : -1;
                    break;
                case "height":
                    height = value == JsonToken.VALUE_NUMBER_INT ? parser.getValueAsLong(-1) : -1;
                    break;
                case "positions":
                    readPositions(parser, value);
                    break;
                default:
                    parser.skipChildren(); // DOM nodes, mutations, form values, href: never decoded
                    break;
            }
        }
    }

    private void readPositions(final JsonParser parser, final JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw BadRow.malformed("data.positions", text(parser, value), "is not an array");
        }
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            final String field = "data.positions[" + positions + "]";
            if (token != JsonToken.START_OBJECT) {
                throw BadRow.malformed(field, text(parser, token), "is not an object {x, y, id, timeOffset}");
            }
            if (positions == MAX_POSITIONS) {
                throw BadRow.malformed("data.positions", null, "holds more than " + MAX_POSITIONS
                    + " positions; one rrweb batch holds a few dozen");
            }
            readPosition(parser, field);
        }
    }

    private void readPosition(final JsonParser parser, final String field) throws IOException {
        if (positions == positionX.length) {
            positionX = Arrays.copyOf(positionX, 2 * positions);
            positionY = Arrays.copyOf(positionY, 2 * positions);
            positionOffsetNs = Arrays.copyOf(positionOffsetNs, 2 * positions);
        }
        boolean hasPositionX = false;
        boolean hasPositionY = false;
        long offsetNs = 0;
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            switch (name) {
                case "x":
                    positionX[positions] = coordinate(parser, value, field + ".x");
                    hasPositionX = true;
                    break;
                case "y":
                    positionY[positions] = coordinate(parser, value, field + ".y");
                    hasPositionY = true;
                    break;
                case "timeOffset":
                    offsetNs = offsetNs(parser, value, field + ".timeOffset");
                    break;
                default:
                    parser.skipChildren();
                    break;
            }
        }
        if (!hasPositionX || !hasPositionY) {
            throw BadRow.malformed(field + (hasPositionX ? ".y" : ".x"), null, "is missing");
        }
        positionOffsetNs[positions] = offsetNs;
        positions++;
    }

    private static int smallInt(final JsonParser parser, final JsonToken value, final String field)
        throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            final long n = parser.getValueAsLong(Long.MIN_VALUE);
            if (n >= 0 && n <= Integer.MAX_VALUE) {
                return (int)n;
            }
        }
        throw BadRow.malformed(field, text(parser, value), "is not a whole number 0 or more");
    }

    /**
     * Warns of the coordinates rounded to 1/256 px since the last call: at the end of a file.
     *
     * @param rejections the file's warnings.
     */
    void warnOfRounded(final LineRejections rejections) {
        rounding.warnOfRounded(rejections);
    }

    private long coordinate(final JsonParser parser, final JsonToken value, final String field)
        throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                return rounding.subpixels(parser.getDoubleValue());
            } catch (final IllegalArgumentException e) {
                throw BadRow.malformed(field, parser.getText(), "is outside the int range of pixels");
            }
        }
        throw BadRow.malformed(field, text(parser, value), "is not a number (CSS px)");
    }

    private static long timestampNs(final JsonParser parser, final JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            final long ms;
            try {
                ms = parser.getLongValue();
            } catch (final InputCoercionException e) {
                throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, "timestamp", parser.getText(),
                    "read as " + UNIT + ", it does not fit 64 bits");
            }
            return Timestamps.scale("timestamp", parser.getText(), ms, TimeUnit.MILLISECONDS, UNIT);
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            final long ns = msToNs(parser.getDecimalValue(), "timestamp", parser.getText());
            if (ns < 0) {
                throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, "timestamp", parser.getText(),
                    "read as " + UNIT + ", it is before 1970-01-01T00:00:00Z");
            }
            return ns;
        }
        throw BadRow.malformed("timestamp", text(parser, value), "is not a number (epoch ms)");
    }

    private static long offsetNs(final JsonParser parser, final JsonToken value, final String field)
        throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            final long ms = parser.getValueAsLong(Long.MIN_VALUE);
            if (Math.abs(ms) <= Long.MAX_VALUE / NS_PER_MS) {
                return ms * NS_PER_MS;
            }
        } else if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            return msToNs(parser.getDecimalValue(), field, parser.getText());
        } else {
            throw BadRow.malformed(field, text(parser, value), "is not a number (ms)");
        }
        throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, field, parser.getText(), "does not fit 64 bits of ns");
    }

    /** ms, exact decimal, to ns: exact, rounded half-even below 1 ns. */
    private static long msToNs(final BigDecimal ms, final String field, final String text) {
        final BigDecimal ns = ms.movePointRight(6);
        final int integerDigits = ns.precision() - ns.scale();
        if (integerDigits < 0) {
            return 0; // under 0.1 ns; also keeps 1e-999999999 from a division by 10^999999999
        }
        if (integerDigits > 19) {
            throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, field, text, "does not fit 64 bits of ns");
        }
        try {
            return ns.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        } catch (final ArithmeticException e) {
            throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, field, text, "does not fit 64 bits of ns");
        }
    }

    /** The value as text for a message: scalars as written, objects and arrays by kind (and skipped). */
    private static String text(final JsonParser parser, final JsonToken value) throws IOException {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            return value == JsonToken.START_OBJECT ? "{...}" : "[...]";
        }
        return parser.getText();
    }

    /** A sessionId fit for a device key: 1..128 letters, digits, '.', '_', ':' or '-'; else null. */
    private static String plainId(final String id) {
        if (id.isEmpty() || id.length() > MAX_SESSION_ID_CHARS) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            final char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == ':' || c == '-')) {
                return null;
            }
        }
        return id;
    }
}
