/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.codec.Buttons;
import dev.spoor.codec.EventType;

import java.util.SplittableRandom;

/**
 * Synthetic but human-like input for one device, generated in time order: pointer movements to targets
 * with a minimum-jerk speed profile and a slight curve, sampled every 8 or 16 ms; clicks and occasional
 * drags at targets; wheel bursts; typing bursts with realistic hold and gap times (key codes; the
 * journal's policy decides what is kept); pauses, and now and then a long idle gap (which splits sessions).
 */
final class DemoTraffic {
    /** Receives generated events. */
    interface Sink {
        void event(long ts, EventType type, int x, int y, int a, int b);
    }

    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final long MS = 1_000_000L;
    private static final int[] TYPED = {65, 69, 73, 79, 84, 78, 83, 82, 72, 76, 32, 32, 32, 190, 188, 8, 13, 49, 16};

    private final SplittableRandom random;
    /** Where this person's attention goes: x, y, spread (menus, a document, a side panel...). */
    private final int[][] hotspots;
    private long ts;
    private int x;
    private int y;
    private final long[] pending = new long[512 * 6];
    private int pendingHead;
    private int pendingSize;

    DemoTraffic(final long seed, final long startNs) {
        this.random = new SplittableRandom(seed);
        this.ts = startNs + random.nextLong(60_000) * MS;
        this.x = random.nextInt(WIDTH);
        this.y = random.nextInt(HEIGHT);
        this.hotspots = new int[][] {
            {700 + random.nextInt(500), 350 + random.nextInt(300), 260},
            {1500 + random.nextInt(350), 200 + random.nextInt(600), 90},
            {40 + random.nextInt(300), 10 + random.nextInt(30), 60},
            {random.nextInt(WIDTH), HEIGHT - 20 - random.nextInt(30), 120},
            {random.nextInt(WIDTH), random.nextInt(HEIGHT), 160}};
    }

    /** @return the timestamp of the next event. */
    long nextTs() {
        if (pendingSize == 0) {
            act();
        }
        return pending[pendingHead * 6];
    }

    /** Hands the next event to the sink. */
    void emit(final Sink sink) {
        if (pendingSize == 0) {
            act();
        }
        final int at = pendingHead * 6;
        sink.event(pending[at], EventType.fromCode((int)pending[at + 1]), (int)pending[at + 2], (int)pending[at + 3],
            (int)pending[at + 4], (int)pending[at + 5]);
        pendingHead++;
        pendingSize--;
    }

    private void act() {
        pendingHead = 0;
        final int roll = random.nextInt(100);
        if (roll < 62) {
            move(random.nextInt(100) < 8 ? Buttons.LEFT : Buttons.NONE);
        } else if (roll < 80) {
            type();
        } else if (roll < 86) {
            wheel();
        } else if (roll < 99) {
            ts += (300 + random.nextLong(4_000)) * MS;
            move(Buttons.NONE);
        } else {
            ts += (60_000 + random.nextLong(random.nextInt(10) == 0 ? 2_400_000 : 240_000)) * MS;
            move(Buttons.NONE);
        }
    }

    private void move(final int held) {
        final int[] spot = hotspots[Math.min(hotspots.length - 1, (int)Math.abs(random.nextGaussian() * 1.6))];
        final int tx = clamp(spot[0] + (int)(random.nextGaussian() * spot[2]), WIDTH);
        final int ty = clamp(spot[1] + (int)(random.nextGaussian() * spot[2] * 0.7), HEIGHT);
        final double distance = Math.hypot(tx - x, ty - y);
        final long duration = (long)(180 + 110 * Math.log(1 + distance / 24)) + random.nextInt(60);
        final long step = random.nextInt(3) == 0 ? 16 : 8;
        final double bend = random.nextGaussian() * 0.12 * distance;
        final int x0 = x;
        final int y0 = y;
        if (held != Buttons.NONE) {
            add(ts, EventType.BUTTON_DOWN, x, y, held, 0);
            ts += (70 + random.nextInt(60)) * MS;
        }
        for (long t = step; t <= duration && pendingSize < 500; t += step) {
            final double tau = (double)t / duration;
            final double s = tau * tau * tau * (10 - 15 * tau + 6 * tau * tau);
            final double arc = Math.sin(Math.PI * s) * bend;
            final double nx = distance == 0 ? 0 : -(ty - y0) / distance;
            final double ny = distance == 0 ? 0 : (tx - x0) / distance;
            x = clamp((int)Math.round(x0 + (tx - x0) * s + nx * arc), WIDTH);
            y = clamp((int)Math.round(y0 + (ty - y0) * s + ny * arc), HEIGHT);
            add(ts + t * MS, EventType.MOVE, x, y, held, 0);
        }
        ts += duration * MS;
        if (held != Buttons.NONE) {
            ts += (40 + random.nextInt(80)) * MS;
            add(ts, EventType.BUTTON_UP, x, y, held, 0);
        } else if (random.nextInt(100) < 45) {
            final int button = random.nextInt(12) == 0 ? Buttons.RIGHT : Buttons.LEFT;
            ts += (90 + random.nextInt(200)) * MS;
            add(ts, EventType.BUTTON_DOWN, x, y, button, 0);
            ts += (60 + random.nextInt(70)) * MS;
            add(ts, EventType.BUTTON_UP, x, y, button, 0);
        }
        ts += (120 + random.nextInt(900)) * MS;
    }

    private void type() {
        final int keys = 4 + random.nextInt(40);
        int modifiers = 0;
        for (int k = 0; k < keys && pendingSize < 500; k++) {
            final int code = TYPED[random.nextInt(TYPED.length)];
            final int key = code;
            final int bit = code == 16 ? 1 : 0;
            modifiers |= bit;
            add(ts, EventType.KEY_DOWN, 0, 0, key, modifiers);
            final long hold = 50 + random.nextInt(110);
            modifiers &= ~bit;
            add(ts + hold * MS, EventType.KEY_UP, 0, 0, key, modifiers);
            ts += (hold + 40 + random.nextInt(random.nextInt(10) == 0 ? 900 : 180)) * MS;
        }
        ts += (300 + random.nextInt(1500)) * MS;
    }

    private void wheel() {
        final int notches = 2 + random.nextInt(12);
        final int direction = random.nextBoolean() ? 1 : -1;
        for (int n = 0; n < notches; n++) {
            add(ts, EventType.WHEEL, x, y, 0, direction);
            ts += (25 + random.nextInt(90)) * MS;
        }
        ts += (200 + random.nextInt(800)) * MS;
    }

    /** Key-ups come before later events in time; keep the buffer sorted by insertion (stable, small). */
    private void add(final long time, final EventType type, final int px, final int py, final int a, final int b) {
        int i = pendingSize;
        while (i > 0 && pending[(i - 1) * 6] > time) {
            System.arraycopy(pending, (i - 1) * 6, pending, i * 6, 6);
            i--;
        }
        final int at = i * 6;
        pending[at] = time;
        pending[at + 1] = type.code();
        pending[at + 2] = px;
        pending[at + 3] = py;
        pending[at + 4] = a;
        pending[at + 5] = b;
        pendingSize++;
    }

    private static int clamp(final int value, final int limit) {
        return Math.max(0, Math.min(limit - 1, value));
    }
}
