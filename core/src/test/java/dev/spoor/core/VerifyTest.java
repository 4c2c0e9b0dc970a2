/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.recovery.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * verify() finds a byte flipped inside a journal file and names the cycle, index and reason; it does not hold
 * the journal's lock while it decodes, so writers can still index what they seal meanwhile.
 */
class VerifyTest {
    @TempDir
    Path dir;

    @Test
    void findsAFlippedByteInAJournalFile() throws Exception {
        byte[] victim = null;
        long victimIndex = 0;
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(256))) {
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < 5_000; i++) {
                    writer.move(i % 5, i * 16_000_000L, i % 1920, i % 1080, 0);
                }
            }
            assertTrue(journal.verify().isClean());
            try (QueueStore.Cursor cursor = journal.queue().cursor().after(-1)) {
                for (int i = 0; i < 7 && cursor.next(); i++) {
                    victim = Arrays.copyOf(cursor.bytes(), cursor.length());
                    victimIndex = cursor.index();
                }
            }
        }
        final Path cycleFile = JournalFiles.cycleFiles(dir).get(0);
        final byte[] file = Files.readAllBytes(cycleFile);
        final int at = JournalFiles.indexOf(file, victim);
        assertTrue(at > 0, "block bytes not found in " + cycleFile);
        file[at + victim.length - 10] ^= 0x20;
        Files.write(cycleFile, file);
        try (Journal journal = Journal.openReadOnly(dir)) {
            final VerifyReport report = journal.verify();
            assertEquals(1, report.problems().size(), report.toString());
            final VerifyReport.Problem problem = report.problems().get(0);
            assertEquals(victimIndex, problem.queueIndex());
            assertEquals(journal.queue().cycleOf(victimIndex), problem.cycle());
            assertTrue(problem.reason().contains("crc32c mismatch"), problem.reason());
        }
    }

    @Test
    void verifyDoesNotHoldTheJournalLockWhileItDecodes() throws Exception {
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(256))) {
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < 2_000_000; i++) {
                    writer.move(i % 50, i * 1_000_000L, i % 1920, i % 1080, 0);
                }
            }
            // verify() runs again and again for a second while this thread keeps calling a method that takes
            // the journal's lock, as indexing a sealed block does; no call may wait out a whole verify pass.
            final long[] shortestVerifyNs = {Long.MAX_VALUE};
            final Thread verifier = new Thread(() -> {
                final long until = System.nanoTime() + 1_000_000_000L;
                do {
                    final long start = System.nanoTime();
                    assertTrue(journal.verify().isClean());
                    shortestVerifyNs[0] = Math.min(shortestVerifyNs[0], System.nanoTime() - start);
                } while (System.nanoTime() < until);
            });
            verifier.start();
            final long[] waitsNs = new long[1_000_000];
            int calls = 0;
            while (verifier.isAlive() && calls < waitsNs.length) {
                final long start = System.nanoTime();
                journal.policyVersion(); // synchronized on the journal
                waitsNs[calls++] = System.nanoTime() - start;
                Thread.sleep(0, 200_000);
            }
            verifier.join(60_000);
            // Held for whole passes, most calls would wait a good part of one; a GC pause may stall a few.
            Arrays.sort(waitsNs, 0, calls);
            final long p90Ns = waitsNs[(int)(calls * 0.9)];
            assertTrue(shortestVerifyNs[0] > 10_000_000L, "a pass must take long enough to tell: "
                + shortestVerifyNs[0] + " ns");
            assertTrue(calls >= 50 && p90Ns < shortestVerifyNs[0] / 10, "90% of " + calls + " calls waited up to "
                + p90Ns / 1_000 + " us, the longest " + waitsNs[calls - 1] / 1_000 + " us; the shortest verify pass"
                + " took " + shortestVerifyNs[0] / 1_000 + " us");
        }
    }
}
