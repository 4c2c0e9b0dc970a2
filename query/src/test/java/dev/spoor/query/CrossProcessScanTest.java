/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.core.ChildJvm;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scans in this JVM while a collector in another JVM writes: every scan sees, per device, a gap-free
 * prefix of what the collector wrote, in order, growing from scan to scan; the last sees everything.
 */
class CrossProcessScanTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final int DEVICES = 6;
    private static final int EVENTS = 6_000;

    @TempDir
    Path dir;

    @Test
    void scansSeeGrowingPrefixesWhileAnotherProcessWrites() throws Exception {
        Journal.open(dir, new JournalConfig().blockEvents(300)).close();
        final Process child = children.start(ChildJvm.builder(ScanWriterMain.class, false, dir.toString(),
            Integer.toString(DEVICES), Integer.toString(EVENTS), "200").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        int partialScans = 0;
        final Map<Long, Integer> seen = new HashMap<>();
        try (Journal journal = Journal.openReadOnly(dir)) {
            final Scanner scanner = new Scanner(journal);
            while (child.isAlive()) {
                partialScans += checkPrefixes(scanner, seen) ? 1 : 0;
            }
            assertEquals(0, child.waitFor(), "writer exit code");
            checkPrefixes(scanner, seen);
            assertEquals(DEVICES, seen.size());
            seen.values().forEach(n -> assertEquals(EVENTS, n));
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(partialScans >= 3, "only " + partialScans + " scans ran while the writer was midway");
    }

    /** @return true when the scan saw some but not all events. */
    private static boolean checkPrefixes(final Scanner scanner, final Map<Long, Integer> seen) {
        final Map<Long, Integer> next = new HashMap<>();
        scanner.scan(Scan.builder().build(), e -> {
            final int k = next.getOrDefault(e.deviceId(), 0);
            assertEquals(k, e.x(), "device " + e.deviceKey() + ": event " + k + " missing or out of order");
            assertEquals(GeneratedJournal.EPOCH_NS + k * 1_000_000L, e.timestampNs());
            next.put(e.deviceId(), k + 1);
        });
        next.forEach((device, n) -> assertTrue(n >= seen.getOrDefault(device, 0), "a scan saw fewer events"));
        seen.putAll(next);
        final int total = next.values().stream().mapToInt(Integer::intValue).sum();
        return total > 0 && total < DEVICES * EVENTS;
    }
}
