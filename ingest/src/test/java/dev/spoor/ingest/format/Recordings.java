/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.EventBatch;
import dev.spoor.codec.EventType;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.SourceReader;
import dev.spoor.testkit.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the shared real recordings into {@link EventBatch} blocks through the ingest formats, one device per
 * Balabit session or Aalto participant, cut every {@code blockEvents} events as a writer would: codec's
 * former Recordings (which used testkit's former BalabitReader and AaltoReader), reading through
 * {@link BalabitFormat} and {@link AaltoFormat} instead. A rejected line or a warning fails the load: the shared
 * data has none. bench's SharedRecordings loads the same for the codec benchmarks.
 */
final class Recordings {
    /** One device's events, cut into blocks. */
    static final class Device {
        /** The device key, e.g. {@code user7/session_0061629194}. */
        final String key;
        /** Its blocks, full except the last. */
        final List<EventBatch> blocks = new ArrayList<>();

        Device(final String key) {
            this.key = key;
        }

        long eventCount() {
            long n = 0;
            for (final EventBatch b : blocks) {
                n += b.size();
            }
            return n;
        }
    }

    private Recordings() {
    }

    /**
     * @return every Balabit session in the shared data (empty when absent).
     */
    static List<Device> balabit(final int blockEvents) {
        return load(SharedData.BALABIT, Formats.byName(BalabitFormat.NAME), blockEvents);
    }

    /**
     * @return every Aalto participant in the shared data (empty when absent).
     */
    static List<Device> aalto(final int blockEvents) {
        return load(SharedData.AALTO, Formats.byName(AaltoFormat.NAME), blockEvents);
    }

    private static List<Device> load(final String dataset, final RecordingFormat format, final int blockEvents) {
        final Map<String, Device> devices = new LinkedHashMap<>();
        if (!SharedData.isPresent(dataset)) {
            return new ArrayList<>();
        }
        final EventBuffer buffer = new EventBuffer(1024);
        final Diagnostics failFast = new Diagnostics() {
            @Override
            public void reject(final Rejection rejection) {
                throw new AssertionError("the shared data has no bad line, but: " + rejection);
            }

            @Override
            public void warn(final Path file, final String message) {
                throw new AssertionError("the shared data needs no warning, but: " + file + ": " + message);
            }
        };
        for (final Path file : RealDataFormatsTest.files(dataset, format)) {
            try (SourceReader reader = format.open(file, ParseOptions.defaults(), failFast)) {
                buffer.clear();
                for (int n = reader.read(buffer); n > 0; n = reader.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        final String key = buffer.deviceKeys().get(buffer.device(i));
                        add(devices.computeIfAbsent(key, Device::new), buffer, i, blockEvents);
                    }
                    buffer.clear();
                }
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new ArrayList<>(devices.values());
    }

    private static void add(final Device device, final EventBuffer buffer, final int i, final int blockEvents) {
        if (device.blocks.isEmpty() || device.blocks.get(device.blocks.size() - 1).isFull()) {
            device.blocks.add(new EventBatch(blockEvents));
        }
        final EventBatch batch = device.blocks.get(device.blocks.size() - 1);
        final long ts = buffer.timestampNs(i);
        switch (EventType.fromCode(buffer.typeCode(i))) {
            case MOVE:
                batch.addMove(ts, buffer.x(i), buffer.y(i), buffer.a(i));
                break;
            case BUTTON_DOWN:
                batch.addButtonDown(ts, buffer.x(i), buffer.y(i), buffer.a(i));
                break;
            case BUTTON_UP:
                batch.addButtonUp(ts, buffer.x(i), buffer.y(i), buffer.a(i));
                break;
            case WHEEL:
                batch.addWheel(ts, buffer.x(i), buffer.y(i), buffer.a(i), buffer.b(i));
                break;
            case KEY_DOWN:
                batch.addKeyDown(ts, buffer.a(i), buffer.b(i));
                break;
            default:
                batch.addKeyUp(ts, buffer.a(i), buffer.b(i));
                break;
        }
    }
}
