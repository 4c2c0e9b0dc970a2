/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.EventBatch;
import dev.spoor.codec.EventType;

/**
 * A reusable window onto the current event of a scan: no copy, no allocation. Valid only inside
 * {@link EventHandler#onEvent(EventView)}; use {@link #toEvent()} to keep one.
 */
public final class EventView {
    private final DeviceKeys keys;
    private long deviceId;
    private EventBatch batch;
    private int index;

    EventView(final DeviceKeys keys) {
        this.keys = keys;
    }

    EventView at(final long device, final EventBatch events, final int i) {
        this.deviceId = device;
        this.batch = events;
        this.index = i;
        return this;
    }

    /** Moves to event {@code i} of the same block (a loop over one block sets its device and batch once). */
    EventView moveTo(final int i) {
        this.index = i;
        return this;
    }

    /**
     * @return the device id.
     */
    public long deviceId() {
        return deviceId;
    }

    /**
     * @return the device's key, or null when the journal has none (looked up, not allocated).
     */
    public String deviceKey() {
        return keys.keyOf(deviceId);
    }

    /**
     * @return epoch nanoseconds.
     */
    public long timestampNs() {
        return batch.timestampNs(index);
    }

    /**
     * @return the type.
     */
    public EventType type() {
        return batch.type(index);
    }

    /**
     * @return the type's code ({@link EventType#code()}).
     */
    public int typeCode() {
        return batch.typeCode(index);
    }

    /**
     * @return pointer x, whole px rounded down (0 for key events); see {@link #xFraction()}.
     */
    public int x() {
        return batch.x(index);
    }

    /**
     * @return pointer y, whole px rounded down (0 for key events); see {@link #yFraction()}.
     */
    public int y() {
        return batch.y(index);
    }

    /**
     * @return the fraction of x in 1/256 px, {@code 0..255} ({@link dev.spoor.codec.SubPixel}): x is
     *         {@code x() + xFraction() / 256} px.
     */
    public int xFraction() {
        return batch.xFraction(index);
    }

    /**
     * @return the fraction of y in 1/256 px, {@code 0..255}.
     */
    public int yFraction() {
        return batch.yFraction(index);
    }

    /**
     * @return pointer x in px with its fraction, exact (0 for key events).
     */
    public double xPixels() {
        return batch.xPixels(index);
    }

    /**
     * @return pointer y in px with its fraction, exact (0 for key events).
     */
    public double yPixels() {
        return batch.yPixels(index);
    }

    /**
     * @return the button (button events) or the buttons held (moves); 0 otherwise.
     */
    public int buttons() {
        return batch.buttons(index);
    }

    /**
     * @return wheel dx (wheel events).
     */
    public int wheelDx() {
        return batch.wheelDx(index);
    }

    /**
     * @return wheel dy (wheel events).
     */
    public int wheelDy() {
        return batch.wheelDy(index);
    }

    /**
     * @return the key (key events).
     */
    public int key() {
        return batch.key(index);
    }

    /**
     * @return the privacy policy version the event's block was sealed under ({@code Journal.policyHistory()}): what
     *         its key column holds (a key code, a key class, nothing) follows that version, not the journal's
     *         current policy.
     */
    public int policyVersion() {
        return batch.tag();
    }

    /**
     * @return the modifiers held (key events).
     */
    public int modifiers() {
        return batch.modifiers(index);
    }

    /**
     * @return this event as an immutable value.
     */
    public Event toEvent() {
        return Event.of(this);
    }
}
