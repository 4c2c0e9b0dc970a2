/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.governance.Governance;
import dev.spoor.core.index.IndexFile;
import dev.spoor.core.internal.CycleFileReader;
import dev.spoor.core.internal.CycleSummary;
import dev.spoor.core.recovery.DamagedCycle;
import dev.spoor.core.recovery.RepairReport;
import dev.spoor.core.recovery.VerifyReport;
import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
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

    /**
     * A cycle file cut in the middle of its blocks with the cycle summary gone: the blocks repair lists from the
     * index file as lost are the blocks it counts, not "dropping 0 blocks" beside a list of them.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aCutCycleWithoutItsSummaryCountsTheBlocksTheIndexKnewAsLost() throws Exception {
        new DamagedJournal(root, 3, 4_000);
        final List<Path> files = JournalFiles.cycleFiles(root);
        final List<long[]> ends = excerptEnds(files.get(1));
        try (RandomAccessFile file = new RandomAccessFile(files.get(1).toFile(), "rw")) {
            file.setLength(ends.get(ends.size() / 2)[1] - 10); // inside the middle block
        }
        Files.delete(root.resolve(CycleSummary.FILE_NAME));
        final RepairReport plan = Journal.repair(root, true);
        assertEquals(1, plan.actions().size(), plan.actions().toString());
        final RepairReport.Action action = plan.actions().get(0);
        final List<String> listed = action.dropped().stream().filter(d -> d.contains(" lost: device "))
            .collect(Collectors.toList());
        assertFalse(listed.isEmpty(), action.describe());
        assertEquals(listed.size(), action.blocksDropped(), action.describe());
        final long listedEvents = listed.stream().mapToLong(d -> Long.parseLong(d.replaceAll(".*, (\\d+) events.*",
            "$1"))).sum();
        assertEquals(listedEvents, action.eventsDropped(), action.describe());
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
    void aLengthenedExcerptHeaderLosesNothing() throws Exception {
        System.out.println("DamagedCycleTest header seed=" + SEED);
        final Random random = new Random(SEED);
        final DamagedJournal model = new DamagedJournal(root, 3, 4_000);
        final int bump = 64 * (1 + random.nextInt(4));
        checkNothingLost(model, damageHeader(model, random, header -> header + bump) + ", " + bump
            + " bytes longer");
    }

    /**
     * The journal's first cycle file holds 22 excerpts; the next to last one's header 64 bytes longer sends a plain
     * walk into the last block, where it reads a 1-byte "excerpt" and the cycle's end: one excerpt dropped, as many
     * as the summary knows read, so nothing looked unreachable and repair dropped the last block (found by the
     * random test above with seed 31070961531205).
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aHeaderLengthenedIntoTheLastBlockLosesNothing() throws Exception {
        final DamagedJournal model = new DamagedJournal(root, 3, 4_000);
        final int excerpts = excerptEnds(JournalFiles.cycleFiles(root).get(0)).size();
        assertEquals(22, excerpts, "the journal this case was found on");
        checkNothingLost(model, damageHeader(model, 0, excerpts - 2, header -> header + 64, new long[1])
            + ", 64 bytes longer");
    }

    /**
     * A header 16 bytes shorter frames part of its block; the next header read lies inside the block, often a zero
     * word, which a walk took for the end of the data: repair dropped every later block of the cycle (a new-user
     * trial on Balabit lost 44 of 88 blocks). The block is whole in the bytes after the header: kept, and the walk
     * goes on after it.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aShortenedExcerptHeaderLosesNothing() throws Exception {
        System.out.println("DamagedCycleTest shortened seed=" + SEED);
        final DamagedJournal model = new DamagedJournal(root, 3, 4_000);
        checkNothingLost(model, damageHeader(model, new Random(SEED), header -> header - 16) + ", 16 bytes shorter");
    }

    /** The last excerpt of a cycle lengthened: its block still reads, and repair rewrites the file all the same. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aLengthenedLastExcerptIsRewrittenByRepair() throws Exception {
        final DamagedJournal model = new DamagedJournal(root, 3, 4_000);
        final int excerpts = excerptEnds(JournalFiles.cycleFiles(root).get(1)).size();
        checkNothingLost(model, damageHeader(model, 1, excerpts - 1, header -> header + 64, new long[1])
            + ", the last one, 64 bytes longer");
    }

    /**
     * One of the last excerpts of the newest cycle file garbled to a length that runs off the file. The last one:
     * Chronicle's search for the end of the queue (a walk on from its last index entry, the last excerpt) read past
     * the end of the mapping, so every open but repair's failed with an {@link InternalError} until 2026-12-01.
     * The ones before it: read past as any damaged header, whether {@code CycleTail} checks them (2) or not (5).
     */
    @ParameterizedTest(name = "excerpt {0} from the end")
    @ValueSource(ints = {1, 2, 5})
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aGarbledHeaderAtTheEndOfTheNewestCycleLosesNothing(final int fromEnd) throws Exception {
        final DamagedJournal model = new DamagedJournal(root, 3, 4_000);
        final int newest = JournalFiles.cycleFiles(root).size() - 1;
        final int excerpts = excerptEnds(JournalFiles.cycleFiles(root).get(newest)).size();
        checkNothingLost(model, damageHeader(model, newest, excerpts - fromEnd, header -> 0x0FFF_0000, new long[1])
            + ", " + fromEnd + " from the newest cycle's end, to 0x0fff0000");
    }

    /**
     * A collector restarted on a journal whose newest cycle file ends in a garbled excerpt header: Chronicle's
     * appender finds the end of the file by walking it, so until 2026-12-01 the writer's seals failed (or, without
     * assertions, wrote where the damaged length pointed) and the events went unsealed. Now the journal is not
     * opened for writing until repair, which keeps every block; then the writer goes on.
     */
    @ParameterizedTest(name = "excerpt {0} from the end")
    @ValueSource(ints = {1, 3})
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aWriterIsRefusedUntilRepairWhenTheNewestCycleEndsInADamagedHeader(final int fromEnd) throws Exception {
        final DamagedJournal model = new DamagedJournal(root, 3, 4_000);
        final Path newest = JournalFiles.cycleFiles(root).get(2);
        damageHeader(model, 2, excerptEnds(newest).size() - fromEnd, header -> 0x0FFF_0000, new long[1]);
        final long length = Files.size(newest);
        final JournalConfig config = new JournalConfig().blockEvents(DamagedJournal.BLOCK_EVENTS)
            .clock(new ManualClock(DamagedJournal.START_MS + 2 * 3_600_000L + 60_000L)); // the newest cycle's hour
        final JournalException refused = assertThrows(JournalException.class, () -> Journal.open(root, config));
        assertTrue(refused.getMessage().contains(root.relativize(newest).toString())
            && refused.getMessage().contains("spoor repair"), refused.getMessage());
        assertEquals(length, Files.size(newest), "the refused open left the cycle file as it was");
        try (Journal journal = Journal.openReadOnly(root)) {
            assertSameEvents(model.all(), DamagedJournal.events(journal), "read after the refused open");
            final String problems = journal.verify().problems().toString();
            assertTrue(problems.contains("does not frame its block") && problems.contains(newest.getFileName()
                .toString()), problems);
        }
        assertEquals(0, Journal.repair(root, false).eventsDropped());
        final List<String> expected = new ArrayList<>(model.all());
        try (Journal journal = Journal.open(root, config)) {
            final long alice = journal.devices().lookup("alice");
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < 1_000; i++) {
                    final long ts = 20_000_000_000_000L + i * 1_000_000L;
                    writer.move(alice, ts, i, i, 0);
                    expected.add(alice + " " + ts + " " + i + " " + i);
                }
            }
        }
        expected.sort(null);
        try (Journal journal = Journal.openReadOnly(root)) {
            assertSameEvents(expected, DamagedJournal.events(journal), "after repair and 1,000 more events");
            assertTrue(journal.verify().isClean(), journal.verify().toString());
        }
    }

    /**
     * A header in the cycle file a writer is appending to garbled while the writer runs: its appender keeps its own
     * place, so it goes on; readers opened meanwhile read every sealed event (past the header, from a salvage of a
     * file that grows under it); after the close, repair keeps every block.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aHeaderDamagedInTheLiveCycleOfARunningWriterLosesNothing() throws Exception {
        final ManualClock clock = new ManualClock(DamagedJournal.START_MS);
        final List<String> expected = new ArrayList<>();
        try (Journal journal = Journal.open(root, new JournalConfig().blockEvents(DamagedJournal.BLOCK_EVENTS)
            .clock(clock)); JournalWriter writer = journal.newWriter()) {
            final long alice = journal.devices().register("alice");
            final long bob = journal.devices().register("bob");
            appendMoves(writer, new long[] {alice, bob}, 0, 6_000, expected);
            writer.flush();
            final Path live = JournalFiles.cycleFiles(root).get(0);
            final int excerpts = excerptEnds(live).size();
            try (RandomAccessFile raf = new RandomAccessFile(live.toFile(), "rw")) {
                raf.seek(dataHeaders(live).get(excerpts / 3));
                raf.writeInt(Integer.reverseBytes(0x0FFF_0000));
            }
            try (Journal reader = Journal.openReadOnly(root)) {
                assertSameEvents(sorted(expected), DamagedJournal.events(reader), "read while the writer runs");
            }
            appendMoves(writer, new long[] {alice, bob}, 6_000, 6_000, expected);
            writer.flush();
            try (Journal reader = Journal.openReadOnly(root)) {
                assertSameEvents(sorted(expected), DamagedJournal.events(reader), "read after more appends");
            }
        }
        try (Journal journal = Journal.openReadOnly(root)) {
            assertSameEvents(sorted(expected), DamagedJournal.events(journal), "read after the writer closed");
            assertFalse(journal.verify().isClean(), "verify names the damaged header");
        }
        assertEquals(0, Journal.repair(root, false).eventsDropped());
        try (Journal journal = Journal.openReadOnly(root)) {
            assertSameEvents(sorted(expected), DamagedJournal.events(journal), "read after repair");
            assertTrue(journal.verify().isClean(), journal.verify().toString());
        }
    }

    /** Moves {@code from} to {@code from + count - 1}, 1 ms apart, over the devices in turn; noted in {@code to}. */
    private static void appendMoves(final JournalWriter writer, final long[] devices, final int from, final int count,
        final List<String> to) {
        for (int i = from; i < from + count; i++) {
            final long device = devices[i % devices.length];
            final long ts = i * 1_000_000L;
            writer.move(device, ts, i % 1920, i % 1080, 0);
            to.add(device + " " + ts + " " + i % 1920 + " " + i % 1080);
        }
    }

    private static List<String> sorted(final List<String> events) {
        final List<String> copy = new ArrayList<>(events);
        copy.sort(null);
        return copy;
    }

    /** The byte position of each data excerpt's header word in {@code file}. */
    static List<Long> dataHeaders(final Path file) throws IOException {
        final List<Long> headers = new ArrayList<>();
        try (CycleFileReader reader = CycleFileReader.open(file)) {
            while (reader.next(false)) {
                headers.add(reader.dataEnd() - reader.length() - 4);
            }
        }
        return headers;
    }

    private void checkNothingLost(final DamagedJournal model, final String what) throws Exception {
        // Before repair, readers go past the damaged header too: Chronicle's walk leaves the excerpts there, and
        // the blocks it cannot reach are read from a salvage of the cycle file.
        try (Journal journal = Journal.openReadOnly(root)) {
            assertSameEvents(model.all(), DamagedJournal.events(journal), "a full read before repair, " + what);
            final List<Long> failed = new ArrayList<>();
            assertSameEvents(model.all(), plannedEvents(journal, failed), "planned reads before repair, " + what);
            assertEquals(List.of(), failed, what);
            assertFalse(journal.verify().isClean(), "verify still names the damage, " + what);
        }
        assertEquals(model.places.keySet(), positions(root), "a tailer before repair: every block at its position, "
            + what);
        final TreeSet<Long> all = new TreeSet<>(model.places.keySet());
        int resumed = 0;
        for (final long position : all) {
            if (resumed++ % 5 == 0) { // resumed from positions before, at and past the damage
                assertEquals(all.tailSet(position, false), positionsAfter(root, position), "a tailer resumed after 0x"
                    + Long.toHexString(position) + " before repair, " + what);
            }
        }
        // The longer excerpt still holds its whole block (a block knows its own length and checksum): the block is
        // kept, and the next excerpt is read right after it, not from where the damaged length points.
        final RepairReport plan = Journal.repair(root, true);
        assertEquals(0, plan.blocksDropped(), plan.actions() + " " + what);
        assertEquals(0, plan.eventsDropped(), plan.actions() + " " + what);
        repairAndCheck(root, model.all(), what);
        assertEquals(model.places.keySet(), positions(root), "every block at its queue index, " + what);
    }

    /**
     * A data header garbled to a length that runs off the file: the block after it is whole by its own length and
     * checksum, so nothing is lost (until 2026-12-01 the garbled excerpt's own block was).
     */
    @ParameterizedTest(name = "index file kept: {0}")
    @ValueSource(booleans = {true, false})
    void aGarbledExcerptHeaderLosesNothing(final boolean isIndexKept) throws Exception {
        System.out.println("DamagedCycleTest garbled seed=" + SEED);
        final Random random = new Random(SEED);
        final DamagedJournal model = new DamagedJournal(root, 3, 4_000);
        final int garbage = 0x0FFF_0000 | random.nextInt(0x1_0000); // a data header whose length runs off the file
        final String what = damageHeader(model, random, header -> garbage, new long[1]) + ", header 0x"
            + Integer.toHexString(garbage) + (isIndexKept ? "" : ", index file deleted");
        if (!isIndexKept) {
            // The last run is then placed by the cycle summary's last queue index.
            Files.delete(root.resolve(IndexFile.FILE_NAME));
        }
        checkNothingLost(model, what);
    }

    private String damageHeader(final DamagedJournal model, final Random random, final IntUnaryOperator change)
        throws IOException {
        return damageHeader(model, random, change, new long[1]);
    }

    /**
     * Changes the header word of a random data excerpt (not the first or last of its cycle file) of a random cycle
     * file; {@code victim[0]} gets its queue index.
     */
    private String damageHeader(final DamagedJournal model, final Random random, final IntUnaryOperator change,
        final long[] victim) throws IOException {
        final List<Path> files = JournalFiles.cycleFiles(root);
        final int file = random.nextInt(files.size());
        final int sequence = 1 + random.nextInt(excerptEnds(files.get(file)).size() - 2);
        return damageHeader(model, file, sequence, change, victim) + ", seed=" + SEED;
    }

    /** Changes the header word of data excerpt {@code sequence} of cycle file {@code file}. */
    private String damageHeader(final DamagedJournal model, final int file, final int sequence,
        final IntUnaryOperator change, final long[] victim) throws IOException {
        final List<Path> files = JournalFiles.cycleFiles(root);
        final List<long[]> headers = new ArrayList<>();
        try (CycleFileReader reader = CycleFileReader.open(files.get(file))) {
            while (reader.next(false)) {
                headers.add(new long[] {reader.sequence(), reader.dataEnd() - reader.length() - 4});
            }
        }
        final long at = headers.get(sequence)[1];
        try (RandomAccessFile raf = new RandomAccessFile(files.get(file).toFile(), "rw")) {
            raf.seek(at);
            final int header = Integer.reverseBytes(raf.readInt());
            raf.seek(at);
            raf.writeInt(Integer.reverseBytes(change.applyAsInt(header)));
        }
        victim[0] = model.places.entrySet().stream().filter(p -> p.getValue()[0] == file
            && p.getValue()[1] == sequence).findFirst().orElseThrow().getKey();
        return "header of excerpt " + sequence + " of cycle file " + file + " changed";
    }

    /** Equal lists of events; else says how many of each and the first that differs (not both lists whole). */
    private static void assertSameEvents(final List<String> expected, final List<String> actual, final String what) {
        if (expected.equals(actual)) {
            return;
        }
        int i = 0;
        while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) {
            i++;
        }
        throw new AssertionError(what + ": " + actual.size() + " events read, " + expected.size() + " expected; first"
            + " difference at " + i + ": " + (i < actual.size() ? actual.get(i) : "none") + " read, "
            + (i < expected.size() ? expected.get(i) : "none") + " expected");
    }

    /**
     * Every event of every block the index plans, read block by block as a scan reads them; the queue indexes of
     * blocks whose read failed go to {@code failed}.
     */
    private static List<String> plannedEvents(final Journal journal, final List<Long> failed) {
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
        final List<String> events = new ArrayList<>();
        final BlockPlan plan = new BlockPlan();
        try (JournalReader reader = journal.newReader()) {
            reader.plan(null, Long.MIN_VALUE, Long.MAX_VALUE, -1, plan);
            for (int i = 0; i < plan.size(); i++) {
                try {
                    reader.read(plan, i, (queueIndex, deviceId, buffer, offset, length) -> {
                        decoder.decode(buffer, offset, length, batch);
                        for (int e = 0; e < batch.size(); e++) {
                            final long[] f = JournalEvents.fields(deviceId, batch, e);
                            events.add(f[0] + " " + f[1] + " " + f[3] + " " + f[4]);
                        }
                        return true;
                    });
                } catch (final JournalException e) {
                    failed.add(plan.queueIndex(i));
                }
            }
        }
        events.sort(null);
        return events;
    }

    /** The queue index of every block a tailer from the start delivers. */
    private static TreeSet<Long> positions(final Path dir) {
        return positionsAfter(dir, JournalTailer.START);
    }

    /** The queue index of every block a tailer resumed after {@code position} delivers, polling 7 at a time. */
    private static TreeSet<Long> positionsAfter(final Path dir, final long position) {
        final TreeSet<Long> positions = new TreeSet<>();
        try (Journal journal = Journal.openReadOnly(dir); JournalTailer tailer = journal.newTailer(position)) {
            while (tailer.poll((index, device, buffer, offset, length) -> positions.add(index), 7) > 0) {
                continue;
            }
        }
        return positions;
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
