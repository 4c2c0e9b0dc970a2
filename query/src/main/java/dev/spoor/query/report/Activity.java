/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.report;

import dev.spoor.codec.EventType;

import java.util.Arrays;

/**
 * Counts and pointer travel over a span of one device's events: what a session and an aggregate bucket
 * both report. Travel is counted per segment between consecutive pointer events (moves, buttons; a wheel turn
 * gives no position) of the same session that have real positions ({@link Positions}: a sentinel is skipped, so the
 * segment runs from the last real position to the next); a segment belongs to the span of its later event.
 *
 * @param events      events in all.
 * @param moves       pointer moves.
 * @param clicks      button presses.
 * @param buttonUps   button releases.
 * @param wheels      wheel turns.
 * @param keys        key presses.
 * @param keyUps      key releases.
 * @param positions   pointer events with a real position ({@link Positions#isReal(EventType, int, int)}): the
 *                    positions the heatmap draws.
 * @param pathPixels  pointer travel, pixels (Euclidean per segment).
 * @param pointerNs   time spent on those segments, ns.
 */
public record Activity(long events, long moves, long clicks, long buttonUps, long wheels, long keys, long keyUps,
                       long positions, double pathPixels, long pointerNs) {
    /**
     * @param type a type.
     * @return events of that type.
     */
    public long count(final EventType type) {
        switch (type) {
            case MOVE:
                return moves;
            case BUTTON_DOWN:
                return clicks;
            case BUTTON_UP:
                return buttonUps;
            case WHEEL:
                return wheels;
            case KEY_DOWN:
                return keys;
            default:
                return keyUps;
        }
    }

    /**
     * @return mean pointer speed over the travelled segments, pixels per second (0 without travel time).
     */
    public double meanPointerSpeed() {
        return pointerNs == 0 ? 0 : pathPixels / (pointerNs / 1e9);
    }

    /** Mutable counterpart, one per open span. */
    static final class Counter {
        private final long[] byType = new long[EventType.COUNT];
        private long positions;
        private double pathPixels;
        private long pointerNs;

        void count(final int typeCode) {
            byType[typeCode]++;
        }

        void position() {
            positions++;
        }

        void travel(final double pixels, final long ns) {
            pathPixels += pixels;
            pointerNs += ns;
        }

        Activity toActivity() {
            long events = 0;
            for (final long n : byType) {
                events += n;
            }
            return new Activity(events, byType[0], byType[1], byType[2], byType[3], byType[4], byType[5], positions,
                pathPixels, pointerNs);
        }

        void clear() {
            Arrays.fill(byType, 0);
            positions = 0;
            pathPixels = 0;
            pointerNs = 0;
        }
    }
}
