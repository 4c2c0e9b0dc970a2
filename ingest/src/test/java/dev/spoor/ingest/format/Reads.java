/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.SubPixel;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.PrefixHash;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.RejectionKind;
import dev.spoor.ingest.SourceReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads a whole file through a format as the pipeline would: a reused buffer, read until 0, with the
 * contract checked on the way (0 only at the end, the buffer never overfilled, bytesCovered and coveredHash
 * equal to PrefixHash.of after every call when asked).
 */
final class Reads {
    final List<Event> events = new ArrayList<>();
    /** Each event's x and y in 1/256 px ({@code SubPixel}: whole part and fraction), in step with events. */
    final List<List<Long>> subpixels = new ArrayList<>();
    final CollectingDiagnostics diagnostics = new CollectingDiagnostics();
    long linesRead;
    long bytesCovered;
    long coveredHash;
    int calls;

    private Reads() {
    }

    static Reads of(final RecordingFormat format, final Path file) throws IOException {
        return of(format, file, ParseOptions.defaults(), 5, true);
    }

    static Reads of(final RecordingFormat format, final Path file, final ParseOptions options) throws IOException {
        return of(format, file, options, 5, true);
    }

    /**
     * @param isHashCheckedEachCall compare with PrefixHash.of after every read (costly on big files); it is
     *                              always compared at the end.
     */
    static Reads of(final RecordingFormat format, final Path file, final ParseOptions options, final int capacity,
        final boolean isHashCheckedEachCall) throws IOException {
        final Reads reads = new Reads();
        final EventBuffer buffer = new EventBuffer(capacity);
        try (SourceReader reader = format.open(file, options(format, options), reads.diagnostics)) {
            long lastBytes = 0;
            while (true) {
                buffer.clear();
                final int n = reader.read(buffer);
                reads.calls++;
                assertEquals(n, buffer.size(), "read returns the events it added");
                for (int i = 0; i < n; i++) {
                    reads.events.add(Event.of(buffer, i));
                    reads.subpixels.add(List.of(SubPixel.of(buffer.x(i), buffer.xFraction(i)),
                        SubPixel.of(buffer.y(i), buffer.yFraction(i))));
                }
                assertTrue(reader.bytesCovered() >= lastBytes, "bytesCovered never goes back");
                lastBytes = reader.bytesCovered();
                if (isHashCheckedEachCall) {
                    assertEquals(PrefixHash.of(file, reader.bytesCovered()), reader.coveredHash(),
                        "coveredHash after read " + reads.calls + " (bytesCovered=" + reader.bytesCovered() + ")");
                }
                if (n == 0) {
                    break;
                }
            }
            assertEquals(0, reader.read(buffer), "0 stays 0 at the end");
            reads.linesRead = reader.linesRead();
            reads.bytesCovered = reader.bytesCovered();
            reads.coveredHash = reader.coveredHash();
            assertEquals(PrefixHash.of(file, reads.bytesCovered), reads.coveredHash, "coveredHash at the end");
        }
        return reads;
    }

    /**
     * @return {@code options}, with {@link PynputFormatTest#START} as the start when the format is pynput and
     *         they place its recordings nowhere in time (every other format's tests need no anchor, and the
     *         shared tests of every format pass the defaults).
     */
    static ParseOptions options(final RecordingFormat format, final ParseOptions options) {
        final boolean isUnplaced = options.start() == null && options.timeZone() == null;
        return format instanceof PynputFormat && isUnplaced ? options.withStart(PynputFormatTest.START) : options;
    }

    List<Rejection> rejections() {
        return diagnostics.rejections;
    }

    List<RejectionKind> kinds() {
        return diagnostics.rejections.stream().map(Rejection::kind).collect(Collectors.toList());
    }

    String describe() {
        return "events=" + events + "\nrejections=" + diagnostics.rejections + "\nwarnings=" + diagnostics.warnings;
    }
}
