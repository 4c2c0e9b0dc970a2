/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoor.codec.Buttons;
import dev.spoor.codec.EventType;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.PrefixHash;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.RejectionKind;
import dev.spoor.ingest.SourceReader;
import dev.spoor.ingest.format.mcap.McapChannel;
import dev.spoor.ingest.format.mcap.McapFormatException;
import dev.spoor.ingest.format.mcap.McapReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Streams one OWAMcap file ({@link OwaMcapFormat}) as mouse and key events, message by message, with Jackson's
 * streaming parser over each JSON payload. Memory: one MCAP chunk and one payload.
 */
final class OwaMcapReader implements SourceReader {
    private static final String MOUSE = "mouse";
    private static final String KEYBOARD = "keyboard";
    private static final long MAX_EPOCH_NS = Long.MAX_VALUE;
    /** The largest Windows virtual-key code (the codes are one byte). */
    private static final int MAX_VIRTUAL_KEY = 255;

    private final Path file;
    private final JsonFactory json;
    private final Diagnostics diagnostics;
    private final String deviceKey;
    private final Map<String, Long> notStored = new TreeMap<>();
    private McapReader mcap;
    private McapFormatException failure;
    private boolean isDone;
    private long bytesCovered;
    private long coveredHash;
    private long messagesCovered;
    private int buttonsHeld;
    private int modifiers;
    /** The device's index in the buffer being filled, -1 until its first event of this call. */
    private int device;
    // the payload's fields, reset for each message
    private String eventType;
    private String button;
    private Boolean pressed;
    private long x;
    private long y;
    private long dx;
    private long dy;
    private long vk;
    private int fieldsSeen;

    OwaMcapReader(final Path file, final JsonFactory json, final Diagnostics diagnostics) throws IOException {
        this.file = file;
        this.json = json;
        this.diagnostics = diagnostics;
        this.deviceKey = OwaMcapFormat.deviceKey(file);
        try {
            this.mcap = new McapReader(file);
        } catch (final McapFormatException e) {
            this.failure = e; // reported by the first read, through the diagnostics
        }
    }

    @Override
    public int read(final EventBuffer into) throws IOException {
        if (into.remaining() == 0) {
            throw new IllegalArgumentException("the event buffer is full (" + into.size() + " of " + into.capacity()
                + " events): a read needs room for at least one event");
        }
        if (isDone) {
            return 0;
        }
        if (failure != null) {
            refuse(failure);
            return 0;
        }
        device = -1;
        int added = 0;
        while (into.remaining() > 0) {
            final boolean hasMessage;
            try {
                hasMessage = mcap.nextMessage();
            } catch (final McapFormatException e) {
                refuse(e);
                return added;
            }
            if (!hasMessage) {
                finish(mcap.position(), mcap.consumedCrc32c());
                return added;
            }
            try {
                added += take(mcap.channel(), into);
            } catch (final BadRow bad) {
                diagnostics.reject(new Rejection(file, mcap.messagesRead(), bad.kind(), bad.field(), bad.value(),
                    bad.getMessage()));
            }
        }
        return added;
    }

    @Override
    public long linesRead() {
        return messagesCovered;
    }

    @Override
    public long bytesCovered() {
        return bytesCovered;
    }

    @Override
    public long coveredHash() {
        return coveredHash;
    }

    @Override
    public void close() throws IOException {
        if (mcap != null) {
            mcap.close();
        }
    }

    /** Reports why the rest of the file gives nothing, once. */
    private void refuse(final McapFormatException e) throws IOException {
        final long line = mcap == null ? 1 : mcap.messagesRead() + 1;
        if (e.isTruncated()) {
            diagnostics.reject(new Rejection(file, line, RejectionKind.INCOMPLETE_LAST_LINE, e.record(),
                "offset " + e.offset(), e.problem() + "; taken whole by the first run after it is finished"));
            isDone = true;
            warnNotStored();
            return;
        }
        diagnostics.reject(new Rejection(file, line, RejectionKind.MALFORMED, e.record(), "offset " + e.offset(),
            e.problem() + "; the rest of the file is not read"));
        final long size = Files.size(file);
        finish(size, PrefixHash.of(file, size));
    }

    private void finish(final long bytes, final long hash) {
        isDone = true;
        bytesCovered = bytes;
        coveredHash = hash;
        messagesCovered = mcap == null ? 0 : mcap.messagesRead();
        warnNotStored();
    }

    private void warnNotStored() {
        if (!notStored.isEmpty()) {
            diagnostics.warn(file, "not stored, by design: " + notStored.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + " messages"
                + " (screen frame references, window titles, key and button state snapshots)");
        }
    }

    /** Adds the current message's event, if its topic is stored; returns the events added. */
    private int take(final McapChannel channel, final EventBuffer into) {
        final String topic = channel.topic();
        final boolean isMouse = MOUSE.equals(topic);
        if (!isMouse && !KEYBOARD.equals(topic)) {
            notStored.merge(topic, 1L, Long::sum);
            return 0;
        }
        if (!"json".equals(channel.messageEncoding())) {
            throw BadRow.malformed(topic, channel.messageEncoding(), "message encoding is not json");
        }
        final long timestampNs = mcap.logTimeNs();
        if (timestampNs < 0 || timestampNs > MAX_EPOCH_NS) {
            throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, "log_time", Long.toUnsignedString(timestampNs),
                "is after 2262-04-11T23:47:16.854775807Z, the last instant epoch ns can hold in 64 bits");
        }
        parse(topic);
        if (device < 0) {
            device = into.device(deviceKey);
        }
        if (isMouse) {
            addMouse(into, timestampNs);
        } else {
            addKey(into, timestampNs);
        }
        return 1;
    }

    private void addMouse(final EventBuffer into, final long timestampNs) {
        require(eventType != null, "event_type");
        require(has(Field.X) && has(Field.Y), has(Field.X) ? "y" : "x");
        final int px = (int)x;
        final int py = (int)y;
        switch (eventType) {
            case "move":
                into.add(device, timestampNs, EventType.MOVE, px, py, buttonsHeld, 0);
                return;
            case "drag":
                into.add(device, timestampNs, EventType.MOVE, px, py, buttonsHeld == 0 ? Buttons.LEFT : buttonsHeld,
                    0);
                return;
            case "click":
                require(pressed != null, "pressed");
                require(button != null, "button");
                final int bit = button(button);
                buttonsHeld = pressed ? buttonsHeld | bit : buttonsHeld & ~bit;
                into.add(device, timestampNs, pressed ? EventType.BUTTON_DOWN : EventType.BUTTON_UP, px, py, bit, 0);
                return;
            case "scroll":
                into.add(device, timestampNs, EventType.WHEEL, px, py, (int)dx, (int)dy);
                return;
            default:
                throw BadRow.malformed("event_type", eventType, "is not move, click, scroll or drag");
        }
    }

    private void addKey(final EventBuffer into, final long timestampNs) {
        require(eventType != null, "event_type");
        require(has(Field.VK), "vk");
        final boolean isUp;
        if ("press".equals(eventType)) {
            isUp = false;
        } else if ("release".equals(eventType)) {
            isUp = true;
        } else {
            throw BadRow.malformed("event_type", eventType, "is not press or release");
        }
        if (vk < 0 || vk > MAX_VIRTUAL_KEY) {
            throw BadRow.malformed("vk", Long.toString(vk), "is not a Windows virtual-key code (0 to 255)");
        }
        final int key = (int)vk;
        final int bit = VirtualKeys.modifierBit(VirtualKeys.generic(key));
        modifiers = isUp ? modifiers & ~bit : modifiers | bit;
        into.add(device, timestampNs, isUp ? EventType.KEY_UP : EventType.KEY_DOWN, 0, 0, key, modifiers);
    }

    private static int button(final String name) {
        final int button = "unknown".equals(name) ? Buttons.NONE : Buttons.ofName(name);
        if (button < 0) {
            throw BadRow.malformed("button", name, "is not left, right, middle, x1, x2 or unknown");
        }
        return button;
    }

    private static void require(final boolean isPresent, final String field) {
        if (!isPresent) {
            throw BadRow.malformed(field, null, "is missing");
        }
    }

    private boolean has(final Field field) {
        return (fieldsSeen & field.bit) != 0;
    }

    /** The payload's fields this format reads; others (timestamp) are skipped. */
    private enum Field {
        X, Y, DX, DY, VK;

        final int bit = 1 << ordinal();
    }

    /** Reads the payload's fields; a payload that is not a JSON object of the schema's types is a BadRow. */
    private void parse(final String topic) {
        eventType = null;
        button = null;
        pressed = null;
        dx = 0;
        dy = 0;
        fieldsSeen = 0;
        try (JsonParser parser = json.createParser(mcap.data(), mcap.dataOffset(), mcap.dataLength())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw BadRow.malformed(topic, null, "payload is not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                field(parser, name, value);
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw BadRow.malformed(topic, null, "payload is not one JSON object");
            }
        } catch (final JsonProcessingException e) {
            throw BadRow.malformed(topic, null, "payload is not JSON: " + e.getOriginalMessage());
        } catch (final IOException e) {
            throw BadRow.malformed(topic, null, "payload cannot be read: " + e.getMessage());
        }
    }

    private void field(final JsonParser parser, final String name, final JsonToken value) throws IOException {
        switch (name) {
            case "event_type":
                eventType = text(parser, name, value);
                break;
            case "button":
                button = value == JsonToken.VALUE_NULL ? null : text(parser, name, value);
                break;
            case "pressed":
                if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                    pressed = value == JsonToken.VALUE_TRUE;
                } else if (value != JsonToken.VALUE_NULL) {
                    throw BadRow.malformed(name, parser.getText(), "is not true, false or null");
                }
                break;
            case "x":
                x = integer(parser, name, value, Field.X);
                break;
            case "y":
                y = integer(parser, name, value, Field.Y);
                break;
            case "dx":
                dx = value == JsonToken.VALUE_NULL ? 0 : integer(parser, name, value, Field.DX);
                break;
            case "dy":
                dy = value == JsonToken.VALUE_NULL ? 0 : integer(parser, name, value, Field.DY);
                break;
            case "vk":
                vk = integer(parser, name, value, Field.VK);
                break;
            default:
                parser.skipChildren();
        }
    }

    private static String text(final JsonParser parser, final String name, final JsonToken value)
        throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw BadRow.malformed(name, parser.getText(), "is not a string");
        }
        return parser.getText();
    }

    private long integer(final JsonParser parser, final String name, final JsonToken value, final Field field)
        throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            throw BadRow.malformed(name, parser.getText(), "is not a 32-bit integer");
        }
        fieldsSeen |= field.bit;
        return parser.getIntValue();
    }
}
