/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.Governance;
import dev.spoor.core.internal.CycleFileReader;
import dev.spoor.core.recovery.DamagedCycle;
import dev.spoor.core.recovery.RepairReport;
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
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        int repairs = 0;
        long repaired = 0;
        for (int run = 0; run < CUTS; run++) {
            final Path dir = root.resolve("cut-" + run);
            copy(template, dir);
            final List<Path> files = JournalFiles.cycleFiles(dir);
            final int victim = random.nextInt(files.size());
            final List<long[]> ends = excerptEnds(files.get(victim));
            final long dataEnd = ends.get(ends.size() - 1)[1];
            // The file starts with Chronicle's header and index arrays (tens of KB); the blocks come after them.
            // A quarter of the cuts land in the file's first bytes, the rest anywhere from just before the first block.
            final long firstBlock = Math.max(0, ends.get(0)[1] - 600);
            final long cut = random.nextInt(4) == 0 ? random.nextInt(256)
                : firstBlock + (long)(random.nextDouble() * (dataEnd - firstBlock));
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
                assertEquals(DamagedCycle.Kind.CUT, journal.damage().get(0).kind(), what);
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
            if (run % 2 == 0) {
                repairs++;
                repaired += repairAndCheck(dir, model.sorted(intact), what);
            }
        }
        ReliabilityLog.record("truncated cycle file", "scan (skip policy)", CUTS, acknowledged, found,
            "./mvnw -B -o verify -pl core -am -Dtest=DamagedCycleTest -Dspoor.test.seed=" + SEED);
        ReliabilityLog.record("truncated cycle file", "repair", repairs, repairs * (long)model.all().size(),
            repaired, "./mvnw -B -o verify -pl core -am -Dtest=DamagedCycleTest -Dspoor.test.seed=" + SEED);
    }

    /**
     * A dry run changes no byte; a repair leaves a journal that verifies clean, opens for writing, returns exactly
     * {@code intact} and has the drop in its audit log. Returns the events read after the repair.
     */
    static long repairAndCheck(final Path dir, final List<String> intact, final String what) throws Exception {
        final Map<String, byte[]> before = contents(dir);
        final RepairReport plan = Journal.repair(dir, true);
        assertFalse(plan.isClean(), what);
        assertEquals(before.keySet(), contents(dir).keySet(), what);
        for (final Map.Entry<String, byte[]> file : contents(dir).entrySet()) {
            assertArrayEquals(before.get(file.getKey()), file.getValue(), file.getKey() + " changed by a dry run, "
                + what);
        }
        final RepairReport done = Journal.repair(dir, false);
        assertEquals(plan.actions().size(), done.actions().size(), what);
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertTrue(journal.damage().isEmpty(), journal.damage() + " " + what);
            final VerifyReport report = journal.verify();
            assertTrue(report.isClean(), report.problems() + " " + what);
            assertEquals(intact, DamagedJournal.events(journal), what);
            assertEquals(intact.size(), journal.stats().events(), what);
            assertTrue(journal.governance().auditLog().stream().anyMatch(e -> e.action().equals("repair")), what);
        }
        Journal.open(dir, new JournalConfig().blockEvents(DamagedJournal.BLOCK_EVENTS)).close();
        assertTrue(Journal.repair(dir, true).isClean(), "a second repair finds nothing, " + what);
        return intact.size();
    }

    static Map<String, byte[]> contents(final Path dir) throws IOException {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (final Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
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
            final DamagedCycle damage = journal.damage().get(0);
            assertEquals(DamagedCycle.Kind.MISSING, damage.kind());
            assertEquals(model.all().size() - model.sorted(kept).size(), damage.eventsLost());
            assertEquals(model.sorted(kept), DamagedJournal.events(journal));
            final VerifyReport report = journal.verify();
            assertFalse(report.isClean());
            assertTrue(report.problems().get(0).reason().contains("missing"), report.problems().toString());
            assertEquals(model.sorted(kept).size(), journal.stats().events());
        }
        final JournalException refused = assertThrows(JournalException.class, () -> Governance.compact(root));
        assertTrue(refused.getMessage().contains("spoor repair"), refused.getMessage());
        repairAndCheck(root, model.sorted(kept), "deleted cycle file");
        ReliabilityLog.record("deleted cycle file", "repair", 1, model.all().size(), model.sorted(kept).size(),
            "./mvnw -B -o verify -pl core -am -Dtest=DamagedCycleTest");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void flippedBytesInABlockAreSkippedByScansNamedByVerifyAndDroppedByRepair() throws Exception {
        System.out.println("DamagedCycleTest flip seed=" + SEED);
        final Random random = new Random(SEED);
        final DamagedJournal model = new DamagedJournal(root, 3, 4_000);
        final List<Path> files = JournalFiles.cycleFiles(root);
        final int victim = random.nextInt(files.size());
        final List<long[]> ends = excerptEnds(files.get(victim));
        final int sequence = random.nextInt(ends.size());
        final long start = sequence == 0 ? 0 : ends.get(sequence - 1)[1];
        final long end = ends.get(sequence)[1];
        // A byte inside the block, after its seal id and the first header fields: checksum fails, framing holds.
        final long at = end - 1 - random.nextInt((int)Math.min(64, end - start - 80));
        try (RandomAccessFile file = new RandomAccessFile(files.get(victim).toFile(), "rw")) {
            file.seek(at);
            final int b = file.read();
            file.seek(at);
            file.write(b ^ 0x5A);
        }
        final List<Long> intact = new ArrayList<>();
        for (final Map.Entry<Long, long[]> place : model.places.entrySet()) {
            if (place.getValue()[0] != victim || place.getValue()[1] != sequence) {
                intact.add(place.getKey());
            }
        }
        final String what = "byte " + at + " of cycle file " + victim + " (excerpt " + sequence + "), seed=" + SEED;
        try (Journal journal = Journal.openReadOnly(root)) {
            assertTrue(journal.damage().isEmpty(), what);
            final VerifyReport report = journal.verify();
            assertEquals(1, report.problems().size(), report.problems() + " " + what);
        }
        repairAndCheck(root, model.sorted(intact), what);
        ReliabilityLog.record("flipped byte in a block", "repair", 1, model.all().size(), model.sorted(intact).size(),
            "./mvnw -B -o verify -pl core -am -Dtest=DamagedCycleTest -Dspoor.test.seed=" + SEED);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aLengthenedExcerptHeaderIsReportedWithEveryBlockAfterItThatRepairDrops() throws Exception {
        System.out.println("DamagedCycleTest header seed=" + SEED);
        final Random random = new Random(SEED);
        final DamagedJournal model = new DamagedJournal(root, 3, 4_000);
        final List<Path> files = JournalFiles.cycleFiles(root);
        final int victim = random.nextInt(files.size());
        final List<long[]> headers = new ArrayList<>();
        try (CycleFileReader reader = CycleFileReader.open(files.get(victim))) {
            while (reader.next(false)) {
                headers.add(new long[] {reader.sequence(), reader.dataEnd() - reader.length() - 4});
            }
        }
        final int sequence = 1 + random.nextInt(headers.size() - 2);
        final int bump = 64 * (1 + random.nextInt(4));
        final long at = headers.get(sequence)[1];
        try (RandomAccessFile file = new RandomAccessFile(files.get(victim).toFile(), "rw")) {
            file.seek(at);
            final int header = Integer.reverseBytes(file.readInt());
            file.seek(at);
            file.writeInt(Integer.reverseBytes(header + bump));
        }
        final List<Long> intact = new ArrayList<>();
        long lostEvents = 0;
        long lostBlocks = 0;
        for (final Map.Entry<Long, long[]> place : model.places.entrySet()) {
            // The longer excerpt still holds its whole block (a block knows its own length and checksum), so it stays;
            // the walk then reads from inside the next excerpt, off the framing: every excerpt after it is lost.
            if (place.getValue()[0] == victim && place.getValue()[1] > sequence) {
                lostBlocks++;
                lostEvents += model.blocks.get(place.getKey()).size();
            } else {
                intact.add(place.getKey());
            }
        }
        final String what = "excerpt " + sequence + " of cycle file " + victim + " " + bump + " bytes longer, seed="
            + SEED;
        final RepairReport plan = Journal.repair(root, true);
        assertEquals(lostBlocks, plan.blocksDropped(), plan.actions() + " " + what);
        assertEquals(lostEvents, plan.eventsDropped(), plan.actions() + " " + what);
        assertTrue(plan.actions().get(0).reason().contains("cannot be reached"), plan.actions() + " " + what);
        final List<String> listed = plan.actions().get(0).dropped().stream().map(d -> d.substring(0, d.indexOf(' ')))
            .toList();
        assertEquals(listed.size(), listed.stream().distinct().count(), "each dropped block listed once: " + listed);
        repairAndCheck(root, model.sorted(intact), what);
    }

    @Test
    void aTailerIsRefusedOnAJournalWithADamagedCycleFile() throws Exception {
        new DamagedJournal(root, 3, 2_000);
        final Path cut = JournalFiles.cycleFiles(root).get(1);
        try (RandomAccessFile file = new RandomAccessFile(cut.toFile(), "rw")) {
            file.setLength(Files.size(cut) / 40); // inside the excerpts the summary knows of
        }
        try (Journal journal = Journal.openReadOnly(root)) {
            final JournalException refused = assertThrows(JournalException.class, journal::newTailer);
            assertTrue(refused.getMessage().contains(cut.getFileName().toString())
                && refused.getMessage().contains("spoor repair"), refused.getMessage());
        }
        Journal.repair(root, false);
        try (Journal journal = Journal.openReadOnly(root); JournalTailer tailer = journal.newTailer()) {
            assertTrue(tailer.poll((queueIndex, deviceId, buffer, offset, length) -> true, 1_000) > 0,
                "after repair a tailer reads the intact blocks");
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
