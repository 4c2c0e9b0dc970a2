/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.query.scan.EventHandler;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The callback path allocates nothing per event: what a warm scan allocates (its plan, read order and
 * counters; decoders and columns are pooled) stays below 0.1 byte per event, read from the JVM's
 * per-thread allocation counter.
 */
class ScanAllocationTest {
    private static final int EVENTS = 400_000;

    @TempDir
    Path dir;

    @Test
    void aWarmScanAllocatesFarLessThanOneBytePerEvent() {
        final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter here");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        GeneratedJournal.write(dir, 51, 20, EVENTS, new JournalConfig());
        try (Journal journal = Journal.openReadOnly(dir); Scanner scanner = new Scanner(journal)) {
            final Scan scan = Scan.builder().build();
            final long[] sum = new long[1];
            final EventHandler handler = e -> sum[0] += e.x() + e.timestampNs();
            for (int warm = 0; warm < 5; warm++) {
                scanner.scan(scan, handler);
            }
            final long threadId = Thread.currentThread().getId();
            final long before = threads.getThreadAllocatedBytes(threadId);
            final ScanStats stats = scanner.scan(scan, handler);
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            assertEquals(EVENTS, stats.eventsReturned());
            final double perEvent = (double)allocated / EVENTS;
            System.out.printf("ScanAllocationTest: %d bytes for %d events (%.3f bytes/event, %d blocks)%n",
                allocated, EVENTS, perEvent, stats.blocksRead());
            assertTrue(perEvent < 0.1, allocated + " bytes allocated for " + EVENTS + " events");
        }
    }
}
