/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import java.io.IOException;

/**
 * Streams the events of one input file, a complete line at a time, in a deterministic order. Memory is bounded
 * by the buffer it fills and one line ({@link ParseOptions#maxLineBytes()}), never by the file. A last line
 * without a line end is never parsed: it is reported once as {@link RejectionKind#INCOMPLETE_LAST_LINE} and left
 * outside {@link #bytesCovered()}, so a later run takes it once it is finished. Not thread safe.
 */
public interface SourceReader extends AutoCloseable {
    /**
     * Parses further complete lines, appending their events to {@code into}, until it has no room for another
     * line's events or the complete lines run out. Rejected lines go to the {@link Diagnostics} given at open.
     *
     * @param into the buffer, not cleared here.
     * @return events added; 0 only when no complete line is left.
     * @throws IOException when the file cannot be read (not for bad content, which is rejected per line).
     */
    int read(EventBuffer into) throws IOException;

    /**
     * @return lines consumed so far, parsed or rejected (the header counts as line 1 where there is one).
     */
    long linesRead();

    /**
     * @return bytes from the start of the file to the end of the last line consumed (its line end included):
     *         the part of the file the events read so far come from.
     */
    long bytesCovered();

    /**
     * @return the {@link PrefixHash} of bytes {@code [0, bytesCovered())}.
     */
    long coveredHash();

    /**
     * @throws IOException when closing the file fails.
     */
    @Override
    void close() throws IOException;
}
