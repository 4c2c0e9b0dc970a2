/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.RejectionKind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a file of a format read only whole (events sorted across lines) is still being written: its last line
 * has no line end. See {@code RecordingFormat.unfinished}.
 */
final class UnfinishedFiles {
    private static final int CHUNK = 1 << 16;

    private UnfinishedFiles() {
    }

    /**
     * @param file   the file.
     * @param format the format's name, for the message.
     * @return an INCOMPLETE_LAST_LINE rejection for the whole file when its last byte is not a line end; null when it
     *         is, or the file is empty.
     * @throws IOException when the file cannot be read.
     */
    static Rejection lastLineUnfinished(final Path file, final String format) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            final long size = in.size();
            if (size == 0) {
                return null;
            }
            final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            long lineEnds = 0;
            long lastLineStart = 0;
            for (long at = 0; at < size; ) {
                chunk.clear();
                final int n = in.read(chunk, at);
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (chunk.get(i) == '\n') {
                        lineEnds++;
                        lastLineStart = at + i + 1;
                    }
                }
                at += n;
            }
            if (lastLineStart == size) {
                return null;
            }
            return whole(file, lineEnds + 1, "the last line (" + (size - lastLineStart) + " bytes) has no line end"
                + " yet", format);
        }
    }

    /**
     * @param file   the file.
     * @param line   where it stops.
     * @param where  how it stops.
     * @param format the format's name.
     * @return the rejection that leaves the whole file for a later run.
     */
    static Rejection whole(final Path file, final long line, final String where, final String format) {
        return new Rejection(file, line, RejectionKind.INCOMPLETE_LAST_LINE, null, null, where + " (still being"
            + " written?): " + format + " files are read whole, their events sorted across lines, so nothing of it is"
            + " stored yet; the first run after it is finished takes it whole");
    }
}
