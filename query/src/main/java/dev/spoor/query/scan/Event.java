/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.EventType;

/**
 * One event as an immutable value, for {@link Scanner#stream(Scan)}. Fields that do not apply to the type
 * are 0; {@code deviceKey} is null when the journal knows no key for the device.
 *
 * @param deviceId    the device.
 * @param deviceKey   its key, or null.
 * @param timestampNs epoch nanoseconds.
 * @param type        the type.
 * @param x           pointer x (pointer events).
 * @param y           pointer y (pointer events).
 * @param buttons     the button (button events) or the buttons held (moves).
 * @param wheelDx     wheel dx.
 * @param wheelDy     wheel dy.
 * @param key         the key (key events).
 * @param modifiers   modifiers held (key events).
 */
public record Event(long deviceId, String deviceKey, long timestampNs, EventType type, int x, int y, int buttons,
                    int wheelDx, int wheelDy, int key, int modifiers) {
    static Event of(final EventView view) {
        return new Event(view.deviceId(), view.deviceKey(), view.timestampNs(), view.type(), view.x(), view.y(),
            view.buttons(), view.wheelDx(), view.wheelDy(), view.key(), view.modifiers());
    }
}
