/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.AuditLog;
import dev.spoor.core.governance.CompactionFile;
import dev.spoor.core.governance.ErasureFile;
import dev.spoor.core.governance.RetentionFile;
import dev.spoor.core.index.IndexFile;
import dev.spoor.core.internal.JournalMeta;
import dev.spoor.core.internal.KeyStore;
import dev.spoor.core.internal.PolicyFile;
import dev.spoor.core.ledger.LedgerFile;
import dev.spoor.core.ledger.LedgerSession;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.core.recovery.VerifyReport;
import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each side file of a real journal damaged three ways (cut in the middle, a byte flipped in its first record,
 * deleted), then opened read only, read whole, verified, and opened as a writer. What each file kind must give:
 * a derived file (the index) is rebuilt and the events stay readable; a file that cannot be rebuilt is refused by a
 * {@link JournalException} naming it, or, where reading on is safe, the journal opens and verify names it. Erased
 * events never come back, whatever happened to {@code erasures.spoor}. Each file kind leaves one
 * {@link ReliabilityLog} row: acknowledged = events written and not erased (per damage), found = events read
 * afterwards (0 where the file is essential and the open or read is refused, as the fault's name says).
 */
@Timeout(300)
class DamagedSideFileTest {
    private static final String COMMAND = "./mvnw -B -o verify -pl core -am -Dtest=DamagedSideFileTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false";
    private static final JournalConfig CONFIG = new JournalConfig().blockEvents(256).maxOpenBlocks(8);
    private static final int EVENTS = 3_000;

    @TempDir
    static Path shared;
    private static Path pristine;
    private static long erasedDevice;
    private static long liveEvents;

    @TempDir
    Path work;

    /** What the damage left: each step's error (null when it went through), the events read, verify's findings. */
    record Outcome(String damage, String readOnlyError, String readError, long found, long foundErased,
        List<String> verifyProblems, String writerError) {
        boolean isVerifyNaming(final String file) {
            return verifyProblems.stream().anyMatch(p -> p.contains(file));
        }
    }

    @BeforeAll
    static void writeJournal() throws Exception {
        pristine = shared.resolve("pristine");
        final JournalConfig config = new JournalConfig().blockEvents(256).maxOpenBlocks(8)
            .privacyPolicy(PrivacyPolicy.defaults().encryption(true));
        try (Journal journal = Journal.open(pristine, config)) {
            final long[] devices = {journal.devices().register("alice"), journal.devices().register("bob"),
                journal.devices().register("carol")};
            erasedDevice = devices[2];
            try (JournalWriter writer = journal.newWriter()) {
                try (LedgerSession session = journal.ingestLedger().begin(writer)) {
                    session.batch("a.csv", 0, EVENTS, 0, 0, 0, 50_000, 1, EVENTS);
                    for (int i = 0; i < EVENTS; i++) {
                        writer.move(devices[i % 3], 1_000_000L * i, i % 1920, i % 1080, 0);
                    }
                    session.complete("a.csv", EVENTS, 50_000, 1, EVENTS);
                }
            }
            journal.governance().erase("carol");
        }
        RetentionFile.write(pristine, 0);
        CompactionFile.append(pristine, 1_000, CompactionFile.PHASE_DONE, 0);
        liveEvents = EVENTS - EVENTS / 3;
    }

    @Test
    void aDamagedIndexIsRebuiltAndEveryEventStaysReadable() throws IOException {
        final List<Outcome> outcomes = damageEachWay(IndexFile.FILE_NAME);
        for (final Outcome o : outcomes) {
            assertNull(o.readOnlyError(), o.toString());
            assertEquals(liveEvents, o.found(), o.toString());
            assertNull(o.writerError(), o.toString());
            assertTrue(o.damage().equals("deleted") || o.isVerifyNaming("blocks.idx"), o.toString());
        }
        record("index/blocks.idx (derived: rebuilt)", outcomes);
    }

    @Test
    void aDamagedJournalMetaIsRefusedNamingIt() throws IOException {
        final List<Outcome> outcomes = damageEachWay(JournalMeta.FILE_NAME);
        for (final Outcome o : outcomes) {
            assertTrue(o.readOnlyError().contains(JournalMeta.FILE_NAME), o.toString());
            assertTrue(o.writerError().contains(JournalMeta.FILE_NAME), o.toString());
        }
        record("journal.spoor (essential: open refused, named)", outcomes);
    }

    @Test
    void aDamagedDeviceDictionaryLeavesTheEventsReadableAndVerifyNamesIt() throws IOException {
        final List<Outcome> outcomes = damageEachWay(DeviceRegistry.FILE_NAME);
        for (final Outcome o : outcomes) {
            assertNull(o.readOnlyError(), o.toString());
            assertEquals(liveEvents, o.found(), o.toString());
        }
        final Outcome flipped = outcomes.get(1);
        assertTrue(flipped.isVerifyNaming(DeviceRegistry.FILE_NAME), flipped.toString());
        assertTrue(flipped.writerError().contains(DeviceRegistry.FILE_NAME), "a writer would bury the damage: "
            + flipped);
        record("devices.dict (read only: events readable, verify names it; writer refused)", outcomes);
    }

    @Test
    void aDamagedPolicyIsRefusedNamingIt() throws IOException {
        final List<Outcome> outcomes = damageEachWay(PolicyFile.FILE_NAME);
        final Outcome flipped = outcomes.get(1);
        assertTrue(flipped.readOnlyError().contains(PolicyFile.FILE_NAME), flipped.toString());
        assertTrue(flipped.writerError().contains(PolicyFile.FILE_NAME), flipped.toString());
        final Outcome cut = outcomes.get(0);
        assertEquals(liveEvents, cut.found(), cut.toString());
        assertTrue(cut.isVerifyNaming(PolicyFile.FILE_NAME), "a cut record is a torn tail verify names: " + cut);
        for (final Outcome lost : List.of(cut, outcomes.get(2))) {
            // A writer would store the defaults (encryption off) over blocks written under version 1.
            assertTrue(lost.writerError().contains(PolicyFile.FILE_NAME), lost.toString());
        }
        record("policy.spoor (flipped: open refused; cut or deleted: readable, writer refused; named)", outcomes);
    }

    @Test
    void aDamagedAuditLogLeavesTheEventsReadableAndVerifyNamesIt() throws IOException {
        final List<Outcome> outcomes = damageEachWay(AuditLog.FILE_NAME);
        for (final Outcome o : outcomes) {
            assertNull(o.readOnlyError(), o.toString());
            assertEquals(liveEvents, o.found(), o.toString());
            assertTrue(o.damage().equals("deleted") || o.isVerifyNaming(AuditLog.FILE_NAME), o.toString());
        }
        record("audit.spoor (events readable, verify names it)", outcomes);
    }

    @Test
    void aDamagedRetentionFileIsRefusedOrCutNamingIt() throws IOException {
        final List<Outcome> outcomes = damageEachWay(RetentionFile.FILE_NAME);
        final Outcome flipped = outcomes.get(1);
        assertTrue(flipped.readOnlyError().contains(RetentionFile.FILE_NAME), flipped.toString());
        assertTrue(flipped.writerError().contains(RetentionFile.FILE_NAME), flipped.toString());
        assertEquals(liveEvents, outcomes.get(2).found(), "deleted: nothing was ever deleted by retention");
        record("retention.spoor (flipped: open refused, named)", outcomes);
    }

    /** Erased data never reappears: a damaged or missing erasure file stops every read, naming it. */
    @Test
    void aDamagedOrMissingErasureFileStopsReadsAndNeverBringsErasedEventsBack() throws IOException {
        final List<Outcome> outcomes = damageEachWay(ErasureFile.FILE_NAME);
        for (final Outcome o : outcomes) {
            assertEquals(0, o.foundErased(), "erased events came back: " + o);
            assertNull(o.readOnlyError(), o.toString());
            assertTrue(o.readError().contains(ErasureFile.FILE_NAME), o.toString());
            assertTrue(o.isVerifyNaming(ErasureFile.FILE_NAME), o.toString());
        }
        record("erasures.spoor (essential: reads refused, named; no erased event returned)", outcomes);
    }

    @Test
    void runningALostErasureAgainMakesTheJournalReadableWithTheEventsStillErased() throws IOException {
        final Path dir = work.resolve("rerun");
        copy(pristine, dir);
        Files.delete(dir.resolve(ErasureFile.FILE_NAME));
        assertTrue(open("deleted", dir).readError().contains(ErasureFile.FILE_NAME));
        try (Journal journal = Journal.open(dir, CONFIG)) {
            journal.governance().erase("carol");
        }
        final Outcome rerun = open("erasure run again", dir);
        assertNull(rerun.readError(), rerun.toString());
        assertEquals(liveEvents, rerun.found(), rerun.toString());
        assertEquals(0, rerun.foundErased(), rerun.toString());
        assertTrue(rerun.verifyProblems().isEmpty(), rerun.toString());
    }

    @Test
    void aDamagedKeyFileStopsReadsOfEncryptedBlocksNamingIt() throws IOException {
        final List<Outcome> outcomes = damageEachWay(KeyStore.FILE_NAME);
        for (final Outcome o : outcomes) {
            assertEquals(0, o.foundErased(), o.toString());
            assertNull(o.readOnlyError(), o.toString());
            assertTrue(o.readError() != null && o.readError().contains(KeyStore.FILE_NAME),
                "blocks must not read as erased when their keys are lost: " + o);
            assertTrue(o.isVerifyNaming(KeyStore.FILE_NAME), o.toString());
        }
        record("keys.spoor (essential for encrypted blocks: reads refused, named)", outcomes);
    }

    @Test
    void aDamagedLedgerLeavesTheEventsReadableAndVerifyNamesIt() throws IOException {
        final List<Outcome> outcomes = damageEachWay(LedgerFile.FILE_NAME);
        for (final Outcome o : outcomes) {
            assertNull(o.readOnlyError(), o.toString());
            assertEquals(liveEvents, o.found(), o.toString());
            assertNull(o.writerError(), o.toString());
        }
        assertTrue(outcomes.get(1).isVerifyNaming(LedgerFile.FILE_NAME), outcomes.get(1).toString());
        record("ingest-ledger.spoor (events readable, verify names it)", outcomes);
    }

    @Test
    void aDamagedCompactionLogLeavesTheEventsReadableAndVerifyNamesIt() throws IOException {
        final List<Outcome> outcomes = damageEachWay(CompactionFile.FILE_NAME);
        for (final Outcome o : outcomes) {
            assertNull(o.readOnlyError(), o.toString());
            assertEquals(liveEvents, o.found(), o.toString());
            assertNull(o.writerError(), o.toString());
        }
        assertTrue(outcomes.get(1).isVerifyNaming(CompactionFile.FILE_NAME), outcomes.get(1).toString());
        record("compaction.spoor (events readable, verify names it)", outcomes);
    }

    private List<Outcome> damageEachWay(final String name) throws IOException {
        final List<Outcome> outcomes = new ArrayList<>();
        for (final String damage : List.of("cut", "flipped", "deleted")) {
            final Path dir = work.resolve(damage);
            copy(pristine, dir);
            final Path file = dir.resolve(name);
            assertTrue(Files.exists(file), name);
            final byte[] bytes = Files.readAllBytes(file);
            switch (damage) {
                case "cut":
                    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
                    break;
                case "flipped":
                    // In the first record (or the header of a file without records): never a torn tail.
                    bytes[Math.min(bytes.length - 1, 12)] ^= 0x10;
                    Files.write(file, bytes);
                    break;
                default:
                    Files.delete(file);
                    break;
            }
            outcomes.add(open(damage, dir));
        }
        return outcomes;
    }

    private static Outcome open(final String damage, final Path dir) {
        String readOnlyError = null;
        String readError = null;
        String writerError = null;
        long found = 0;
        long foundErased = 0;
        final List<String> problems = new ArrayList<>();
        try (Journal journal = Journal.openReadOnly(dir)) {
            try {
                final Map<Long, List<long[]>> events = JournalEvents.readAll(journal);
                for (final Map.Entry<Long, List<long[]>> device : events.entrySet()) {
                    found += device.getValue().size();
                    foundErased += device.getKey() == erasedDevice ? device.getValue().size() : 0;
                }
            } catch (final JournalException e) {
                readError = e.getMessage();
            }
            final VerifyReport report = journal.verify();
            problems.addAll(report.problems().stream().map(Object::toString).collect(Collectors.toList()));
        } catch (final JournalException e) {
            readOnlyError = e.getMessage();
        }
        try (Journal journal = Journal.open(dir, CONFIG)) {
            assertNotNull(journal.journalId());
        } catch (final JournalException e) {
            writerError = e.getMessage();
        }
        return new Outcome(damage, readOnlyError, readError, found, foundErased, problems, writerError);
    }

    private static void record(final String fault, final List<Outcome> outcomes) {
        final long found = outcomes.stream().mapToLong(Outcome::found).sum();
        ReliabilityLog.record("damaged " + fault, "open read-only + read all + verify + open writer",
            outcomes.size(), liveEvents * outcomes.size(), found, COMMAND);
    }

    private static void copy(final Path from, final Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.naturalOrder())::iterator) {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (!path.getFileName().toString().endsWith(".lock")) {
                    Files.copy(path, target);
                }
            }
        }
    }
}
