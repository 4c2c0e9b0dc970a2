/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.CycleFileReader;
import dev.spoor.core.recovery.CycleCheck;
import dev.spoor.core.recovery.VerifyReport;
import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cycle files cut short at random points, deleted, or zeroed: opening never crashes, verify names the damage,
 * and reads return exactly the events of the whole excerpts left.
 * Seed: {@code -Dspoor.test.seed}; cuts: {@code -Dspoor.damage.cuts} (24 by default).
 */
class DamagedCycleTest {
    private static final long SEED = Long.getLong("spoor.test.seed", System.nanoTime());
    private static final int CUTS = Integer.getInteger("spoor.damage.cuts", 24);

    @TempDir
    Path root;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aCycleFileCutAnywhereIsNamedAndTheRestStaysReadable() throws Exception {
        System.out.println("DamagedCycleTest seed=" + SEED);
        final Random random = new Random(SEED);
        final Path template = root.resolve("template");
        final DamagedJournal model = new DamagedJournal(template, 3, 4_000);
        long acknowledged = 0;
        long found = 0;
        for (int run = 0; run < CUTS; run++) {
            final Path dir = root.resolve("cut-" + run);
            copy(template, dir);
            final List<Path> files = JournalFiles.cycleFiles(dir);
            final int victim = random.nextInt(files.size());
            final List<long[]> ends = excerptEnds(files.get(victim));
            final long dataEnd = ends.get(ends.size() - 1)[1];
            final long cut = random.nextInt(4) == 0 ? random.nextInt(256) : (long)(random.nextDouble() * dataEnd);
            try (RandomAccessFile file = new RandomAccessFile(files.get(victim).toFile(), "rw")) {
                file.setLength(cut);
            }
            final List<Long> intact = new ArrayList<>();
            for (final long index : model.blocks.keySet()) {
                final long[] place = model.places.get(index);
                if (place[0] != victim || ends.get((int)place[1])[1] <= cut) {
                    intact.add(index);
                }
            }
            final String what = "run " + run + ": cycle file " + victim + " cut at " + cut + " of " + dataEnd
                + ", seed=" + SEED;
            try (Journal journal = Journal.openReadOnly(dir)) {
                assertEquals(1, journal.damage().size(), what);
                assertEquals(CycleCheck.Kind.CUT, journal.damage().get(0).kind(), what);
                final List<String> events = DamagedJournal.events(journal);
                assertEquals(model.sorted(intact), events, what);
                final VerifyReport report = journal.verify();
                assertFalse(report.isClean(), what);
                assertTrue(report.problems().get(0).toString().contains(files.get(victim).getFileName().toString()),
                    report.problems() + " " + what);
                assertEquals(model.all().size() - events.size(), journal.damage().get(0).eventsLost(), what);
                acknowledged += model.all().size();
                found += events.size();
            }
            assertThrows(JournalException.class, () -> Journal.open(dir, new JournalConfig()
                .blockEvents(DamagedJournal.BLOCK_EVENTS)).close(), what);
        }
        ReliabilityLog.record("truncated cycle file", "scan (skip policy)", CUTS, acknowledged, found,
            "./mvnw -B -o verify -pl core -am -Dtest=DamagedCycleTest -Dspoor.test.seed=" + SEED);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDeletedCycleFileIsNamedWithTheEventsItHeldEvenWithoutTheIndexFile() throws Exception {
        final DamagedJournal model = new DamagedJournal(root, 3, 4_000);
        final List<Path> files = JournalFiles.cycleFiles(root);
        final List<Long> kept = new ArrayList<>();
        final int middle;
        try (Journal journal = Journal.openReadOnly(root)) {
            middle = journal.cycleOf(model.blocks.firstKey()) + 1;
            for (final long index : model.blocks.keySet()) {
                if (journal.cycleOf(index) != middle) {
                    kept.add(index);
                }
            }
        }
        Files.delete(files.get(1));
        Files.delete(root.resolve("index").resolve("blocks.idx"));
        try (Journal journal = Journal.openReadOnly(root)) {
            assertEquals(1, journal.damage().size());
            final CycleCheck.Damage damage = journal.damage().get(0);
            assertEquals(CycleCheck.Kind.MISSING, damage.kind());
            assertEquals(model.all().size() - model.sorted(kept).size(), damage.eventsLost());
            assertEquals(model.sorted(kept), DamagedJournal.events(journal));
            final VerifyReport report = journal.verify();
            assertFalse(report.isClean());
            assertTrue(report.problems().get(0).reason().contains("missing"), report.problems().toString());
            assertEquals(model.sorted(kept).size(), journal.stats().events());
        }
    }

    static List<long[]> excerptEnds(final Path file) throws IOException {
        final List<long[]> ends = new ArrayList<>();
        try (CycleFileReader reader = CycleFileReader.open(file)) {
            while (reader.next(false)) {
                ends.add(new long[] {reader.sequence(), reader.dataEnd()});
            }
        }
        return ends;
    }

    static void copy(final Path from, final Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (final Path source : files.toList()) {
                final Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
