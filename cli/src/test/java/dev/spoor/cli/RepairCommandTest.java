/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.DamagedJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user meets with a cycle file cut short (a partial copy) and one deleted: stats, scan and verify work and
 * name the damage, {@code repair --dry-run} changes nothing, {@code repair} leaves a journal that verifies clean
 * with every intact event.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RepairCommandTest {
    @TempDir
    Path dir;

    @Test
    void damagedCycleFilesAreNamedReadAroundAndRepaired() throws Exception {
        final Path journal = dir.resolve("j");
        final DamagedJournal model = new DamagedJournal(journal, 4, 3_000);
        final List<Path> files;
        try (Stream<Path> listed = Files.list(journal.resolve("queue"))) {
            files = listed.filter(p -> p.toString().endsWith(".cq4")).sorted().collect(Collectors.toList());
        }
        final long cut = Files.size(files.get(1)) / 40;
        try (RandomAccessFile file = new RandomAccessFile(files.get(1).toFile(), "rw")) {
            file.setLength(cut);
        }
        Files.delete(files.get(2));

        final Cli stats = Cli.run("stats", "--journal", journal.toString());
        assertEquals(0, stats.exitCode, stats.toString());
        assertTrue(stats.out.contains("damaged") && stats.out.contains(files.get(1).getFileName().toString())
            && stats.out.contains(files.get(2).getFileName() + " is missing"), stats.out);

        final Cli verify = Cli.run("verify", "--journal", journal.toString());
        assertEquals(1, verify.exitCode, verify.toString());
        assertTrue(verify.out.contains("cut short") && verify.out.contains("missing"), verify.out);

        final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--on-damage", "skip");
        assertEquals(0, scan.exitCode, scan.toString());
        final long rows = scan.out.lines().count() - 1;
        assertTrue(rows > 0 && rows < model.all().size(), rows + " rows of " + model.all().size());

        final byte[] before = Files.readAllBytes(files.get(1));
        final Cli dryRun = Cli.run("repair", "--journal", journal.toString(), "--dry-run");
        assertEquals(0, dryRun.exitCode, dryRun.toString());
        assertTrue(dryRun.out.contains("plan: cycle") && dryRun.out.contains(": rewrite queue/")
            && dryRun.out.contains(": accept queue/")
            && dryRun.out.contains("nothing changed"), dryRun.out);
        assertArrayEquals(before, Files.readAllBytes(files.get(1)));

        final Cli repair = Cli.run("repair", "--journal", journal.toString());
        assertEquals(0, repair.exitCode, repair.toString());
        assertTrue(repair.out.contains("repaired: dropped"), repair.out);
        final Cli clean = Cli.run("verify", "--journal", journal.toString());
        assertEquals(0, clean.exitCode, clean.toString());
        final Cli after = Cli.run("scan", "--journal", journal.toString());
        assertEquals(rows, after.out.lines().count() - 1, "the same intact events before and after the repair");
        final Cli audit = Cli.run("audit", "--journal", journal.toString());
        assertTrue(audit.out.contains("repair") && audit.out.contains(files.get(2).getFileName().toString()),
            audit.out);
        final Cli again = Cli.run("repair", "--journal", journal.toString());
        assertTrue(again.out.contains("ok: no damaged cycle file"), again.out);
    }
}
