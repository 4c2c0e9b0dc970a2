/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.core.DamagedJournal;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalFiles;
import dev.spoor.core.recovery.DamagedCycle;
import dev.spoor.query.scan.DamagePolicy;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanException;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal whose cycle files were cut short or deleted (a partial copy, a lost disk) gives no silently partial
 * result: every delivery of a scan under {@link DamagePolicy#FAIL} (the default) stops before it starts, naming
 * each damaged file; under {@link DamagePolicy#SKIP} it reads the intact blocks and its stats list the files.
 */
class DamagedCycleScanTest {
    @TempDir
    Path dir;

    @Test
    void aScanOfAJournalWithDamagedCycleFilesFailsByDefaultAndSaysWhatSkipLeavesOut() throws Exception {
        final Path journal = dir.resolve("j");
        final DamagedJournal model = new DamagedJournal(journal, 4, 3_000);
        final List<Path> files = JournalFiles.cycleFiles(journal);
        try (RandomAccessFile file = new RandomAccessFile(files.get(1).toFile(), "rw")) {
            file.setLength(Files.size(files.get(1)) / 40); // inside the excerpts the summary knows of
        }
        Files.delete(files.get(3));

        try (Journal j = Journal.openReadOnly(journal); Scanner scanner = new Scanner(j)) {
            assertEquals(2, j.damage().size(), j.damage() + " of " + files);
            final Scan byDefault = Scan.builder().build();
            final List<ScanException> failures = List.of(
                assertThrows(ScanException.class, () -> scanner.scan(byDefault, e -> { })),
                assertThrows(ScanException.class, () -> scanner.scanColumns(byDefault, 512, b -> { })),
                assertThrows(ScanException.class, () -> scanner.stream(byDefault).count()),
                assertThrows(ScanException.class, () -> scanner.scan(Scan.builder().threads(2).build(), e -> { })),
                assertThrows(ScanException.class, () -> scanner.scan(Scan.builder().merged(true).build(), e -> { })));
            for (final ScanException failure : failures) {
                assertEquals(j.damage(), failure.damagedCycles());
                assertTrue(failure.getMessage().contains(files.get(1).getFileName().toString())
                    && failure.getMessage().contains(files.get(3).getFileName() + " is missing")
                    && failure.getMessage().contains("DamagePolicy.SKIP"), failure.getMessage());
            }

            final long[] returned = new long[1];
            final ScanStats skipped = scanner.scan(Scan.builder().onDamage(DamagePolicy.SKIP).build(),
                e -> returned[0]++);
            assertEquals(j.damage(), skipped.damagedCycles());
            assertEquals(returned[0], skipped.eventsReturned());
            final long lost = j.damage().stream().mapToLong(DamagedCycle::eventsLost).sum();
            assertTrue(lost > 0, j.damage().toString());
            assertEquals(model.all().size() - lost, returned[0], "every event of the intact blocks, none else");
        }
    }
}
