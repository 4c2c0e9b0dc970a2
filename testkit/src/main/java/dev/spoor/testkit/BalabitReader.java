/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Reads Balabit mouse-dynamics session files ({@code session_*}: CSV with header
 * {@code record timestamp,client timestamp,button,state,x,y}). One file is one device, keyed
 * {@code <parent folder>/<file name>}. Timestamp = epoch + round(client timestamp x 1000) ms.
 * (NoButton, Move) is a move with no button; (NoButton, Drag) a move with the left button held;
 * (Left|Right|Middle|XButton, Pressed|Released) a button event; (Scroll, Up|Down) a wheel notch dy = +1|-1.
 */
public final class BalabitReader {
    /** The default epoch: 2016-01-01T00:00:00Z. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2016-01-01T00:00:00Z");

    private static final int LEFT = 1;
    private static final int RIGHT = 2;
    private static final int MIDDLE = 4;
    private static final int X1 = 8;

    private final long epochNs;

    /**
     * @param epoch the instant a session's client time 0 maps to.
     */
    public BalabitReader(final Instant epoch) {
        this.epochNs = epoch.getEpochSecond() * 1_000_000_000L + epoch.getNano();
    }

    /**
     * @param folder a folder searched recursively.
     * @return its {@code session_*} files, sorted.
     */
    public static List<Path> sessionFiles(final Path folder) {
        return SharedData.files(folder, name -> name.startsWith("session_"));
    }

    /**
     * Reads one session file into {@code sink}.
     *
     * @param file the session file.
     * @param sink receives {@code beginDevice} then the events in file order.
     * @return the number of events read.
     * @throws IllegalArgumentException naming file, line, field and value on a malformed row.
     */
    public int read(final Path file, final EventSink sink) {
        sink.beginDevice(file.getParent().getFileName() + "/" + file.getFileName());
        int events = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line = in.readLine();
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (!line.isEmpty()) {
                    parseRow(file, lineNumber, line, sink);
                    events++;
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return events;
    }

    private void parseRow(final Path file, final int lineNumber, final String line, final EventSink sink) {
        final String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw bad(file, lineNumber, "row", line, "expected 6 comma-separated fields, found " + f.length);
        }
        final long ms = Math.round(parseDouble(file, lineNumber, "client timestamp", f[1]) * 1000.0);
        final long ts = epochNs + ms * 1_000_000L;
        final int x = parseInt(file, lineNumber, "x", f[4]);
        final int y = parseInt(file, lineNumber, "y", f[5]);
        final String button = f[2];
        final String state = f[3];
        switch (state) {
            case "Move":
                sink.move(ts, x, y, 0);
                break;
            case "Drag":
                sink.move(ts, x, y, LEFT);
                break;
            case "Pressed":
                sink.buttonDown(ts, x, y, buttonBit(file, lineNumber, button));
                break;
            case "Released":
                sink.buttonUp(ts, x, y, buttonBit(file, lineNumber, button));
                break;
            case "Up":
                sink.wheel(ts, x, y, 0, 1);
                break;
            case "Down":
                sink.wheel(ts, x, y, 0, -1);
                break;
            default:
                throw bad(file, lineNumber, "state", state, "unknown state");
        }
    }

    private static int buttonBit(final Path file, final int lineNumber, final String button) {
        switch (button) {
            case "Left":
                return LEFT;
            case "Right":
                return RIGHT;
            case "Middle":
                return MIDDLE;
            case "XButton":
                return X1;
            default:
                throw bad(file, lineNumber, "button", button, "unknown button for a press or release");
        }
    }

    private static double parseDouble(final Path file, final int lineNumber, final String field, final String v) {
        try {
            return Double.parseDouble(v);
        } catch (final NumberFormatException e) {
            throw bad(file, lineNumber, field, v, "not a number");
        }
    }

    private static int parseInt(final Path file, final int lineNumber, final String field, final String v) {
        try {
            return Integer.parseInt(v);
        } catch (final NumberFormatException e) {
            throw bad(file, lineNumber, field, v, "not an integer");
        }
    }

    static IllegalArgumentException bad(
        final Path file, final int lineNumber, final String field, final String value, final String why) {
        return new IllegalArgumentException(file + ":" + lineNumber + ": field '" + field + "' value '" + value
            + "': " + why);
    }
}
