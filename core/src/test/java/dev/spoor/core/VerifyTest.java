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
            final long[] verifyNs = new long[2];
            final Thread verifier = new Thread(() -> {
                verifyNs[0] = System.nanoTime();
                assertTrue(journal.verify().isClean());
                verifyNs[1] = System.nanoTime();
            });
            verifier.start();
            long longestWaitNs = 0;
            int calls = 0;
            while (verifier.isAlive()) {
                final long start = System.nanoTime();
                journal.policyVersion(); // synchronized on the journal, as indexing a sealed block is
                longestWaitNs = Math.max(longestWaitNs, System.nanoTime() - start);
                calls++;
                Thread.sleep(1);
            }
            verifier.join(60_000);
            final long verifyTookNs = verifyNs[1] - verifyNs[0];
            assertTrue(verifyTookNs > 100_000_000L, "verify must run long enough to tell: " + verifyTookNs + " ns");
            assertTrue(longestWaitNs < verifyTookNs / 3, "a call waited " + longestWaitNs / 1_000_000 + " ms of"
                + " verify's " + verifyTookNs / 1_000_000 + " ms (" + calls + " calls)");
        }
    }
}
