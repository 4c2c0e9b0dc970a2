/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

/**
 * A forward cursor over an {@link EventBatch}: the flyweight view a scan hands to its caller, one event at
 * a time, without allocating. Re-point it with {@link #of(EventBatch)}; do not keep it past the callback
 * that received it.
 * <pre>
 *   for (cursor.of(batch); cursor.next(); ) {
 *       if (cursor.type() == EventType.MOVE) { path += Math.abs(cursor.x() - lastX); ... }
 *   }
 * </pre>
 */
public final class EventCursor {
    private EventBatch batch;
    private long[] timestamps;
    private byte[] types;
    private int index;
    private int size;

    /**
     * Points the cursor before the first event of {@code batch}.
     *
     * @param batch the events to walk.
     * @return this cursor.
     */
    public EventCursor of(final EventBatch batch) {
        this.batch = batch;
        this.timestamps = batch.timestampColumn();
        this.types = batch.typeColumn();
        this.size = batch.size();
        this.index = -1;
        return this;
    }

    /**
     * Moves to the next event.
     *
     * @return false when there is none.
     */
    public boolean next() {
        if (index + 1 >= size) {
            index = size;
            return false;
        }
        index++;
        return true;
    }

    /**
     * @return the current event's index in the batch.
     */
    public int index() {
        return index;
    }

    /**
     * @return epoch nanoseconds.
     */
    public long timestampNs() {
        return timestamps[index];
    }

    /**
     * @return the event type.
     */
    public EventType type() {
        return EventType.fromCode(types[index]);
    }

    /**
     * @return the event type's code, cheaper than {@link #type()} in a switch over codes.
     */
    public int typeCode() {
        return types[index];
    }

    /**
     * @return pointer x (0 for key events).
     */
    public int x() {
        return batch.xColumn()[index];
    }

    /**
     * @return pointer y (0 for key events).
     */
    public int y() {
        return batch.yColumn()[index];
    }

    /**
     * @return buttons held (MOVE) or the button (BUTTON_DOWN/UP).
     */
    public int buttons() {
        return batch.buttonsColumn()[index];
    }

    /**
     * @return wheel dx (WHEEL).
     */
    public int wheelDx() {
        return batch.wheelDxColumn()[index];
    }

    /**
     * @return wheel dy (WHEEL).
     */
    public int wheelDy() {
        return batch.wheelDyColumn()[index];
    }

    /**
     * @return the key (KEY_DOWN/UP).
     */
    public int key() {
        return batch.keyColumn()[index];
    }

    /**
     * @return the modifiers (KEY_DOWN/UP).
     */
    public int modifiers() {
        return batch.modifiersColumn()[index];
    }
}
