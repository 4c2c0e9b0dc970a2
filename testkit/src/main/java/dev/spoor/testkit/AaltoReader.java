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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads Aalto 136M-keystrokes files ({@code <id>_keystrokes.txt}: tab-separated, header row, Latin-1).
 * One file is one device, keyed {@code aalto/<PARTICIPANT_ID>}. Each row is a key press: a key down at
 * PRESS_TIME and a key up at RELEASE_TIME (epoch ms) with the row's KEYCODE. The events of a file are
 * delivered in timestamp order (ties keep file order), with modifiers = the mask of shift (1), ctrl (2)
 * and alt (4) held at that moment, as a keyboard hook would report them.
 */
public final class AaltoReader {
    private static final int SHIFT = 16;
    private static final int CTRL = 17;
    private static final int ALT = 18;
    private static final int COLUMNS = 9;
    private static final int PARTICIPANT = 0;
    private static final int PRESS = 5;
    private static final int RELEASE = 6;
    private static final int KEYCODE = 8;

    /**
     * @param folder a folder searched recursively.
     * @return its {@code *_keystrokes.txt} files, sorted.
     */
    public static List<Path> participantFiles(final Path folder) {
        return SharedData.files(folder, name -> name.endsWith("_keystrokes.txt"));
    }

    /**
     * Reads one participant's file into {@code sink}.
     *
     * @param file the keystroke file.
     * @param sink receives {@code beginDevice} then key events in time order.
     * @return the number of events delivered (two per row).
     * @throws IllegalArgumentException naming file, line, field and value on a malformed row.
     */
    public int read(final Path file, final EventSink sink) {
        final List<String> lines;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            lines = in.lines().collect(Collectors.toList());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        // events packed as [timestampMs, order << 1 | isUp, keycode] for a stable time sort
        final long[][] events = new long[2 * Math.max(0, lines.size() - 1)][];
        String participant = null;
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            final String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            final String[] f = line.split("\t", -1);
            if (f.length != COLUMNS) {
                throw BalabitReader.bad(file, i + 1, "row", line,
                    "expected " + COLUMNS + " tab-separated fields, found " + f.length);
            }
            participant = participant == null ? f[PARTICIPANT] : participant;
            final long press = parseLong(file, i + 1, "PRESS_TIME", f[PRESS]);
            final long release = parseLong(file, i + 1, "RELEASE_TIME", f[RELEASE]);
            final long key = parseLong(file, i + 1, "KEYCODE", f[KEYCODE]);
            events[n] = new long[] {press, (long)n << 1, key};
            n++;
            events[n] = new long[] {release, ((long)n << 1) | 1, key};
            n++;
        }
        sink.beginDevice("aalto/" + (participant == null ? file.getFileName() : participant));
        final long[][] sorted = Arrays.copyOf(events, n);
        Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int modifiers = 0;
        for (final long[] e : sorted) {
            final long ts = e[0] * 1_000_000L;
            final int key = (int)e[2];
            final boolean isUp = (e[1] & 1) != 0;
            final int bit = modifierBit(key);
            if (isUp) {
                modifiers &= ~bit;
                sink.keyUp(ts, key, modifiers);
            } else {
                modifiers |= bit;
                sink.keyDown(ts, key, modifiers);
            }
        }
        return n;
    }

    private static int modifierBit(final int key) {
        switch (key) {
            case SHIFT:
                return 1;
            case CTRL:
                return 2;
            case ALT:
                return 4;
            default:
                return 0;
        }
    }

    private static long parseLong(final Path file, final int lineNumber, final String field, final String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (final NumberFormatException e) {
            throw BalabitReader.bad(file, lineNumber, field, v, "not an integer");
        }
    }
}
