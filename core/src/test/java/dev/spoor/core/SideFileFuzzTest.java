/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.EventBatch;
import dev.spoor.core.governance.AuditLog;
import dev.spoor.core.governance.CompactionFile;
import dev.spoor.core.governance.ErasureFile;
import dev.spoor.core.governance.Erasures;
import dev.spoor.core.governance.RetentionFile;
import dev.spoor.core.index.BlockIndex;
import dev.spoor.core.index.IndexFile;
import dev.spoor.core.internal.JournalMeta;
import dev.spoor.core.internal.KeyStore;
import dev.spoor.core.internal.PolicyFile;
import dev.spoor.core.internal.RecordLog;
import dev.spoor.core.internal.StagingArea;
import dev.spoor.core.internal.StagingLayout;
import dev.spoor.core.ledger.LedgerFile;
import dev.spoor.core.ledger.LedgerSession;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.testkit.Bounded;
import dev.spoor.testkit.FileDamage;
import dev.spoor.testkit.Trials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile bytes in every side file a journal reads back. One real journal is written once by the real code (with
 * encryption, an erasure, an ingest session, a retention and a compaction record), then each property damages one
 * of its files (1 to 3 {@link FileDamage}s: flipped bytes, cuts, garbage, huge or negative length fields, zeroed
 * runs), reads it with the reader the journal uses, and restores it. The only outcomes allowed: the read succeeds,
 * or it throws a {@link JournalException} whose message names the file. Every read runs under
 * {@link Bounded#call}: 10 s and a heap allocation bound of 8 MiB plus 16 times the file's length, so a hang or an
 * allocation sized by an unchecked length fails the try.
 * <p>Tries and seeds: {@link Trials} (150 tries per property; a soak passes {@code -Dspoor.fuzz.tries=20000}). Each
 * property prints its base seed; a failure prints the failing try's seed and damages, and
 * {@code -Dspoor.fuzz.seed=<seed> -Dspoor.fuzz.tries=1} replays that try alone.
 */
class SideFileFuzzTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static Path root;
    private static Path dir;
    private static Path stagingCopy;
    private static final List<String> RECORD_LOGS = List.of(PolicyFile.FILE_NAME, AuditLog.FILE_NAME,
        RetentionFile.FILE_NAME, ErasureFile.FILE_NAME, CompactionFile.FILE_NAME, KeyStore.FILE_NAME,
        LedgerFile.FILE_NAME);

    @BeforeAll
    static void writeJournal() throws Exception {
        root = Files.createTempDirectory("spoor-side-fuzz");
        dir = root.resolve("journal");
        // Few staging slots, so the staging file is small enough to damage and map hundreds of times.
        final JournalConfig config = new JournalConfig().blockEvents(256).maxOpenBlocks(4)
            .privacyPolicy(PrivacyPolicy.defaults().encryption(true));
        try (Journal journal = Journal.open(dir, config)) {
            final long[] devices = {journal.devices().register("alice"), journal.devices().register("bob"),
                journal.devices().register("carol-ö")};
            try (JournalWriter writer = journal.newWriter()) {
                try (LedgerSession session = journal.ingestLedger().begin(writer)) {
                    session.batch("recordings/a.csv", 0, 600, 0, 0, 0, 9_000, 77, 600);
                    for (int i = 0; i < 600; i++) {
                        writer.move(devices[i % 3], 1_000_000L * i, i % 1920, i % 1080, 0);
                    }
                    session.complete("recordings/a.csv", 600, 9_000, 77, 600);
                }
                writer.flush();
                for (int i = 600; i < 700; i++) {
                    writer.keyDown(devices[i % 3], 1_000_000L * i, 65, 0);
                }
                // A live writer's staging file, as a kill would leave it for recovery to read.
                final Path staging;
                try (Stream<Path> files = Files.list(dir.resolve(Journal.STAGING_DIR))) {
                    staging = files.filter(p -> p.toString().endsWith(".stg")).findFirst().orElseThrow();
                }
                stagingCopy = root.resolve("writer-copy.stg");
                Files.copy(staging, stagingCopy);
            }
            journal.governance().erase("bob", 100_000_000L, 200_000_000L);
            journal.governance().erase("carol-ö");
        }
        RetentionFile.write(dir, 0);
        CompactionFile.append(dir, 1_000, CompactionFile.PHASE_REPLACING, 1);
        CompactionFile.append(dir, 1_001, CompactionFile.PHASE_DONE, 1);
        for (final String name : List.of(JournalMeta.FILE_NAME, DeviceRegistry.FILE_NAME, PolicyFile.FILE_NAME,
            AuditLog.FILE_NAME, RetentionFile.FILE_NAME, ErasureFile.FILE_NAME, CompactionFile.FILE_NAME,
            KeyStore.FILE_NAME, LedgerFile.FILE_NAME, IndexFile.FILE_NAME)) {
            assertTrue(Files.size(dir.resolve(name)) > 0, name + " was written");
        }
    }

    @AfterAll
    static void deleteJournal() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Runs {@code body} over 1 to 3 random damages per try. */
    private static void forAllDamages(final String property, final DamageBody body) {
        Trials.forAll(property, random -> {
            final List<FileDamage> damages = FileDamage.randomList(random, 3);
            try {
                body.run(damages);
            } catch (final Exception | AssertionError e) {
                throw new AssertionError("damages " + damages + ": " + e, e);
            }
        });
    }

    @FunctionalInterface
    private interface DamageBody {
        void run(List<FileDamage> damages) throws Exception;
    }

    @Test
    void journalMetaIsReadOrNamed() {
        forAllDamages("journalMetaIsReadOrNamed", damages -> {
            damaged(JournalMeta.FILE_NAME, damages, () -> JournalMeta.read(dir));
        });
    }

    @Test
    void devicesDictionaryIsReadOrNamedAndReadOnlyOpensAlways() {
        forAllDamages("devicesDictionaryIsReadOrNamedAndReadOnlyOpensAlways", damages -> {
            damaged(DeviceRegistry.FILE_NAME, damages, () -> {
                final DeviceRegistry readOnly = DeviceRegistry.open(dir, true, null, () -> true, () -> false,
                    id -> false, () -> id -> false, key -> true);
                assertTrue(readOnly.damage() == null || readOnly.damage().contains(DeviceRegistry.FILE_NAME),
                    readOnly.damage());
                final DeviceRegistry writer = DeviceRegistry.open(dir, false, null, () -> true, () -> false,
                    id -> false, () -> id -> false, key -> true);
                assertTrue(writer.all().size() >= 3 || !isOneFlip(damages), "devices lost without an error after one"
                    + " flipped byte: " + writer.all());
                return writer;
            });
        });
    }

    @Test
    void policyIsReadOrNamed() {
        forAllDamages("policyIsReadOrNamed", damages -> {
            damaged(PolicyFile.FILE_NAME, damages, () -> PolicyFile.read(dir));
        });
    }

    @Test
    void auditLogIsReadOrNamed() {
        forAllDamages("auditLogIsReadOrNamed", damages -> {
            damaged(AuditLog.FILE_NAME, damages, () -> AuditLog.read(dir));
        });
    }

    @Test
    void retentionIsReadOrNamed() {
        forAllDamages("retentionIsReadOrNamed", damages -> {
            damaged(RetentionFile.FILE_NAME, damages, () -> RetentionFile.firstKept(dir));
        });
    }

    @Test
    void compactionLogIsReadOrNamed() {
        forAllDamages("compactionLogIsReadOrNamed", damages -> {
            damaged(CompactionFile.FILE_NAME, damages, () -> {
                CompactionFile.check(dir);
                return null;
            });
        });
    }

    @Test
    void keyStoreIsReadOrNamed() {
        forAllDamages("keyStoreIsReadOrNamed", damages -> {
            damaged(KeyStore.FILE_NAME, damages, () -> {
                KeyStore.check(dir);
                return null;
            });
        });
    }

    @Test
    void ledgerIsReadOrNamed() {
        forAllDamages("ledgerIsReadOrNamed", damages -> {
            damaged(LedgerFile.FILE_NAME, damages, () -> LedgerFile.isSessionEnded(dir, 1));
        });
    }

    /**
     * One flipped byte anywhere in any record log (the damage a torn-tail rule could mistake for a crash) is named,
     * or harmless; it never reads as a shorter log.
     */
    @Test
    void oneFlippedByteInARecordLogIsNamedNeverReadAsTorn() {
        Trials.forAll("oneFlippedByteInARecordLogIsNamedNeverReadAsTorn", (SplittableRandom random) -> {
            final String name = RECORD_LOGS.get(random.nextInt(RECORD_LOGS.size()));
            final FileDamage flip = new FileDamage(FileDamage.Kind.FLIP_BYTE, random.nextInt(Integer.MAX_VALUE),
                1 + random.nextInt(255));
            final byte[] magic = Arrays.copyOf(Files.readAllBytes(dir.resolve(name)), 4);
            try {
                damaged(name, List.of(flip), () -> RecordLog.read(dir.resolve(name), magic));
            } catch (final AssertionError e) {
                throw new AssertionError(name + " with " + flip + ": " + e, e);
            }
        });
    }

    /** Erased data never reappears: a damaged file reads with every erasure it held, or is refused. */
    @Test
    void erasuresAreReadWholeOrRefused() {
        forAllDamages("erasuresAreReadWholeOrRefused", damages -> {
            final Erasures intact = ErasureFile.read(dir);
            assertEquals(2, intact.records().size());
            damaged(ErasureFile.FILE_NAME, damages, () -> {
                final Erasures read = ErasureFile.read(dir);
                ErasureFile.checkAgainstAudit(dir, read);
                assertTrue(read.records().containsAll(intact.records()), "an erasure was lost without an error: "
                    + read.records() + " against " + intact.records());
                return read;
            });
        });
    }

    /** The index is derived: damage reads as "rebuild" (null) and never throws, even behind a valid checksum. */
    @Test
    void indexIsReadOrRebuilt() {
        forAllDamages("indexIsReadOrRebuilt", damages -> {
            final Path file = dir.resolve(IndexFile.FILE_NAME);
            final byte[] original = Files.readAllBytes(file);
            assertNotNull(IndexFile.read(dir, 64));
            for (final boolean isChecksumFixed : new boolean[] {false, true}) {
                byte[] bytes = FileDamage.applyAll(original, damages);
                if (isChecksumFixed && bytes.length >= 32) {
                    bytes = withIndexChecksum(bytes);
                }
                try {
                    Files.write(file, bytes);
                    final Bounded.Outcome<BlockIndex> outcome = Bounded.call(LIMIT, bound(bytes),
                        () -> IndexFile.read(dir, 64));
                    assertNull(outcome.thrown(), () -> "IndexFile.read threw " + outcome.thrown());
                    final String damage = IndexFile.damage(dir);
                    // null: intact, or of another version (a planned rebuild, not damage)
                    assertTrue(damage == null || damage.contains("blocks.idx"), damage);
                } finally {
                    Files.write(file, original);
                }
            }
        });
    }

    /** What recovery reads of a killed writer's staging file: damaged headers are named; slots never overrun. */
    @Test
    void stagingFileIsReadOrNamed() {
        forAllDamages("stagingFileIsReadOrNamed", damages -> {
            final byte[] original = Files.readAllBytes(stagingCopy);
            final Path file = root.resolve("writer-fuzz.stg");
            for (final boolean isChecksumFixed : new boolean[] {false, true}) {
                byte[] bytes = FileDamage.applyAll(original, damages);
                if (isChecksumFixed && bytes.length >= StagingLayout.HEADER_LENGTH) {
                    bytes = withStagingChecksum(bytes);
                }
                Files.write(file, bytes);
                final Bounded.Outcome<Long> outcome = Bounded.call(LIMIT, bound(bytes), () -> readStaging(file));
                allowed(outcome, "writer-fuzz.stg");
            }
        });
    }

    private static long readStaging(final Path file) {
        long events = 0;
        try (StagingArea area = StagingArea.openReadOnly(file.toFile())) {
            area.ingestSessionId();
            area.appendedEvents();
            area.queueIndexAtStart();
            final EventBatch batch = new EventBatch(Math.max(1, area.slotEvents()));
            for (int slot = 0; slot < area.slotCount(); slot++) {
                if (area.state(slot) != StagingLayout.FREE && area.count(slot) > 0) {
                    area.readInto(slot, batch);
                    events += batch.size();
                }
            }
        }
        return events;
    }

    /** Damages {@code name} in the journal, reads it bounded, checks the outcome, and restores the file. */
    private static void damaged(final String name, final List<FileDamage> damages, final Callable<?> read)
        throws IOException {
        final Path file = dir.resolve(name);
        final byte[] original = Files.readAllBytes(file);
        final byte[] bytes = FileDamage.applyAll(original, damages);
        try {
            Files.write(file, bytes);
            final Bounded.Outcome<?> outcome = Bounded.call(LIMIT, bound(bytes), read);
            allowed(outcome, name);
            if (outcome.thrown() == null && RECORD_LOGS.contains(name) && isOneFlip(damages)) {
                noSilentLoss(file, original, bytes);
            }
        } finally {
            final Path restore = file.resolveSibling(file.getFileName() + ".restore");
            Files.write(restore, original);
            Files.move(restore, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * One flipped byte can hit a length field or a record's bytes, not both: enough to tell it from a torn tail.
     * Two damages (a length and the bytes it covers) can look exactly like a torn append, and do read as one.
     */
    private static boolean isOneFlip(final List<FileDamage> damages) {
        return damages.size() == 1 && damages.get(0).kind() == FileDamage.Kind.FLIP_BYTE;
    }

    /**
     * A record log that reads without an error after one flipped byte holds every record it held before: a damaged
     * length in the middle, or at the end, is never read as a torn tail that silently drops records.
     */
    private static void noSilentLoss(final Path file, final byte[] original, final byte[] damaged) {
        final byte[] magic = Arrays.copyOf(original, 4);
        final int intact = recordCount(file, original, magic);
        final int read;
        try {
            read = RecordLog.read(file, magic).size();
        } catch (final JournalException named) {
            return;
        }
        if (read < intact && damaged.length >= original.length) {
            throw new AssertionError(file + " read without an error but lost " + (intact - read) + " of " + intact
                + " records, and was not cut");
        }
    }

    private static int recordCount(final Path file, final byte[] bytes, final byte[] magic) {
        final Path copy = file.resolveSibling(file.getFileName() + ".count");
        try {
            Files.write(copy, bytes);
            return RecordLog.read(copy, magic).size();
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            copy.toFile().delete();
        }
    }

    private static void allowed(final Bounded.Outcome<?> outcome, final String name) {
        final Throwable thrown = outcome.thrown();
        if (thrown == null) {
            return;
        }
        if (thrown instanceof AssertionError) {
            throw (AssertionError)thrown;
        }
        if (!(thrown instanceof JournalException)) {
            throw new AssertionError("reading damaged " + name + " threw " + thrown.getClass().getName()
                + ", not a JournalException", thrown);
        }
        if (!thrown.getMessage().contains(name)) {
            throw new AssertionError("the error does not name " + name + ": " + thrown.getMessage(), thrown);
        }
    }

    private static long bound(final byte[] bytes) {
        return (8L << 20) + 16L * bytes.length;
    }

    /** The index's crc32c over its header's first 28 bytes and the payload, recomputed after the damage. */
    private static byte[] withIndexChecksum(final byte[] bytes) {
        final byte[] fixed = bytes.clone();
        final ByteBuffer b = ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN).putInt(24, bytes.length - 32);
        final CRC32C crc = new CRC32C();
        crc.update(fixed, 0, 28);
        crc.update(fixed, 32, fixed.length - 32);
        b.putInt(28, (int)crc.getValue());
        return fixed;
    }

    /** The staging header's crc32c recomputed after the damage, so the slots behind it are read. */
    private static byte[] withStagingChecksum(final byte[] bytes) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, StagingLayout.CRC_COVERED);
        final byte[] fixed = bytes.clone();
        ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN).putInt(StagingLayout.CRC_OFFSET, (int)crc.getValue());
        crc.update(bytes, StagingLayout.QUEUE_INDEX_AT_START_OFFSET, Long.BYTES); // version 2's second checksum
        ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN).putInt(StagingLayout.CRC2_OFFSET, (int)crc.getValue());
        return fixed;
    }
}
