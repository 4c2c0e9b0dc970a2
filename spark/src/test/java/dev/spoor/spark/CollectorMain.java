/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;

import java.nio.file.Path;

/**
 * A collector: writes a journal of steady traffic, in its own JVM for the multi-process test or in the test's
 * for the pushdown test. Device {@code prefix-d} has an event every {@code periodMs} from
 * {@link #EPOCH_NS}, mostly moves with fractions of a pixel (multiples of 1/256 px), with clicks, wheel turns and
 * keys between; a flush every 1,000 events per device lets readers in other processes see it grow. Prints "done".
 */
public final class CollectorMain {
    /** Start of the traffic: 2026-01-01T00:00Z in epoch ns. */
    public static final long EPOCH_NS = 1_767_225_600_000_000_000L;

    private CollectorMain() {
    }

    /**
     * @param args journal directory, device key prefix, devices, events per device, period in ms, block events.
     */
    public static void main(final String[] args) {
        write(Path.of(args[0]), args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
            Long.parseLong(args[4]), Integer.parseInt(args[5]));
        System.out.println("done");
    }

    /**
     * @param dir         the journal, created.
     * @param prefix      device keys are {@code prefix-0}, {@code prefix-1}, ...
     * @param devices     devices.
     * @param events      events per device.
     * @param periodMs    time between a device's events.
     * @param blockEvents events per block.
     */
    static void write(final Path dir, final String prefix, final int devices, final int events, final long periodMs,
        final int blockEvents) {
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(blockEvents));
             JournalWriter writer = journal.newWriter()) {
            final long[] ids = new long[devices];
            for (int d = 0; d < devices; d++) {
                ids[d] = journal.devices().register(prefix + "-" + d);
            }
            for (int k = 0; k < events; k++) {
                for (int d = 0; d < devices; d++) {
                    append(writer, ids[d], EPOCH_NS + k * periodMs * 1_000_000L + d * 1_000L + k % 997, k, d);
                }
                if ((k + 1) % 1_000 == 0) {
                    writer.flush();
                }
            }
        }
    }

    private static void append(final JournalWriter writer, final long id, final long ts, final int k, final int d) {
        final long x = SubPixel.of(100 + k % 1800, (k * 37 + d) & SubPixel.FRACTION_MASK);
        final long y = SubPixel.of(50 + (k * 7) % 1000, (k * 11) & SubPixel.FRACTION_MASK);
        switch (k % 10) {
            case 3:
                writer.appendSubPixel(id, ts, EventType.BUTTON_DOWN, x, y, 1, 0);
                return;
            case 4:
                writer.appendSubPixel(id, ts, EventType.BUTTON_UP, x, y, 1, 0);
                return;
            case 6:
                writer.appendSubPixel(id, ts, EventType.WHEEL, x, y, 0, -120 + k % 240);
                return;
            case 8:
                writer.appendSubPixel(id, ts, EventType.KEY_DOWN, 0, 0, 30 + k % 40, k % 4);
                return;
            case 9:
                writer.appendSubPixel(id, ts, EventType.KEY_UP, 0, 0, 30 + k % 40, k % 4);
                return;
            default:
                writer.appendSubPixel(id, ts, EventType.MOVE, x, y, k % 7 == 0 ? 1 : 0, 0);
        }
    }
}
