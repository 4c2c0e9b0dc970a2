/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.codec.EventType;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.SourceReader;
import dev.spoor.ingest.format.Formats;
import dev.spoor.testkit.SharedData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one recording as its ingest format reads it on its own, with the default options and no journal:
 * what {@code spoor ingest} must store and a scan give back. That reader is checked against independent reference
 * parsers on every file of the shared data by ingest's RealDataFormatsTest; here it stands in for them. A
 * rejected line or a warning fails the read, since the shared data has none.
 */
final class FormatEvents {
    private static final Diagnostics FAIL = new Diagnostics() {
        @Override
        public void reject(final Rejection rejection) {
            throw new AssertionError("the shared data has no bad line, but: " + rejection);
        }

        @Override
        public void warn(final Path file, final String message) {
            throw new AssertionError("the shared data needs no warning, but: " + file + ": " + message);
        }
    };

    private FormatEvents() {
    }

    /**
     * One event as the format produced it.
     *
     * @param device      device key.
     * @param timestampNs epoch ns.
     * @param type        type.
     * @param x           pointer x (0 for keys).
     * @param y           pointer y (0 for keys).
     * @param a           buttons, button, wheel dx or key.
     * @param b           wheel dy or modifiers, else 0.
     */
    record Event(String device, long timestampNs, EventType type, int x, int y, int a, int b) {
    }

    /**
     * @param folder a folder searched recursively.
     * @param format a format name.
     * @return the files the format takes, sorted by path.
     */
    static List<Path> files(final Path folder, final String format) {
        final RecordingFormat recordingFormat = Formats.byName(format);
        return SharedData.files(folder, name -> recordingFormat.accepts(Path.of(name)));
    }

    /**
     * @param format a format name.
     * @param file   one of its files.
     * @return every event of the file, in the format's order.
     */
    static List<Event> read(final String format, final Path file) throws IOException {
        final List<Event> events = new ArrayList<>();
        final EventBuffer buffer = new EventBuffer(4096);
        try (SourceReader reader = Formats.byName(format).open(file, ParseOptions.defaults(), FAIL)) {
            for (int n = reader.read(buffer); n > 0; n = reader.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    events.add(new Event(buffer.deviceKeys().get(buffer.device(i)), buffer.timestampNs(i),
                        EventType.fromCode(buffer.typeCode(i)), buffer.x(i), buffer.y(i), buffer.a(i), buffer.b(i)));
                }
                buffer.clear();
            }
        }
        return events;
    }
}
