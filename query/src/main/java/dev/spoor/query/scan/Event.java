/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;

/**
 * One event as an immutable value, for {@link Scanner#stream(Scan)}. Fields that do not apply to the type
 * are 0; {@code deviceKey} is null when the journal knows no key for the device.
 *
 * @param deviceId    the device.
 * @param deviceKey   its key, or null.
 * @param timestampNs epoch nanoseconds.
 * @param type        the type.
 * @param x           pointer x, whole px rounded down (pointer events).
 * @param y           pointer y, whole px rounded down (pointer events).
 * @param buttons     the button (button events) or the buttons held (moves).
 * @param wheelDx     wheel dx.
 * @param wheelDy     wheel dy.
 * @param key         the key (key events).
 * @param modifiers   modifiers held (key events).
 * @param xFraction   fraction of x, 1/256 px ({@link SubPixel}).
 * @param yFraction   fraction of y, 1/256 px.
 */
public record Event(long deviceId, String deviceKey, long timestampNs, EventType type, int x, int y, int buttons,
                    int wheelDx, int wheelDy, int key, int modifiers, int xFraction, int yFraction) {
    /**
     * An event at whole pixels.
     *
     * @param deviceId    the device.
     * @param deviceKey   its key, or null.
     * @param timestampNs epoch nanoseconds.
     * @param type        the type.
     * @param x           pointer x, px.
     * @param y           pointer y, px.
     * @param buttons     the button or the buttons held.
     * @param wheelDx     wheel dx.
     * @param wheelDy     wheel dy.
     * @param key         the key.
     * @param modifiers   modifiers held.
     */
    public Event(final long deviceId, final String deviceKey, final long timestampNs, final EventType type,
        final int x, final int y, final int buttons, final int wheelDx, final int wheelDy, final int key,
        final int modifiers) {
        this(deviceId, deviceKey, timestampNs, type, x, y, buttons, wheelDx, wheelDy, key, modifiers, 0, 0);
    }

    static Event of(final EventView view) {
        return new Event(view.deviceId(), view.deviceKey(), view.timestampNs(), view.type(), view.x(), view.y(),
            view.buttons(), view.wheelDx(), view.wheelDy(), view.key(), view.modifiers(), view.xFraction(),
            view.yFraction());
    }

    /**
     * @return x in px with its fraction, exact.
     */
    public double xPixels() {
        return SubPixel.toPixels(x, xFraction);
    }

    /**
     * @return y in px with its fraction, exact.
     */
    public double yPixels() {
        return SubPixel.toPixels(y, yFraction);
    }
}
