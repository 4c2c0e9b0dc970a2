/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

/**
 * What one rrweb file held that is not stored, counted for the file's summary (a warning at its end), and the
 * viewport its Meta event gave: the journal has no per-device metadata, so the viewport is reported, not kept.
 */
final class RrwebCounts {
    /** Meta events (href, width, height): the href is never read. */
    long meta;
    /** FullSnapshot events (the page's DOM). */
    long snapshots;
    /** IncrementalSnapshot Mutation events (DOM changes). */
    long mutations;
    /** Scroll events: scroll positions of elements, not wheel turns, so no wheel event is made of them. */
    long scrolls;
    /** ViewportResize events. */
    long viewportResizes;
    /** Input events: form values (text is never stored). */
    long inputs;
    /** Focus and Blur interactions: not pointer input. */
    long focusBlur;
    /** Clicks that repeat the MouseUp or TouchEnd just before them: the same press, not a second one. */
    long clicksOfARelease;
    /** Clicks with no release before them (old recorders): stored as a down and an up. */
    long clicksAsPresses;
    /** ContextMenu interactions: the press itself is its MouseDown and MouseUp. */
    long contextMenus;
    /** DblClick interactions: its two presses are their own downs and ups. */
    long doubleClicks;
    /** Any other event or interaction (DomContentLoaded, Load, Custom, Plugin, media, canvas, fonts, ...). */
    long other;
    /** Pointer events stored before an earlier one because their rrweb event came later than the window. */
    long late;
    /** Events whose sessionId is not the file's first one (stored under the file's device all the same). */
    long otherSessions;
    /** The first viewport width, CSS px, -1 when no Meta gave one. */
    long viewportWidth = -1;
    /** The first viewport height, CSS px. */
    long viewportHeight = -1;

    /**
     * @return the summary, one line.
     */
    String summary() {
        final StringBuilder text = new StringBuilder("rrweb: ");
        if (viewportWidth >= 0) {
            text.append("viewport ").append(viewportWidth).append(" x ").append(viewportHeight)
                .append(" CSS px (its first Meta event; the journal has no per-device metadata, so it is not stored)");
        } else {
            text.append("no viewport (no Meta event with width and height)");
        }
        text.append("; not stored: ").append(meta).append(" meta (page URLs are never read), ").append(snapshots)
            .append(" full snapshots, ").append(mutations).append(" DOM mutations, ").append(scrolls)
            .append(" scrolls (positions, not wheel turns), ").append(viewportResizes).append(" viewport resizes, ")
            .append(inputs).append(" inputs (form values), ").append(focusBlur).append(" focus/blur, ")
            .append(clicksOfARelease).append(" clicks that repeat a mouse up, ").append(contextMenus)
            .append(" context menus, ").append(doubleClicks).append(" double clicks, ").append(other)
            .append(" other; ").append(clicksAsPresses).append(" clicks without a mouse up stored as a press");
        if (late > 0) {
            text.append("; ").append(late).append(" pointer events stored out of time order (their rrweb event came"
                + " more than ").append(RrwebReader.REORDER_WINDOW_MS).append(" ms late)");
        }
        if (otherSessions > 0) {
            text.append("; ").append(otherSessions).append(" events of other sessionIds stored under the file's"
                + " device (one file is one device)");
        }
        return text.toString();
    }
}
