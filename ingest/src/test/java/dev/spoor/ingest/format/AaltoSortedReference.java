/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The old way of reading an Aalto file (cli's InputFormat.AALTO and testkit's former AaltoReader): every row of the
 * file into memory, sorted by (time, row, press before release), modifiers applied in that order. The
 * reference the streaming reader must match. Rows must all be well formed.
 */
final class AaltoSortedReference {
    private AaltoSortedReference() {
    }

    static List<Event> read(final Path file) throws IOException {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        final List<long[]> keys = new ArrayList<>();
        String participant = null;
        for (final String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            final String[] f = line.split("\t", -1);
            participant = participant == null ? f[0] : participant;
            final long code = Long.parseLong(f[8].trim());
            keys.add(new long[] {Long.parseLong(f[5].trim()), (long)keys.size() << 1, code});
            keys.add(new long[] {Long.parseLong(f[6].trim()), (long)keys.size() << 1 | 1, code});
        }
        keys.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
        final List<Event> events = new ArrayList<>();
        int modifiers = 0;
        for (final long[] k : keys) {
            final boolean isUp = (k[1] & 1) != 0;
            final int bit = k[2] == 16 ? 1 : k[2] == 17 ? 2 : k[2] == 18 ? 4 : 0;
            modifiers = isUp ? modifiers & ~bit : modifiers | bit;
            final String device = "aalto/" + participant;
            events.add(isUp ? Event.keyUp(device, k[0] * 1_000_000L, (int)k[2], modifiers)
                : Event.keyDown(device, k[0] * 1_000_000L, (int)k[2], modifiers));
        }
        return events;
    }
}
