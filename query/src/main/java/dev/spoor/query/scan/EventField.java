/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

/**
 * The fields a scan can deliver. Columnar batches fill only the wanted columns; the others stay empty.
 */
public enum EventField {
    /** Epoch nanoseconds. */
    TIMESTAMP,
    /** The event type. */
    TYPE,
    /** Pointer x and y (pointer events). */
    POSITION,
    /** Button pressed or released (button events), or buttons held (moves). */
    BUTTONS,
    /** Wheel dx and dy. */
    WHEEL,
    /** Key and modifiers (key events). */
    KEY
}
