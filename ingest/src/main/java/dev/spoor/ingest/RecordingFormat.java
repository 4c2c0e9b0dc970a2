/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One input format (Balabit, Aalto, CSV, JSONL and the recorder formats): which files it takes from a folder,
 * and how to stream one of them.
 */
public interface RecordingFormat {
    /**
     * @return the name users give with {@code --format}, lower case (e.g. {@code balabit}).
     */
    String name();

    /**
     * @param file a regular file found while walking a folder.
     * @return true when the file belongs to this format (by name); files given by name are always opened.
     */
    boolean accepts(Path file);

    /**
     * @return true when lines added to the end of a file only add events after the ones its earlier lines gave
     *         (true for formats read in line order); false when a format reorders events across lines (Aalto's
     *         time sort), so a file that grew after it was ingested has to be ingested again whole.
     */
    default boolean isAppendStable() {
        return true;
    }

    /**
     * For a format that is not {@link #isAppendStable() append-stable}: whether the file is still being written (its
     * last line has no line end, its JSON array is not closed), checked before anything of it is read. Such a file
     * is left whole, nothing of it stored, for the first run after it is finished: taking its finished part now
     * would store events that a re-read of the whole file could only store again. Append-stable formats hold back
     * only the unfinished last line, as they read (the default: null).
     *
     * @param file    a file to be ingested.
     * @param options the options it will be opened with.
     * @return an {@link RejectionKind#INCOMPLETE_LAST_LINE} rejection saying where the file stops, or null when it is
     *         finished.
     * @throws IOException when the file cannot be read.
     */
    default Rejection unfinished(Path file, ParseOptions options) throws IOException {
        return null;
    }

    /**
     * Checks, before anything is opened or appended, that the options say all this format needs to read the file
     * (the pynput format needs a start instant or a time zone). The default needs nothing.
     *
     * @param file    a file to be ingested.
     * @param options the options it will be opened with.
     * @throws IngestException saying what to pass, when they do not.
     */
    default void checkOptions(Path file, ParseOptions options) {
    }

    /**
     * How a file is read with these options, as text the ingest ledger keeps per source: only the options that
     * change this format's events (Balabit's epoch, the unit of bare integer times, pynput's start and device), so
     * a re-run that would read an ingested file another way is told so instead of finding nothing to do. The
     * default: the format's name alone (nothing in the options changes its events).
     *
     * @param options the options.
     * @return the reading, stable across versions for the same options.
     */
    default String readingOf(ParseOptions options) {
        return name();
    }

    /**
     * The device a file's events go to, when this format takes it from the file's path and not from what the file
     * holds (a pynput recording's folder, an OWAMcap file's name, a Balabit user's folder and session file). An
     * ingest refuses two different recordings that would be stored as one device this way, within a run or
     * across runs ({@code Ingest.force} lets them be). The default: null, the file's content names its devices.
     *
     * @param file    a file to be ingested (as given, or a path the ingest ledger holds).
     * @param options the options it is read with.
     * @return the device key, or null when the content names it or the options do (pynput's {@code --device}).
     */
    default String deviceKeyOf(Path file, ParseOptions options) {
        return null;
    }

    /**
     * Opens one file at its start. Reading is sequential and deterministic: the same bytes give the same
     * events in the same order, which the ingest ledger relies on to resume by skipping events.
     *
     * @param file        the file.
     * @param options     epoch, timestamp unit, line limit.
     * @param diagnostics receives rejected lines and warnings.
     * @return a reader positioned before the first line.
     * @throws IOException when the file cannot be opened.
     */
    SourceReader open(Path file, ParseOptions options, Diagnostics diagnostics) throws IOException;
}
