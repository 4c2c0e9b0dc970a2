/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The old way of reading a Balabit session (testkit's former BalabitReader): the whole file, each row split on
 * commas, epoch 2016-01-01. The reference the streaming reader must match on well-formed files.
 */
final class BalabitSplitReference {
    private static final long EPOCH_NS = 1_451_606_400_000_000_000L;

    private BalabitSplitReference() {
    }

    static List<Event> read(final Path file) throws IOException {
        final String device = file.getParent().getFileName() + "/" + file.getFileName();
        final List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        final List<Event> events = new ArrayList<>();
        int held = 0;
        for (final String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            final String[] f = line.split(",", -1);
            final long ts = EPOCH_NS + Math.round(Double.parseDouble(f[1]) * 1000.0) * 1_000_000L;
            final int x = Integer.parseInt(f[4]);
            final int y = Integer.parseInt(f[5]);
            final int button = "Left".equals(f[2]) ? 1 : "Right".equals(f[2]) ? 2 : "Middle".equals(f[2]) ? 4
                : "XButton".equals(f[2]) ? 8 : -1;
            switch (f[3]) {
                case "Move":
                    events.add(Event.move(device, ts, x, y, 0));
                    break;
                case "Drag": // the buttons the file holds down, else left
                    events.add(Event.move(device, ts, x, y, held != 0 ? held : 1));
                    break;
                case "Pressed":
                    events.add(Event.down(device, ts, x, y, button));
                    held |= button;
                    break;
                case "Released":
                    events.add(Event.up(device, ts, x, y, button));
                    held &= ~button;
                    break;
                case "Up":
                    events.add(Event.wheel(device, ts, x, y, 0, 1));
                    break;
                case "Down":
                    events.add(Event.wheel(device, ts, x, y, 0, -1));
                    break;
                default:
                    throw new IllegalArgumentException(file + ": state " + f[3]);
            }
        }
        return events;
    }
}
