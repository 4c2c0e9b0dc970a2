/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

/**
 * Receives events read from a recording, in the shape of Spoor's event model (kept free of the codec so
 * that every module's tests can use this kit). Button values are bits: 1 left, 2 right, 4 middle, 8 x1.
 */
public interface EventSink {
    /**
     * Starts a new device (a session or participant); the events that follow belong to it.
     *
     * @param deviceKey a stable, human-readable key such as {@code user7/session_0061629194}.
     */
    void beginDevice(String deviceKey);

    /**
     * @param timestampNs epoch nanoseconds.
     * @param x pointer x.
     * @param y pointer y.
     * @param buttons buttons held.
     */
    void move(long timestampNs, int x, int y, int buttons);

    /**
     * @param timestampNs epoch nanoseconds.
     * @param x pointer x.
     * @param y pointer y.
     * @param button the button.
     */
    void buttonDown(long timestampNs, int x, int y, int button);

    /**
     * @param timestampNs epoch nanoseconds.
     * @param x pointer x.
     * @param y pointer y.
     * @param button the button.
     */
    void buttonUp(long timestampNs, int x, int y, int button);

    /**
     * @param timestampNs epoch nanoseconds.
     * @param x pointer x.
     * @param y pointer y.
     * @param dx horizontal amount.
     * @param dy vertical amount.
     */
    void wheel(long timestampNs, int x, int y, int dx, int dy);

    /**
     * @param timestampNs epoch nanoseconds.
     * @param key key code.
     * @param modifiers modifier mask.
     */
    void keyDown(long timestampNs, int key, int modifiers);

    /**
     * @param timestampNs epoch nanoseconds.
     * @param key key code.
     * @param modifiers modifier mask.
     */
    void keyUp(long timestampNs, int key, int modifiers);
}
