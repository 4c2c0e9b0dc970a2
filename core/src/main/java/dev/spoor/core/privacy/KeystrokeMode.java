/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.privacy;

/** What a journal keeps of each keystroke. The character typed is never stored, under any mode. */
public enum KeystrokeMode {
    /** No key events at all (they are counted as dropped). */
    DROP,
    /** The key's {@link KeyClass} only, with exact timing and modifiers (the default). */
    CLASS,
    /** The key code as the collector gave it (explicit opt-in). */
    CODE
}
