/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared recordings as the codec benchmarks see them: the devices, events and default block cuts that
 * CodecBenchmark's javadoc quotes (252 Balabit sessions in 345 blocks, 96 Aalto participants in 96 blocks), each
 * device's blocks full but the last. Skipped with a message where the shared data is absent.
 */
class RealDataRecordingsTest {
    @Test
    void balabitGivesOneDevicePerSessionInTheQuotedBlocks() {
        assumeTrue(SharedData.isPresent(SharedData.BALABIT), SharedData.absentMessage(SharedData.BALABIT));
        final List<SharedRecordings.Device> devices = SharedRecordings.balabit(BlockLayout.DEFAULT_EVENTS);
        assertShape(devices, 252, 345, 716_791, "user12/session_");
    }

    /**
     * Issue 19's bytes target, on the real sessions: 2.07 bytes an event or fewer (2.156 before the clock lattice),
     * every block decoded back to its events. The Balabit client's timestamps sit on Windows' 15.6001 ms clock.
     */
    @Test
    void balabitTakesAtMost207BytesAnEventOnItsClock() {
        assumeTrue(SharedData.isPresent(SharedData.BALABIT), SharedData.absentMessage(SharedData.BALABIT));
        final List<SharedRecordings.Device> devices = SharedRecordings.balabit(BlockLayout.DEFAULT_EVENTS);
        final double onClock = CodecSizeReport.report("balabit", devices, BlockLayout.DEFAULT_EVENTS, true, true);
        final double offClock = CodecSizeReport.report("balabit", devices, BlockLayout.DEFAULT_EVENTS, true, false);
        assertTrue(onClock <= 2.07, "bytes/event on the clock: " + onClock);
        assertEquals(2.156, offClock, 0.0005, "bytes/event without the clock (bench/RESULTS.md before 2026-12-02)");
    }

    @Test
    void aaltoGivesOneDevicePerParticipantInTheQuotedBlocks() {
        assumeTrue(SharedData.isPresent(SharedData.AALTO), SharedData.absentMessage(SharedData.AALTO));
        final List<SharedRecordings.Device> devices = SharedRecordings.aalto(BlockLayout.DEFAULT_EVENTS);
        assertShape(devices, 96, 96, 2 * 70_550, "aalto/");
    }

    private static void assertShape(final List<SharedRecordings.Device> devices, final int deviceCount,
        final int blockCount, final long eventCount, final String firstKeyPrefix) {
        assertEquals(deviceCount, devices.size(), "devices (the data set's README)");
        assertTrue(devices.get(0).key.startsWith(firstKeyPrefix), devices.get(0).key);
        final Set<String> keys = new HashSet<>();
        long blocks = 0;
        long events = 0;
        for (final SharedRecordings.Device device : devices) {
            assertTrue(keys.add(device.key), "one device per file: " + device.key + " twice");
            for (int b = 0; b < device.blocks.size(); b++) {
                final EventBatch block = device.blocks.get(b);
                assertTrue(block.size() > 0, device.key + " block " + b + " is empty");
                assertTrue(b == device.blocks.size() - 1 || block.isFull(), device.key + " block " + b + " not full");
            }
            blocks += device.blocks.size();
            events += device.eventCount();
        }
        assertEquals(blockCount, blocks, "blocks of " + BlockLayout.DEFAULT_EVENTS + " events");
        assertEquals(eventCount, events, "events (the data set's README)");
    }
}
