/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.testkit.SharedData;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every Balabit session and every Aalto participant in ../shared/data, read through the ingest formats, one
 * device each, cut into default blocks, must decode to exactly what went in: codec's RealDataRoundTripTest,
 * moved here to read through {@link BalabitFormat} and {@link AaltoFormat} instead of testkit's former readers.
 * Skipped with a message where the shared data is absent.
 */
class RealDataRoundTripTest {
    private static final int BALABIT_SESSIONS = 252;
    private static final long BALABIT_EVENTS = 716_791;
    private static final int AALTO_PARTICIPANTS = 96;
    private static final long AALTO_EVENTS = 2 * 70_550;

    @Test
    void everyBalabitSessionRoundTrips() {
        assumeTrue(SharedData.isPresent(SharedData.BALABIT), SharedData.absentMessage(SharedData.BALABIT));
        final List<Recordings.Device> devices = Recordings.balabit(BlockLayout.DEFAULT_EVENTS);
        assertEquals(BALABIT_SESSIONS, devices.size(), "sessions in the shared Balabit part (its README)");
        final long bytes = roundTripAll(devices);
        final long events = devices.stream().mapToLong(Recordings.Device::eventCount).sum();
        assertEquals(BALABIT_EVENTS, events, "rows in the shared Balabit part (its README)");
        // The bar is 2.4 bytes/event; the bench report prints the exact figure.
        assertTrue(bytes <= 2.4 * events, "bytes/event=" + (double)bytes / events + " exceeds 2.4");
    }

    @Test
    void everyAaltoParticipantRoundTrips() {
        assumeTrue(SharedData.isPresent(SharedData.AALTO), SharedData.absentMessage(SharedData.AALTO));
        final List<Recordings.Device> devices = Recordings.aalto(BlockLayout.DEFAULT_EVENTS);
        assertEquals(AALTO_PARTICIPANTS, devices.size(), "participants in the shared Aalto part (its README)");
        roundTripAll(devices);
        assertEquals(AALTO_EVENTS, devices.stream().mapToLong(Recordings.Device::eventCount).sum(),
            "two events per key press row");
    }

    private static long roundTripAll(final List<Recordings.Device> devices) {
        final BlockEncoder encoder = new BlockEncoder();
        final BlockDecoder decoder = new BlockDecoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BlockLayout.maxBlockLength(BlockLayout.DEFAULT_EVENTS)]);
        final EventBatch decoded = new EventBatch(BlockLayout.DEFAULT_EVENTS);
        long bytes = 0;
        for (final Recordings.Device device : devices) {
            int blockIndex = 0;
            for (final EventBatch batch : device.blocks) {
                final int length = encoder.encode(device.key.hashCode(), batch, buffer, 0);
                decoder.decode(buffer, 0, length, decoded);
                assertSameEvents(batch, decoded, device.key + " block " + blockIndex++);
                bytes += length;
            }
        }
        return bytes;
    }

    private static void assertSameEvents(final EventBatch expected, final EventBatch actual, final String context) {
        assertEquals(expected.size(), actual.size(), context + ": event count");
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.sameEvent(i, actual, i)) {
                fail(context + ": event " + i + " expected " + expected.describe(i) + " but decoded "
                    + actual.describe(i));
            }
        }
    }
}
