/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import dev.spoor.core.Journal;
import dev.spoor.query.export.ExportRow;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Writes CSV inputs in the shape {@code spoor scan --format csv} writes (moves with buttons held, wheel notches),
 * several devices per file interleaved, and gives the same events as the journal's scan shows them, so that a
 * test compares what went in with what is stored as two sorted lists.
 */
final class GeneratedCsv {
    /** 2026-01-01T00:00:00Z in ns. */
    static final long START_NS = 1_767_225_600_000_000_000L;

    private GeneratedCsv() {
    }

    /**
     * Writes one file.
     *
     * @return the events written, as {@link #key} strings.
     */
    static List<String> write(final Path file, final String devicePrefix, final int devices, final int lines,
        final long seed) {
        final List<String> events = new ArrayList<>(lines);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", ExportRow.COLUMNS));
            out.write('\n');
            final SplittableRandom random = new SplittableRandom(seed);
            final long[] ts = new long[devices];
            for (int i = 0; i < lines; i++) {
                final int d = random.nextInt(devices);
                ts[d] += 1_000_000L + random.nextInt(20_000_000);
                final String device = devicePrefix + d;
                final long at = START_NS + ts[d];
                final int x = random.nextInt(3840);
                final int y = random.nextInt(2160);
                if (random.nextInt(50) == 0) {
                    final int dy = random.nextBoolean() ? 1 : -1;
                    out.write(device + "," + at + ",wheel," + x + "," + y + ",,,0," + dy + ",,\n");
                    events.add(key(device, at, "WHEEL", x, y, 0, 0, dy));
                } else {
                    final int buttons = random.nextInt(10) == 0 ? 1 : 0;
                    out.write(device + "," + at + ",move," + x + "," + y + ",," + buttons + ",,,,\n");
                    events.add(key(device, at, "MOVE", x, y, buttons, 0, 0));
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    static String key(final String device, final long ts, final String type, final int x, final int y,
        final int buttons, final int dx, final int dy) {
        return device + "|" + ts + "|" + type + "|" + x + "|" + y + "|" + buttons + "|" + dx + "|" + dy;
    }

    /**
     * Every event of the journal as a {@link #key} string, sorted. Opens it writable, as the next ingest would:
     * after a kill that recovers what the killed writer staged (a read-only open cannot finish a queue whose
     * creation the kill cut short).
     */
    static List<String> stored(final Path dir) {
        if (!Journal.isJournal(dir)) {
            return List.of();
        }
        try (Journal journal = Journal.open(dir, new dev.spoor.core.JournalConfig());
             Scanner scanner = new Scanner(journal)) {
            return scanner.stream(Scan.builder().build()).map(e -> key(e.deviceKey(), e.timestampNs(),
                e.type().name(), e.x(), e.y(), e.buttons(), e.wheelDx(), e.wheelDy())).sorted()
                .collect(Collectors.toList());
        }
    }

    static List<String> sorted(final List<String> events) {
        final List<String> copy = new ArrayList<>(events);
        copy.sort(null);
        return copy;
    }
}
