/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.codec.EventBatch;
import dev.spoor.codec.EventType;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.SourceReader;
import dev.spoor.ingest.format.AaltoFormat;
import dev.spoor.ingest.format.BalabitFormat;
import dev.spoor.ingest.format.Formats;
import dev.spoor.ingest.format.PynputFormat;
import dev.spoor.testkit.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The team's shared real recordings ({@code ../shared/data}, see {@link SharedData}) read through the ingest
 * formats, exactly as {@code spoor ingest} parses them, with the default {@link ParseOptions} (Balabit's epoch
 * 2016-01-01). One file is one device: a Balabit session keyed {@code user7/session_0061629194}, an Aalto
 * participant keyed {@code aalto/<PARTICIPANT_ID>}; files in sorted path order, each file's events in the
 * format's order (Balabit: file order; Aalto: time order). A rejected line fails the load, since a figure over
 * part of a file would be a different benchmark; the shared data has none.
 */
public final class SharedRecordings {
    private static final int BUFFER_EVENTS = 4096;

    /** Receives the events of a file one at a time. */
    @FunctionalInterface
    public interface EventHandler {
        /**
         * @param events the buffer the reader filled; valid only for the duration of the call.
         * @param index  the event's index in {@code events}.
         */
        void onEvent(EventBuffer events, int index);
    }

    /** One device's events, cut into blocks as a writer would: a new block whenever the last is full. */
    public static final class Device {
        /** The device key, e.g. {@code user7/session_0061629194}. */
        public final String key;
        /** Its blocks, full except the last. */
        public final List<EventBatch> blocks = new ArrayList<>();

        Device(final String key) {
            this.key = key;
        }

        /**
         * @return the number of events over all blocks.
         */
        public long eventCount() {
            long n = 0;
            for (final EventBatch b : blocks) {
                n += b.size();
            }
            return n;
        }
    }

    private SharedRecordings() {
    }

    /**
     * @param blockEvents events per block.
     * @return every Balabit session in the shared data, one device each (empty when the data set is absent).
     */
    public static List<Device> balabit(final int blockEvents) {
        return devices(SharedData.BALABIT, Formats.byName(BalabitFormat.NAME), blockEvents);
    }

    /**
     * @param blockEvents events per block.
     * @return every Aalto participant in the shared data, one device each (empty when the data set is absent).
     */
    public static List<Device> aalto(final int blockEvents) {
        return devices(SharedData.AALTO, Formats.byName(AaltoFormat.NAME), blockEvents);
    }

    /**
     * @param blockEvents events per block.
     * @return the DuckTrack recording (macOS, coordinates in 1/256 px), one device, its first event at
     *         2023-10-20T15:19:53Z (empty when absent).
     */
    public static List<Device> ducktrack(final int blockEvents) {
        return devices(SharedData.DUCKTRACK, Formats.byName(PynputFormat.NAME), blockEvents,
            ParseOptions.defaults().withStart(Instant.parse("2023-10-20T15:19:53Z")));
    }

    /**
     * @param folder a folder searched recursively.
     * @param format the format whose files to take.
     * @return the files {@code format} accepts, sorted by path.
     */
    public static List<Path> files(final Path folder, final RecordingFormat format) {
        return SharedData.files(folder, name -> format.accepts(Path.of(name)));
    }

    /**
     * Reads every event of one file, in the format's order.
     *
     * @param format  the file's format.
     * @param file    the file.
     * @param handler receives each event.
     * @return the number of events read.
     * @throws IllegalArgumentException naming the file, line, field and value of the first rejected line.
     * @throws UncheckedIOException when the file cannot be read.
     */
    public static long read(final RecordingFormat format, final Path file, final EventHandler handler) {
        return read(format, file, ParseOptions.defaults(), handler);
    }

    private static long read(final RecordingFormat format, final Path file, final ParseOptions options,
        final EventHandler handler) {
        final EventBuffer buffer = new EventBuffer(BUFFER_EVENTS);
        long events = 0;
        try (SourceReader reader = format.open(file, options, FailOnRejection.INSTANCE)) {
            for (int n = reader.read(buffer); n > 0; n = reader.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    handler.onEvent(buffer, i);
                }
                events += n;
                buffer.clear();
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return events;
    }

    private static List<Device> devices(final String dataset, final RecordingFormat format, final int blockEvents) {
        return devices(dataset, format, blockEvents, ParseOptions.defaults());
    }

    private static List<Device> devices(final String dataset, final RecordingFormat format, final int blockEvents,
        final ParseOptions options) {
        final List<Device> devices = new ArrayList<>();
        if (SharedData.isPresent(dataset)) {
            for (final Path file : files(SharedData.dataset(dataset), format)) {
                devices.add(device(format, file, blockEvents, options));
            }
        }
        return devices;
    }

    private static Device device(final RecordingFormat format, final Path file, final int blockEvents,
        final ParseOptions options) {
        final Device[] device = new Device[1];
        read(format, file, options, (events, i) -> {
            final String key = events.deviceKeys().get(events.device(i));
            if (device[0] == null) {
                device[0] = new Device(key);
            } else if (!device[0].key.equals(key)) {
                throw new IllegalStateException(file + ": devices " + device[0].key + " and " + key
                    + " in one file, which the " + format.name() + " format keeps to one device");
            }
            add(device[0], events, i, blockEvents);
        });
        if (device[0] == null) {
            throw new IllegalStateException(file + ": no event");
        }
        return device[0];
    }

    private static void add(final Device device, final EventBuffer events, final int i, final int blockEvents) {
        final List<EventBatch> blocks = device.blocks;
        if (blocks.isEmpty() || blocks.get(blocks.size() - 1).isFull()) {
            blocks.add(new EventBatch(blockEvents));
        }
        final EventBatch batch = blocks.get(blocks.size() - 1);
        final long ts = events.timestampNs(i);
        switch (EventType.fromCode(events.typeCode(i))) {
            case MOVE:
                batch.addMove(ts, events.x(i), events.y(i), events.a(i));
                break;
            case BUTTON_DOWN:
                batch.addButtonDown(ts, events.x(i), events.y(i), events.a(i));
                break;
            case BUTTON_UP:
                batch.addButtonUp(ts, events.x(i), events.y(i), events.a(i));
                break;
            case WHEEL:
                batch.addWheel(ts, events.x(i), events.y(i), events.a(i), events.b(i));
                break;
            case KEY_DOWN:
                batch.addKeyDown(ts, events.a(i), events.b(i));
                break;
            default:
                batch.addKeyUp(ts, events.a(i), events.b(i));
                break;
        }
        if ((events.xFraction(i) | events.yFraction(i)) != 0) {
            batch.setFractions(batch.size() - 1, events.xFraction(i), events.yFraction(i));
        }
    }

    /** Stops the load at the first rejected line; warnings (every line was taken) go to standard error. */
    private static final class FailOnRejection implements Diagnostics {
        static final FailOnRejection INSTANCE = new FailOnRejection();

        @Override
        public void reject(final Rejection rejection) {
            throw new IllegalArgumentException(rejection.toString());
        }

        @Override
        public void warn(final Path file, final String message) {
            System.err.println("warning: " + file + ": " + message);
        }
    }
}
