/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.SourceReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Aalto "136M Keystrokes" participant files (Dhakal et al., CHI 2018; as in github.com/wxyzz22/TypeLikeU,
 * {@code data/keystroke-samples/<PARTICIPANT_ID>_keystrokes.txt}): tab separated, no quoting, a header row,
 * LF line ends. One file is one participant and one device, keyed {@code aalto/<PARTICIPANT_ID>}.
 * <p>
 * Each row is one key press: a key down at PRESS_TIME and a key up at RELEASE_TIME (epoch ms, browser clock)
 * with the row's KEYCODE (a JavaScript key code). The events of a file come out in time order (equal times in
 * row order, a row's press before its release) with modifiers = the mask of shift (1), ctrl (2) and alt (4)
 * held at that moment, as a keyboard hook would report them: the order the old readers produced by sorting
 * the whole file, here by streaming (see {@link #REORDER_ROWS}).
 * <p>
 * Charset: ISO-8859-1. The data set's README says the files are mostly ASCII but a few LETTER values are single
 * Latin-1 bytes (0xF1 for n with tilde), so some files are not valid UTF-8; as ISO-8859-1 every byte is a
 * character and those rows go in.
 */
public final class AaltoFormat implements RecordingFormat {
    /** The format's name. */
    public static final String NAME = "aalto";
    /** The header, as it is in every file of the data set. */
    public static final String HEADER_TEXT = "PARTICIPANT_ID\tTEST_SECTION_ID\tSENTENCE\tUSER_INPUT\tKEYSTROKE_ID"
        + "\tPRESS_TIME\tRELEASE_TIME\tLETTER\tKEYCODE";
    /** File names end with this. */
    public static final String FILE_SUFFIX = "_keystrokes.txt";
    /** Device keys start with this. */
    public static final String DEVICE_PREFIX = "aalto/";
    /**
     * Rows a press may go back in time and still come out in order: the data set's rows are almost in
     * press-time order, but not quite (its README: press time goes backwards 17 times in the shared part, the
     * furthest back 99 rows, 22 s). Events are held until no row within this window can precede them; a row
     * that goes back further comes out late, deterministically. Costs up to 2 x 256 queued events.
     */
    public static final int REORDER_ROWS = 256;

    /** A stateless format; share it. */
    public AaltoFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(final Path file) {
        return FileNames.endsWith(file, FILE_SUFFIX);
    }

    @Override
    public SourceReader open(final Path file, final ParseOptions options, final Diagnostics diagnostics)
        throws IOException {
        return new AaltoKeystrokeReader(file, options, diagnostics, REORDER_ROWS);
    }

    /** Events come out sorted by time across a window of rows, so rows added later may sort before stored ones. */
    @Override
    public boolean isAppendStable() {
        return false;
    }

    @Override
    public Rejection unfinished(final Path file, final ParseOptions options) throws IOException {
        return UnfinishedFiles.lastLineUnfinished(file, NAME);
    }
}
