/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.EventType;
import dev.spoor.ingest.EventBuffer;

/**
 * One event as a reader produced it, with its device key, for comparing whole streams.
 *
 * @param device      device key.
 * @param timestampNs epoch ns.
 * @param type        type.
 * @param x           pointer x.
 * @param y           pointer y.
 * @param a           buttons, button, wheel dx or key.
 * @param b           wheel dy or modifiers.
 */
record Event(String device, long timestampNs, EventType type, int x, int y, int a, int b) {
    static Event of(final EventBuffer buffer, final int i) {
        return new Event(buffer.deviceKeys().get(buffer.device(i)), buffer.timestampNs(i),
            EventType.fromCode(buffer.typeCode(i)), buffer.x(i), buffer.y(i), buffer.a(i), buffer.b(i));
    }

    static Event move(final String device, final long ns, final int x, final int y, final int buttons) {
        return new Event(device, ns, EventType.MOVE, x, y, buttons, 0);
    }

    static Event down(final String device, final long ns, final int x, final int y, final int button) {
        return new Event(device, ns, EventType.BUTTON_DOWN, x, y, button, 0);
    }

    static Event up(final String device, final long ns, final int x, final int y, final int button) {
        return new Event(device, ns, EventType.BUTTON_UP, x, y, button, 0);
    }

    static Event wheel(final String device, final long ns, final int x, final int y, final int dx, final int dy) {
        return new Event(device, ns, EventType.WHEEL, x, y, dx, dy);
    }

    static Event keyDown(final String device, final long ns, final int key, final int modifiers) {
        return new Event(device, ns, EventType.KEY_DOWN, 0, 0, key, modifiers);
    }

    static Event keyUp(final String device, final long ns, final int key, final int modifiers) {
        return new Event(device, ns, EventType.KEY_UP, 0, 0, key, modifiers);
    }
}
