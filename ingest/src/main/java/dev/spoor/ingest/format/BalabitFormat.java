/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.SourceReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Balabit Mouse Dynamics Challenge sessions (github.com/balabit/Mouse-Dynamics-Challenge, files
 * {@code training_files/<user>/session_<id>} and {@code test_files/<user>/session_<id>}): one session per file,
 * comma separated, header {@value #HEADER_TEXT}, LF line ends. One file is one device, keyed
 * {@code <parent folder>/<file name>} ({@code user7/session_0061629194}).
 * <p>
 * Each row is one event at epoch + round(client timestamp x 1000) ms (the client clock; ParseOptions.epoch,
 * 2016-01-01 by default, is its time 0): (NoButton, Move) a move with no button held; (NoButton, Drag) a move
 * with the buttons held, as the file's own presses and releases before it say (a Drag row names no button), or the
 * left button when the file holds none down (its press came before the recording, or was not recorded; most drags
 * are left-button ones); (Left|Right|Middle|XButton, Pressed|Released) a button down or up; (Scroll,
 * Up|Down) a wheel notch dy = +1|-1. x, y are screen pixels; the sentinel 65535,65535 of the data set is kept.
 * The record timestamp column is not used.
 * <p>
 * Charset: the data set's README gives none; every field is a number or one of the English words above, so the
 * files are ASCII. They are read as ISO-8859-1, in which every byte is a character: a stray non-ASCII byte
 * then rejects its row as MALFORMED naming the field it is in, rather than as NOT_UTF8 naming only the line.
 */
public final class BalabitFormat implements RecordingFormat {
    /** The format's name. */
    public static final String NAME = "balabit";
    /** The header, as it is in every file of the data set. */
    public static final String HEADER_TEXT = "record timestamp,client timestamp,button,state,x,y";
    /** File names start with this. */
    public static final String FILE_PREFIX = "session_";

    /** A stateless format; share it. */
    public BalabitFormat() {
    }

    @Override
    public String readingOf(final ParseOptions options) {
        return name() + " epoch=" + options.epoch();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(final Path file) {
        return FileNames.lowerName(file).startsWith(FILE_PREFIX);
    }

    @Override
    public SourceReader open(final Path file, final ParseOptions options, final Diagnostics diagnostics)
        throws IOException {
        return new BalabitSessionReader(file, options, diagnostics);
    }

    @Override
    public String deviceKeyOf(final Path file, final ParseOptions options) {
        return deviceKey(file);
    }

    /**
     * @param file a session file.
     * @return its device key, {@code <parent folder>/<file name>}.
     */
    public static String deviceKey(final Path file) {
        final Path parent = file.toAbsolutePath().getParent();
        final Path folder = parent == null ? null : parent.getFileName();
        return (folder == null ? "" : folder + "/") + file.getFileName();
    }
}
