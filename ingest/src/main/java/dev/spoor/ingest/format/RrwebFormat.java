/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.SourceReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * rrweb web session recordings (github.com/rrweb-io/rrweb; what PostHog, Sentry and others store): UTF-8, in any
 * of three forms, told apart by the first bytes: a JSON array of events, one event object per line (JSONL), or
 * rrweb-player's {@code events.js} (comment lines, then {@code const events = [ ... ]}, a trailing {@code ;}
 * allowed). Each event is {@code {"type", "data", "timestamp"}}, timestamp in epoch ms. One file is one device,
 * keyed {@code rrweb/<sessionId>} by its first event's {@code sessionId} when it has one, else
 * {@code rrweb/<parent folder>/<file name>}. ParseOptions do not apply: the unit is always ms and lines have no
 * limit (one event, or the whole array, may be a line of many MB).
 * <p>
 * Stored: each position of a MouseMove (source 1), TouchMove (6) or Drag (12) batch as a move at
 * {@code timestamp + timeOffset}, with the buttons held at that time; MouseDown and MouseUp (MouseInteraction,
 * source 2, type 1 and 0) as button downs and ups ({@code data.button} 0 left, 1 middle, 2 right, 3 and 4 the
 * extra buttons; absent, as in older recorders, is left); TouchStart and TouchEnd (7, 9; TouchCancel 10) as left
 * downs and ups. A Click (2) within {@value RrwebReader#CLICK_OF_RELEASE_MS} ms after a MouseUp (within
 * {@value RrwebReader#CLICK_OF_TOUCH_MS} ms after a TouchEnd: a tap's click may come 300 ms late on mobile) with no
 * press since repeats that press and is not stored; another Click is stored as a down and an up. Coordinates
 * are CSS px of the viewport, kept to 1/256 px ({@code EventBuffer.addSubPixel}). Events come out in time order
 * (see {@link RrwebReader}).
 * <p>
 * Not stored, counted in a summary warning at the end of each file: the DOM (FullSnapshot, mutations), scroll
 * positions (not wheel turns: no wheel event is made of them), form input values, focus and blur, context-menu
 * and double-click notices (their presses are stored as downs and ups), viewport resizes, and anything else.
 * The viewport of the first Meta event is reported in that summary: the journal has no per-device metadata to
 * keep it in. Privacy: page URLs ({@code href}), element text and form values are never decoded, let alone
 * stored.
 */
public final class RrwebFormat implements RecordingFormat {
    /** The format's name. */
    public static final String NAME = "rrweb";
    /** Nesting the parser accepts: an rrweb DOM snapshot nests two levels per DOM level. */
    static final int MAX_NESTING_DEPTH = 1 << 16;

    private final JsonFactory json = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
        .build();

    /** A format to share: its JsonFactory is thread safe. */
    public RrwebFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Takes {@code *.json}, {@code *.jsonl}, {@code *.ndjson} and {@code *.js} files from a folder, in any case. */
    @Override
    public boolean accepts(final Path file) {
        return FileNames.endsWith(file, ".json", ".jsonl", ".ndjson", ".js");
    }

    /** Events come out sorted by time across a window, and a JSON array cannot grow by appending. */
    @Override
    public boolean isAppendStable() {
        return false;
    }

    @Override
    public Rejection unfinished(final Path file, final ParseOptions options) throws IOException {
        try (RrwebReader reader = new RrwebReader(file, options, Diagnostics.NONE, json)) {
            return reader.unfinished();
        }
    }

    @Override
    public SourceReader open(final Path file, final ParseOptions options, final Diagnostics diagnostics)
        throws IOException {
        return new RrwebReader(file, options, diagnostics, json);
    }
}
