/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.report;

import dev.spoor.codec.EventType;

/**
 * The one rule for "this pointer event has no real position", shared by every report that reads pointer
 * coordinates: sessions and buckets ({@link ActivityReport}: path length, pointer time) and the heatmap
 * ({@code spoor heatmap}: screen box, density, positions and clicks counted).
 *
 * <p>Real recordings carry sentinel coordinates where the recorder had no position. The Balabit Mouse
 * Dynamics Challenge data set (Fülöp et al., 2016; the team's copy of its shared part is
 * {@code ../shared/data/balabit-mouse-dynamics}) writes {@code x = 65535, y = 65535} (0xFFFF, the largest
 * unsigned 16-bit coordinate) on such rows: 59 of the shared part's 716,791 rows, all {@code NoButton, Move},
 * in 20 of its 252 sessions. Its README calls them "the coordinate sentinel" and says nothing of their cause.
 * A jump to one and back is not pointer travel: counted as travel, the sentinels make the path of the
 * recording {@code user12/session_5265929106} 32% too long, and that of {@code user29/session_3135434116}
 * 7.6 times its real length.
 *
 * <p>The rule: a position is not real when either coordinate's magnitude is {@value #SENTINEL} or more (no
 * screen, not even a multi-monitor desktop, reaches that far; negative coordinates left of or above the
 * primary monitor are real). Reports skip such an event's position altogether: it adds no path length,
 * neither the jump to it nor the one from it, it is not drawn, and it does not become the previous
 * position, so travel resumes from the last real position. The event itself still counts as a move, click,
 * release or wheel turn.
 *
 * <p>Wheel turns give no position at all ({@link #isReal(EventType, int, int)}). Where a recorder has one
 * (pynput, OWAMcap) it is the pointer's, the position of the move before; Balabit's recorder writes (0, 0) on
 * every wheel row (all 23,170 of the shared part), and taken as positions those would make each notch a jump to
 * the screen's corner and back: in {@code user7/session_0041905381} (3,549 notches) a path of 996,518 px
 * instead of 609,071 (+64%). The rows are stored as recorded; reports take positions from moves and buttons.
 */
public final class Positions {
    /** The smallest coordinate magnitude that is a sentinel, not a position, px: 65,535 (0xFFFF). */
    public static final int SENTINEL = 65_535;

    private Positions() {
    }

    /**
     * @param x pointer x, px.
     * @param y pointer y, px.
     * @return true when (x, y) is a real position: both magnitudes below {@value #SENTINEL}.
     */
    public static boolean isReal(final int x, final int y) {
        return Math.abs((long)x) < SENTINEL && Math.abs((long)y) < SENTINEL;
    }

    /**
     * @param type an event's type.
     * @param x    its x, px.
     * @param y    its y, px.
     * @return true when the event gives the pointer a real position: a move, a button down or up, at a real
     *     position ({@link #isReal(int, int)}); never a wheel turn or a key.
     */
    public static boolean isReal(final EventType type, final int x, final int y) {
        return (type == EventType.MOVE || type == EventType.BUTTON_DOWN || type == EventType.BUTTON_UP)
            && isReal(x, y);
    }
}
