/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.CycleSummary;
import dev.spoor.core.recovery.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A byte flipped in a record of {@code cycles.spoor} makes that record read as absent (as a power loss would), so a
 * cut or missing file of its cycle would go unnoticed: verify names it. Bytes across the record are tried, its 4
 * trailing bytes of 0 too.
 */
class CycleSummaryVerifyTest {
    @TempDir
    Path root;

    @Test
    void verifyNamesARecordOfTheCycleSummaryThatFailsItsChecksum() throws Exception {
        new DamagedJournal(root, 2, 1_000);
        try (Journal journal = Journal.openReadOnly(root)) {
            assertTrue(journal.verify().isClean(), journal.verify().problems().toString());
        }
        final Path summary = root.resolve(CycleSummary.FILE_NAME);
        for (int offset = 16; offset < 16 + 64; offset += 3) { // the record, its crc32c and its 4 bytes of 0
            flip(summary, offset);
            try (Journal journal = Journal.openReadOnly(root)) {
                final VerifyReport report = journal.verify();
                assertEquals(1, report.problems().size(), "byte " + offset + ": " + report.problems());
                final String problem = report.problems().get(0).toString();
                assertTrue(problem.contains(CycleSummary.FILE_NAME) && problem.contains("record 0 (byte 16")
                    && (offset < 16 + 60 ? problem.contains("fails its crc32c") : problem.contains("always 0")),
                    problem);
            }
            flip(summary, offset);
        }
    }

    /**
     * A new journal's summary (of no cycles) is written without syncs, so a crash may lose it, leave it empty or cut
     * inside its header: the next open for writing writes it again, and the journal then verifies clean with its
     * cycle in the summary.
     */
    @Test
    void aNewJournalsSummaryLostOrTornBeforeItsFirstCycleIsWrittenAgain() throws Exception {
        final long[] lengths = {-1, 0, 7}; // deleted, empty, cut inside the header
        for (final long length : lengths) {
            final Path dir = root.resolve("cut-to-" + length);
            Journal.open(dir, new JournalConfig()).close();
            final Path summary = dir.resolve(CycleSummary.FILE_NAME);
            if (length < 0) {
                Files.delete(summary);
            } else {
                try (RandomAccessFile raf = new RandomAccessFile(summary.toFile(), "rw")) {
                    raf.setLength(length);
                }
            }
            try (Journal journal = Journal.open(dir, new JournalConfig()); JournalWriter writer = journal.newWriter()) {
                final long device = journal.devices().register("d");
                for (int i = 0; i < 10_000; i++) {
                    writer.move(device, 1_767_600_000_000_000_000L + 1_000_000L * i, i, i, 0);
                }
            }
            try (Journal journal = Journal.openReadOnly(dir)) {
                assertTrue(journal.verify().isClean(), length + ": " + journal.verify().problems());
                assertEquals(10_000, journal.stats().events(), "cut to " + length);
            }
            assertTrue(Files.size(summary) > 16, "cut to " + length + ": the summary holds the cycle's record");
        }
    }

    private static void flip(final Path file, final int offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            final int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x10);
        }
    }
}
