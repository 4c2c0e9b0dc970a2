/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import dev.spoor.testkit.AaltoReader;
import dev.spoor.testkit.BalabitReader;
import dev.spoor.testkit.EventSink;
import dev.spoor.testkit.SharedData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the shared real recordings into {@link EventBatch} blocks, one device per Balabit session or
 * Aalto participant, cut every {@code blockEvents} events as a writer would. Shared with bench/ through
 * the codec test jar.
 */
public final class Recordings {
    /** One device's events, cut into blocks. */
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

    private Recordings() {
    }

    /**
     * @param blockEvents events per block.
     * @return every Balabit session in the shared data (empty when absent).
     */
    public static List<Device> balabit(final int blockEvents) {
        final Collector collector = new Collector(blockEvents);
        if (SharedData.isPresent(SharedData.BALABIT)) {
            final BalabitReader reader = new BalabitReader(BalabitReader.DEFAULT_EPOCH);
            for (final Path file : BalabitReader.sessionFiles(SharedData.dataset(SharedData.BALABIT))) {
                reader.read(file, collector);
            }
        }
        return collector.devices;
    }

    /**
     * @param blockEvents events per block.
     * @return every Aalto participant in the shared data (empty when absent).
     */
    public static List<Device> aalto(final int blockEvents) {
        final Collector collector = new Collector(blockEvents);
        if (SharedData.isPresent(SharedData.AALTO)) {
            final AaltoReader reader = new AaltoReader();
            for (final Path file : AaltoReader.participantFiles(SharedData.dataset(SharedData.AALTO))) {
                reader.read(file, collector);
            }
        }
        return collector.devices;
    }

    /** Cuts the events of each device into batches. */
    private static final class Collector implements EventSink {
        private final int blockEvents;
        private final List<Device> devices = new ArrayList<>();
        private Device current;

        Collector(final int blockEvents) {
            this.blockEvents = blockEvents;
        }

        @Override
        public void beginDevice(final String deviceKey) {
            current = new Device(deviceKey);
            devices.add(current);
        }

        private EventBatch batch() {
            final List<EventBatch> blocks = current.blocks;
            if (blocks.isEmpty() || blocks.get(blocks.size() - 1).isFull()) {
                blocks.add(new EventBatch(blockEvents));
            }
            return blocks.get(blocks.size() - 1);
        }

        @Override
        public void move(final long timestampNs, final int x, final int y, final int buttons) {
            batch().addMove(timestampNs, x, y, buttons);
        }

        @Override
        public void buttonDown(final long timestampNs, final int x, final int y, final int button) {
            batch().addButtonDown(timestampNs, x, y, button);
        }

        @Override
        public void buttonUp(final long timestampNs, final int x, final int y, final int button) {
            batch().addButtonUp(timestampNs, x, y, button);
        }

        @Override
        public void wheel(final long timestampNs, final int x, final int y, final int dx, final int dy) {
            batch().addWheel(timestampNs, x, y, dx, dy);
        }

        @Override
        public void keyDown(final long timestampNs, final int key, final int modifiers) {
            batch().addKeyDown(timestampNs, key, modifiers);
        }

        @Override
        public void keyUp(final long timestampNs, final int key, final int modifiers) {
            batch().addKeyUp(timestampNs, key, modifiers);
        }
    }
}
