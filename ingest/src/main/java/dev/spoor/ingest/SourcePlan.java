/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import dev.spoor.core.ledger.SourceProgress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What one run does with one input file, decided from the ingest ledger before anything is appended:
 * take it whole (new), skip it (all of it is stored and it has not changed), resume it (skip the events already
 * stored, take the rest: after a crash, or when the file grew), or refuse it (it changed since).
 *
 * @param file          the file as given.
 * @param sourceKey     its key in the ledger (the real path).
 * @param size          its size when planned, bytes.
 * @param action        what to do.
 * @param progress      what the ledger holds of it, or null when new.
 * @param change        why a CHANGED file is refused; for a DONE file without progress (the same bytes as another
 *                      file, skipped), the warning naming that file; else null.
 */
record SourcePlan(Path file, String sourceKey, long size, Action action, SourceProgress progress, String change) {
    /** What to do with a file. */
    enum Action {
        /** Never ingested (or {@code force} after a change): every event. */
        NEW,
        /** Part of it is stored: skip that many events, take the rest. */
        RESUME,
        /**
         * All of it is stored and only an unfinished last line (if anything) follows; or, without progress, its bytes
         * are those of another file stored whole or taken by this run.
         */
        DONE,
        /** The part ingested earlier is not the same any more. */
        CHANGED,
        /**
         * Still being written, in a format read only whole ({@link RecordingFormat#unfinished}): nothing of it is
         * read or stored in this run.
         */
        HELD
    }

    /**
     * @return events to skip before appending: what the ledger says is stored.
     */
    long eventsStored() {
        return action == Action.RESUME ? progress.events() : 0;
    }

    /**
     * @return lines whose rejections were reported by the run that stored them.
     */
    long linesSeen() {
        return action == Action.RESUME ? progress.linesCovered() : 0;
    }

    /**
     * Plans one file.
     *
     * @param file     the file.
     * @param key      its source key ({@link dev.spoor.core.ledger.IngestLedger#sourceKeyOf}).
     * @param progress what the ledger holds of it, or null.
     * @param isAppendStable whether its format only adds events when lines are added
     *                       ({@link RecordingFormat#isAppendStable()}).
     * @return the plan.
     * @throws UncheckedIOException when the file cannot be read.
     */
    static SourcePlan of(final Path file, final String key, final SourceProgress progress,
        final boolean isAppendStable) {
        try {
            final long size = Files.size(file);
            if (progress == null) {
                return new SourcePlan(file, key, size, Action.NEW, null, null);
            }
            if (size < progress.bytesCovered()) {
                return new SourcePlan(file, key, size, Action.CHANGED, progress, "it is " + size + " bytes now,"
                    + " shorter than the " + progress.bytesCovered() + " bytes ingested");
            }
            if (PrefixHash.of(file, progress.bytesCovered()) != progress.coveredHash()) {
                return new SourcePlan(file, key, size, Action.CHANGED, progress, "its first "
                    + progress.bytesCovered() + " bytes are not the ones ingested");
            }
            if (!isAppendStable && progress.events() == 0 && progress.bytesCovered() == 0) {
                // Nothing of it is stored (an MCAP file still being written when it was seen): read it whole.
                return new SourcePlan(file, key, size, Action.NEW, progress, null);
            }
            if (progress.isComplete() && !hasLineEnd(file, progress.bytesCovered())) {
                return new SourcePlan(file, key, size, Action.DONE, progress, null);
            }
            if (progress.isComplete() && !isAppendStable) {
                return new SourcePlan(file, key, size, Action.CHANGED, progress, "it grew, and its format sorts"
                    + " events across lines, so the new lines cannot simply follow the stored events");
            }
            return new SourcePlan(file, key, size, Action.RESUME, progress, null);
        } catch (final IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** True when a line end follows {@code from}: a complete line was added after the ledger's coverage. */
    private static boolean hasLineEnd(final Path file, final long from) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            final ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
            long at = from;
            while (true) {
                chunk.clear();
                final int n = in.read(chunk, at);
                if (n <= 0) {
                    return false;
                }
                for (int i = 0; i < n; i++) {
                    if (chunk.get(i) == '\n') {
                        return true;
                    }
                }
                at += n;
            }
        }
    }
}
