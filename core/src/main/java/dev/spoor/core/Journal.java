/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockHeaderFlyweight;
import dev.spoor.codec.CorruptBlockException;
import dev.spoor.core.governance.CompactionFile;
import dev.spoor.core.governance.ErasureFile;
import dev.spoor.core.governance.Erasures;
import dev.spoor.core.governance.Governance;
import dev.spoor.core.governance.RetentionFile;
import dev.spoor.core.index.BlockIndex;
import dev.spoor.core.index.IndexFile;
import dev.spoor.core.internal.ChronicleSupport;
import dev.spoor.core.internal.CloseHelper;
import dev.spoor.core.internal.CycleCheck;
import dev.spoor.core.internal.CycleSummary;
import dev.spoor.core.internal.FileSpace;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.internal.JournalMeta;
import dev.spoor.core.internal.JvmFlags;
import dev.spoor.core.internal.KeyStore;
import dev.spoor.core.internal.LockFiles;
import dev.spoor.core.internal.PolicyFile;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.QueueView;
import dev.spoor.core.internal.SealedExcerpt;
import dev.spoor.core.internal.StagingArea;
import dev.spoor.core.internal.StagingLayout;
import dev.spoor.core.ledger.IngestLedger;
import dev.spoor.core.ledger.LedgerSalvage;
import dev.spoor.core.privacy.PolicyVersion;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.core.privacy.PseudonymKey;
import dev.spoor.core.recovery.DamagedCycle;
import dev.spoor.core.recovery.Recovery;
import dev.spoor.core.recovery.RecoveryReport;
import dev.spoor.core.recovery.Repair;
import dev.spoor.core.recovery.RepairReport;
import dev.spoor.core.recovery.SalvagedCycles;
import dev.spoor.core.recovery.Verifier;
import dev.spoor.core.recovery.VerifyReport;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A Spoor journal: a directory holding an append-only Chronicle Queue of sealed blocks, the staging files of
 * its writers' open blocks, the device registry and the block index.
 * <pre>
 *   DIR/journal.spoor        identity and recorded settings ({@link JournalMeta})
 *   DIR/journal.lock         held by the one process that writes
 *   DIR/queue/               Chronicle Queue, one excerpt per block, one file per roll cycle
 *   DIR/staging/writer-N.stg open blocks of writer N, memory-mapped ({@code StagingLayout})
 *   DIR/devices.dict         device keys ({@link DeviceRegistry}); a device erased whole is taken out
 *   DIR/devices.lock         held (exclusive lock) by each append to devices.dict and each rewrite of it
 *   DIR/index/blocks.idx     the block index, derived ({@link IndexFile})
 *   DIR/cycles.spoor         per roll cycle what the queue holds ({@code CycleSummary}): a missing or cut cycle
 *                            file is found before Chronicle maps it ({@link #damage()}, {@link #repair})
 *   DIR/erasures.spoor       erasure records every reader honours ({@code ErasureFile}, see {@link #erasures()})
 *   DIR/ingest-ledger.spoor  what bulk ingest stored of each source ({@code LedgerFile}, see {@link #ingestLedger()})
 *   DIR/ingest-ledger.lock   held by the one running ingest session
 *   DIR/ingest-ledger.secret the secret the ledger hashes source paths with, on a journal without pseudonyms
 *                            ({@code SourceKeys})
 *   DIR/pseudonym-check.spoor  the check of the journal's pseudonym key, when it has pseudonyms
 * </pre>
 * {@link #open} creates or opens a journal for writing, recovering whatever a killed writer left staged,
 * exactly once. {@link #openReadOnly} reads it from another process while a writer appends.
 */
public final class Journal implements AutoCloseable {
    static {
        ChronicleSupport.quiet();
        JournalInternals.install(journal -> journal.internals);
    }

    /** The writer's lock file: held by the one process that writes (and by compaction of the last cycle file). */
    public static final String LOCK_FILE_NAME = "journal.lock";
    private static final String LOCK_FILE = LOCK_FILE_NAME;
    private static final String QUEUE_DIR = "queue";
    static final String STAGING_DIR = "staging";

    private final Path dir;
    private final JournalConfig config;
    private final JournalMeta meta;
    private final boolean isReadOnly;
    private final QueueStore queue;
    /** What the check of the cycle files against the cycle summary found when the journal was opened. */
    private final CycleCheck.Result cycleCheck;
    /** {@link #cycleCheck}'s damage, public form, made once: every scan asks for it. */
    private final List<DamagedCycle> damage;
    /** Set when a cycle file is damaged: the directory Chronicle reads instead of the queue's (read-only). */
    private final QueueView view;
    /** Per cycle, what the queue holds: kept up to date by a writing journal, which records it in the summary. */
    private final TreeMap<Integer, CycleSummary.Entry> cycleEntries;
    /** The newest excerpt {@link #cycleEntries} knows, for {@link #isWalkCut}; -1 when none. */
    private volatile long lastSummarisedIndex;
    /** The cycle summary, open for updates; null when read only. */
    private CycleSummary summary;
    private final DeviceRegistry devices;
    private List<PolicyVersion> policies;
    private KeyStore keys;
    /** Reads the blocks of cycle files whose excerpt framing a damaged header broke (made when first needed). */
    private final SalvagedCycles salvagedCycles;
    private BlockIndex index;
    private long retentionStamp;
    /** The stamp of compaction.spoor when the in-memory index was started: a change means rebuild it. */
    private long compactionStamp;
    /**
     * The stamp of compaction.spoor when this journal was opened. A process alive through a compaction may
     * still have the replaced cycle files mapped and index their old blocks, so it never writes the index file.
     */
    private long compactionStampAtOpen;
    private long retentionCheckedNs;
    /** Changes whenever this process sees a retention run (here or elsewhere): tailers then check their place. */
    private int retentionGeneration;
    private int firstKeptCycle = Integer.MIN_VALUE;
    /** The writer's hold on {@code journal.lock}; null for a read-only open. */
    private final LockFiles.Held writerLock;
    private final List<JournalWriter> writers = new ArrayList<>();
    /** Started with the first writer when {@link JournalConfig#visibilityMs(long)} is set. */
    private IdleSealer idleSealer;
    private QueueStore.Cursor indexCursor;
    /** Keeps {@link #indexCursor}'s walk going past a damaged excerpt header. */
    private final WalkDetour indexDetour;
    private RecoveryReport recovery = new RecoveryReport();
    private boolean isClosed;
    private final JournalInternals internals = new Internals();
    private Governance governance;
    private IngestLedger ingestLedger;
    private final File erasureFile;
    private final Object erasureLock = new Object();
    /** -1 before the first look, so that an absent file is checked against the audit log once too. */
    private long erasureStamp = -1;
    private Erasures erasures = Erasures.NONE;
    private static final long RECENT_ERASURES_NS = 100_000_000L;
    private Erasures recentErasures;
    private long recentErasuresAtNs;
    /** Whether new device keys go to devices.dict when the config does not say: decided once, at the first. */
    private volatile Boolean dictionaryDecision;

    /** Opens the queue, then reads the device registry, policies and index; the queue is closed if they fail. */
    private Journal(final Path dir, final JournalConfig config, final JournalMeta meta, final boolean isReadOnly,
        final LockFiles.Held writerLock, final byte[] pseudonymKey) {
        this.dir = dir;
        this.config = config;
        this.meta = meta;
        this.salvagedCycles = new SalvagedCycles(dir, meta.rollPeriod());
        this.indexDetour = new WalkDetour(this);
        this.isReadOnly = isReadOnly;
        this.writerLock = writerLock;
        this.erasureFile = dir.resolve(ErasureFile.FILE_NAME).toFile();
        // Every cycle file is checked against the cycle summary before Chronicle maps any of them.
        this.cycleCheck = CycleCheck.run(dir, meta.rollPeriod(), () -> RetentionFile.firstKept(dir));
        this.damage = cycleCheck.damage().stream().map(CycleCheck.Damage::toPublic).toList();
        if (!cycleCheck.isClean() && !isReadOnly) {
            throw new JournalException("journal " + dir + " has damaged cycle files, so it is not opened for writing: "
                + describe(cycleCheck.damage()) + ". Run `spoor repair --journal " + dir + "` (Journal.repair) to keep"
                + " every intact block and go on");
        }
        this.view = cycleCheck.isClean() ? null : QueueView.create(QueueStore.cycleFiles(dir.resolve(QUEUE_DIR),
            meta.rollPeriod()), damagedCycles(cycleCheck), meta.rollPeriod());
        this.cycleEntries = new TreeMap<>(cycleCheck.entries());
        this.lastSummarisedIndex = cycleEntries.values().stream().filter(e -> e.excerpts() > 0)
            .mapToLong(CycleSummary.Entry::lastIndex).max().orElse(-1);
        final CycleCheck.DamagedEnd damagedEnd = cycleCheck.damagedEnd();
        if (damagedEnd != null && !isReadOnly) {
            // Chronicle's appender finds the end of the file by walking its headers: it would fail, or write where
            // the damaged length points (and a walk on a writable mapping past the end of a file lengthens it).
            throw new JournalException("journal " + dir + " is not opened for writing: in its newest cycle file "
                + dir.relativize(damagedEnd.file()) + ", " + damagedEnd.detail() + "; reading is safe. Run `spoor"
                + " repair --journal " + dir + "` (Journal.repair) to keep every intact block and go on");
        }
        try {
            this.queue = QueueStore.open(view == null ? dir.resolve(QUEUE_DIR) : view.directory(), meta.rollPeriod(),
                config.clock()::millis, isReadOnly);
            if (damagedEnd != null) {
                queue.endWalkedIn(damagedEnd.cycle());
            }
        } catch (final RuntimeException | Error e) {
            CloseHelper.closeAfter(e, view);
            throw e;
        }
        try {
            if (!isReadOnly) {
                this.summary = openSummary(dir, cycleCheck);
            }
            this.devices = DeviceRegistry.open(dir, isReadOnly, pseudonymKey, this::isDeviceDictionary,
                () -> policy().isPseudonymous(), id -> recentErasures().isWholeDevice(id),
                () -> erasures()::isWholeDevice, this::isConsented);
            this.policies = PolicyFile.read(dir);
            this.compactionStamp = CompactionFile.stamp(dir);
            this.compactionStampAtOpen = compactionStamp;
            finishRetention(RetentionFile.firstKept(dir));
            this.index = loadIndex();
        } catch (final RuntimeException | Error e) {
            CloseHelper.closeAfter(e, summary, queue, view);
            throw e;
        }
    }

    /** The summary for updates, its records caught up with what the check found beyond them. */
    private static CycleSummary openSummary(final Path dir, final CycleCheck.Result check) {
        if (check.stored().isEmpty() || check.summaryProblem() != null) {
            // First open since the summary came in (or it was damaged): written whole, from the walk of every file.
            CycleSummary.writeAll(dir, check.entries().values());
        }
        final CycleSummary summary = CycleSummary.openForUpdate(dir);
        for (final CycleSummary.Entry entry : check.entries().values()) {
            if (!entry.equals(check.stored().get(entry.cycle()))) {
                summary.put(entry);
            }
        }
        return summary;
    }

    private static Set<Integer> damagedCycles(final CycleCheck.Result check) {
        final Set<Integer> cycles = new java.util.TreeSet<>();
        for (final CycleCheck.Damage damage : check.damage()) {
            if (damage.kind() == CycleCheck.Kind.CUT) {
                cycles.add(damage.cycle());
            }
        }
        return cycles;
    }

    private static String describe(final List<CycleCheck.Damage> damage) {
        final StringBuilder text = new StringBuilder();
        for (final CycleCheck.Damage d : damage) {
            text.append(text.length() == 0 ? "" : "; ").append(d.describe());
        }
        return text.toString();
    }

    /**
     * Creates a journal in {@code dir} (an empty or missing directory) or opens the one there for writing.
     * Staged events a killed writer left behind are sealed into the queue, each exactly once.
     *
     * @param dir    the journal directory.
     * @param config settings; blockEvents and rollPeriod must match an existing journal's.
     * @return the open journal.
     * @throws JournalException when dir holds something else, the settings differ, another process writes, the
     *                          pseudonym key file cannot be used, or the JVM lacks the flags Chronicle Queue needs
     *                          (the message lists them). Whatever the open had opened by then (lock file, queue)
     *                          is closed first.
     */
    public static Journal open(final Path dir, final JournalConfig config) {
        JvmFlags.check();
        config.conclude();
        // A key file is made only for a journal that has no pseudonyms yet: a missing one is refused, not replaced
        // by a new key under which no earlier device could be found or erased.
        final boolean mayMakeKey = !isJournal(dir) || PolicyFile.read(dir).stream()
            .noneMatch(v -> v.policy().isPseudonymous());
        // Before anything is created or opened: a missing, damaged or misplaced key file leaves no half-made journal
        // and nothing to close.
        final byte[] pseudonymKey = PseudonymKey.load(dir, config.pseudonymKeyFile(), mayMakeKey);
        final JournalMeta meta = createOrCheck(dir, config);
        PseudonymKey.checkAgainstJournal(dir, config.pseudonymKeyFile(), pseudonymKey);
        LockFiles.Held lock = null;
        try {
            lock = holdWriterLock(dir);
            final Journal journal = new Journal(dir, config, meta, false, lock, pseudonymKey);
            try {
                journal.checkPolicyVersions();
                journal.applyPolicy(journal.withPseudonyms(config));
                if (pseudonymKey != null) {
                    PseudonymKey.recordCheck(dir, pseudonymKey);
                }
                journal.recovery = Recovery.recover(journal);
            } catch (final RuntimeException | Error e) {
                journal.releaseAfterFailedOpen(e);
                throw e;
            }
            return journal;
        } catch (final IOException e) {
            final JournalException failure = new JournalException("cannot lock " + dir.resolve(LOCK_FILE) + ": "
                + e.getMessage(), e);
            CloseHelper.closeAfter(failure, lock);
            throw failure;
        } catch (final RuntimeException | Error e) {
            CloseHelper.closeAfter(e, lock);
            throw e;
        }
    }

    /**
     * Opens an existing journal to read, from any process, while a writer may be appending. Blocks sealed
     * later become visible to the readers without reopening.
     *
     * @param dir the journal directory.
     * @return the journal, read only.
     */
    public static Journal openReadOnly(final Path dir) {
        return openReadOnly(dir, null);
    }

    /**
     * Opens an existing journal to read, with the key file its device ids were made with, so device keys
     * can be looked up (see {@link JournalConfig#pseudonymKeyFile(Path)}).
     *
     * @param dir     the journal directory.
     * @param keyFile the pseudonym key file, or null.
     * @return the journal, read only.
     * @throws JournalException when dir holds no journal, a file of it is damaged beyond a torn tail, the key
     *                          file is missing or damaged, or the JVM lacks the flags Chronicle Queue needs; the
     *                          queue is closed first if it was opened.
     */
    public static Journal openReadOnly(final Path dir, final Path keyFile) {
        JvmFlags.check();
        final JournalMeta meta = JournalMeta.read(dir);
        final JournalConfig config = new JournalConfig().blockEvents(meta.blockEvents())
            .rollPeriod(meta.rollPeriod()).pseudonymKeyFile(keyFile).conclude();
        final byte[] pseudonymKey = PseudonymKey.load(dir, keyFile, false);
        PseudonymKey.checkAgainstJournal(dir, keyFile, pseudonymKey);
        return new Journal(dir, config, meta, true, null, pseudonymKey);
    }

    /**
     * Seals what writers that did not close left in {@code staging/}, as the next open for writing would, when no
     * writer has the journal: so that compaction, which works on the queue, sees those events too (an erased
     * device's staged events would otherwise stay on disk, in plain form, until the next writer). Needs no pseudonym
     * key: staged events carry their device ids.
     *
     * @param dir a journal directory.
     * @return what was recovered; null when a writer has the journal (its open sealed them already) or nothing is
     *         staged.
     * @throws JournalException when a staging file cannot be read or the queue written.
     */
    public static RecoveryReport sealStaged(final Path dir) {
        JvmFlags.check();
        final Path staging = dir.resolve(STAGING_DIR);
        try (Stream<Path> files = Files.isDirectory(staging) ? Files.list(staging) : Stream.empty()) {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith(".stg"))) {
                return null;
            }
        } catch (final IOException e) {
            throw new JournalException("cannot list " + staging + ": " + e.getMessage(), e);
        }
        final LockFiles.Held lock;
        try {
            lock = LockFiles.tryHold(dir.resolve(LOCK_FILE));
        } catch (final IOException e) {
            throw new JournalException("cannot lock " + dir.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            return null;
        }
        final JournalMeta meta = JournalMeta.read(dir);
        final Journal journal = new Journal(dir, new JournalConfig().blockEvents(meta.blockEvents())
            .rollPeriod(meta.rollPeriod()).conclude(), meta, false, lock, null);
        try {
            journal.recovery = Recovery.recover(journal);
        } catch (final RuntimeException | Error e) {
            journal.releaseAfterFailedOpen(e);
            throw e;
        }
        journal.close();
        return journal.recovery;
    }

    /**
     * Brings a journal with damaged cycle files back to a consistent state, holding the writer lock (refused while
     * a writer has the journal open): every intact block is kept, a cut or damaged cycle file is rewritten from its
     * whole excerpts (a damaged one left as a tombstone), a missing one is accepted as lost, what is dropped is
     * written to the audit log, then the journal is opened (recovering what killed writers staged), its cycle
     * summary and index rebuilt, and closed. See {@link Repair}. Safe to run again after a kill; does nothing to a
     * sound journal but open and close it.
     *
     * @param dir      the journal directory.
     * @param isDryRun true to print the plan only: no file is changed.
     * @return what was (or would be) done.
     * @throws JournalException when another process writes, or a file cannot be read or written.
     */
    public static RepairReport repair(final Path dir, final boolean isDryRun) {
        JvmFlags.check();
        final JournalMeta meta = JournalMeta.read(dir);
        final JournalConfig config = new JournalConfig().blockEvents(meta.blockEvents())
            .rollPeriod(meta.rollPeriod()).conclude();
        LockFiles.Held lock = null;
        try {
            lock = holdWriterLock(dir);
            final RepairReport report = Repair.run(dir, meta.rollPeriod(), isDryRun);
            // before the journal opens its registry for writing, which refuses a damaged dictionary
            report.dictionary(DeviceRegistry.salvage(dir, isDryRun));
            // before recovery ends killed sessions in the ledger, which a damaged ledger refuses
            report.ledger(LedgerSalvage.run(dir, dir.resolve(STAGING_DIR), isDryRun));
            if (!isDryRun) {
                final Journal journal = new Journal(dir, config, meta, false, lock, null);
                lock = null; // the journal owns it now
                try {
                    journal.recovery = Recovery.recover(journal, true);
                    report.recovery(journal.recovery);
                } catch (final RuntimeException | Error e) {
                    journal.releaseAfterFailedOpen(e);
                    throw e;
                }
                journal.close();
            }
            return report;
        } catch (final IOException e) {
            throw new JournalException("cannot lock " + dir.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /**
     * Deletes a journal directory and everything in it, holding the writer lock while it does: refused while a
     * writer (in this or another process) has the journal open, so no accepted event is deleted under a writer.
     * The metadata file goes last but the lock file, so a delete cut short (a kill) leaves a journal that can be
     * deleted again; the lock file goes after the lock is released. Readers in other processes keep what they have
     * mapped.
     *
     * @param dir the journal directory.
     * @throws JournalException when dir holds no journal ({@link #isJournal}), a writer has it open, or a file
     *                          cannot be deleted (the message names it; what was deleted before it stays deleted).
     */
    public static void delete(final Path dir) {
        if (!isJournal(dir)) {
            throw new JournalException(dir + " holds no " + JournalMeta.FILE_NAME + ": not a Spoor journal;"
                + " nothing deleted");
        }
        final Path lockFile = dir.resolve(LOCK_FILE);
        final Path meta = dir.resolve(JournalMeta.FILE_NAME);
        try {
            final LockFiles.Held lock = holdWriterLock(dir);
            try (Stream<Path> files = Files.walk(dir)) {
                for (final Path file : (Iterable<Path>)files.sorted(Comparator.reverseOrder())::iterator) {
                    if (!file.equals(lockFile) && !file.equals(meta) && !file.equals(dir)) {
                        Files.delete(file);
                    }
                }
                Files.delete(meta);
            } finally {
                lock.close();
            }
        } catch (final IOException e) {
            throw new JournalException("cannot delete journal " + dir + ": " + e, e);
        }
        try {
            Files.deleteIfExists(lockFile);
            Files.delete(dir);
        } catch (final IOException e) {
            throw new JournalException("cannot delete journal " + dir + ": " + e, e);
        }
    }

    /**
     * @param dir a directory.
     * @return true when it holds a journal (its {@code journal.spoor} file), without opening it.
     */
    public static boolean isJournal(final Path dir) {
        return Files.isRegularFile(dir.resolve(JournalMeta.FILE_NAME));
    }

    /**
     * @return the privacy policy in force (the defaults, version 0, for a journal written before policies).
     */
    public synchronized PrivacyPolicy policy() {
        return currentPolicy().policy();
    }

    /**
     * @return the policy in force with its version and when it was set.
     */
    public synchronized PolicyVersion policyVersion() {
        return currentPolicy();
    }

    /**
     * @return every policy the journal has had, oldest first.
     */
    public synchronized List<PolicyVersion> policyHistory() {
        return List.copyOf(policies);
    }

    private PolicyVersion currentPolicy() {
        return policies.isEmpty() ? new PolicyVersion(0, 0, PrivacyPolicy.defaults())
            : policies.get(policies.size() - 1);
    }

    /**
     * The erasures as seen at most {@value #RECENT_ERASURES_NS} ns ago, for the registry's check of each new device
     * key (a stat of {@code erasures.spoor} per device cost a fifth of registering Balabit's 252 sessions). A key
     * registered in that window after an erasure elsewhere is taken out again by the next compaction.
     */
    private Erasures recentErasures() {
        final long now = System.nanoTime();
        if (recentErasures == null || now - recentErasuresAtNs > RECENT_ERASURES_NS) {
            try {
                recentErasures = erasures();
            } catch (final JournalException unreadable) {
                // A lost erasures.spoor stops readers, which name it, not a writer registering a device.
                return recentErasures == null ? Erasures.NONE : recentErasures;
            }
            recentErasuresAtNs = now;
        }
        return recentErasures;
    }

    /**
     * Whether a new device key goes to {@code devices.dict}: as configured when set; by default yes (no with keyed
     * pseudonyms), except on a journal that holds devices and no dictionary, which was written without one: a run
     * that forgot {@code --no-device-dictionary} does not start naming its devices.
     */
    private boolean isDeviceDictionary() {
        if (config.isDeviceDictionarySet() || !config.isDeviceDictionary()) {
            return config.isDeviceDictionary();
        }
        if (dictionaryDecision == null) { // decided at the first new key, then kept: no stat per device
            dictionaryDecision = Files.exists(dir.resolve(DeviceRegistry.FILE_NAME)) || index == null
                || index.size() == 0;
        }
        return dictionaryDecision;
    }

    /**
     * The policy to store: the config's (or the journal's), marked pseudonymous when a key file is given;
     * refuses a pseudonymous journal opened for writing without its key, which would mix id schemes.
     */
    private PrivacyPolicy withPseudonyms(final JournalConfig opened) {
        final boolean hasKey = opened.pseudonymKeyFile() != null;
        final PrivacyPolicy base = opened.privacyPolicy() != null ? opened.privacyPolicy()
            : policies.isEmpty() ? PrivacyPolicy.defaults() : currentPolicy().policy();
        if (!hasKey && currentPolicy().policy().isPseudonymous()) {
            throw new JournalException("journal " + dir + " keeps device ids as keyed pseudonyms: open it with its"
                + " pseudonym key file (JournalConfig.pseudonymKeyFile)");
        }
        if (hasKey && !policies.isEmpty() && !currentPolicy().policy().isPseudonymous() && index.size() > 0) {
            throw new JournalException("journal " + dir + " already holds devices under plain ids; pseudonyms can"
                + " only be turned on for a new journal");
        }
        return base.pseudonymous(hasKey);
    }

    /**
     * Refuses to write on when {@code policy.spoor} holds fewer versions than the newest block was written under:
     * the file was cut or deleted, and a writer would store the defaults as the policy in force (encryption off,
     * plain ids) over a journal written under a stricter one. The newest block carries its version in its header.
     */
    private void checkPolicyVersions() {
        try (QueueStore.Cursor cursor = queue.cursor().fromEndBackwards()) {
            final BlockHeaderFlyweight header = new BlockHeaderFlyweight();
            while (cursor.next()) {
                final int length = cursor.length() - SealedExcerpt.BLOCK_OFFSET;
                if (SealedExcerpt.isCompacted(cursor.length()) || length <= 0) {
                    continue;
                }
                try {
                    header.wrap(new UnsafeBuffer(cursor.bytes(), SealedExcerpt.BLOCK_OFFSET, length), 0, length);
                } catch (final CorruptBlockException damaged) {
                    continue; // verify names it; an older block tells the version as well
                }
                if (header.policyVersion() > policies.size()) {
                    throw new JournalException(dir.resolve(PolicyFile.FILE_NAME) + (policies.isEmpty()
                        ? " is missing or holds no whole record" : " holds " + policies.size() + " policy version(s)")
                        + ", but blocks were written under version " + header.policyVersion() + ": the file was cut"
                        + " or deleted; restore it before writing (reading is safe)");
                }
                return;
            }
        }
    }

    /**
     * @param key a device key.
     * @return whether the privacy policy in force lets the device's events be stored (and its key be kept in the
     *         dictionary): true when the policy has no consent list.
     */
    public boolean isConsented(final String key) {
        final PrivacyPolicy policy = policy();
        if (!policy.hasConsentList()) {
            return true;
        }
        return policy.consentedDevices() != null ? policy.consentedDevices().contains(key)
            : policy.consents(devices.lookup(key), devices::lookup);
    }

    /**
     * Stores {@code wanted} as a new version when it differs from the policy in force (or none is stored). A
     * pseudonymous journal stores its consent list as device ids, so that no file of it names a device.
     */
    private synchronized void applyPolicy(final PrivacyPolicy wanted) {
        final PrivacyPolicy given = wanted != null && wanted.isPseudonymous() ? wanted.consentAsIds(devices::idOf)
            : wanted;
        final PrivacyPolicy target = given != null ? given : policies.isEmpty() ? PrivacyPolicy.defaults() : null;
        if (target != null && (policies.isEmpty() || !currentPolicy().policy().equals(target))) {
            PolicyFile.append(dir, target, config.clock().millis());
            policies = PolicyFile.read(dir);
            Governance.of(this).audit("policy", "version " + policies.size() + ": " + target.describe());
        }
    }

    /** At most every 100 ms: has a retention run (here or in another process) deleted cycles? */
    private void checkRetention() {
        final long nowNs = System.nanoTime();
        if (nowNs - retentionCheckedNs < 100_000_000L && retentionCheckedNs != 0) {
            return;
        }
        retentionCheckedNs = nowNs;
        checkRetentionNow();
    }

    private void checkRetentionNow() {
        if (queue.reopenIfBegun()) {
            // Opened read only before the queue's first cycle file: the real queue now, read from its start.
            if (indexCursor != null) {
                indexCursor.close();
                indexCursor = null;
            }
            index = new BlockIndex(config.indexSpacing());
            retentionGeneration++;
        }
        final long stamp = RetentionFile.stamp(dir);
        if (stamp != retentionStamp) {
            retentionStamp = stamp;
            firstKeptCycle = RetentionFile.firstKept(dir);
            index = withoutCyclesBefore(index, firstKeptCycle);
            finishRetention(firstKeptCycle);
            queue.refreshListing();
            retentionGeneration++;
        }
        final long compacted = CompactionFile.stamp(dir);
        if (compacted != compactionStamp) {
            // Cycle files were replaced (same queue indexes, fewer or smaller blocks): rebuild the index from the
            // queue, and let tailers re-seek, which lands them on the same positions.
            compactionStamp = compacted;
            if (indexCursor != null) {
                indexCursor.close();
                indexCursor = null;
            }
            index = new BlockIndex(config.indexSpacing());
            queue.refreshListing();
            retentionGeneration++;
        }
    }

    /**
     * Deletes the cycle files before {@code firstKept} that are still there. A retention run records the first
     * cycle it keeps before it deletes anything, so the record is the moment it applies: a run killed after it
     * left files that are deleted already as far as every reader is concerned, and whichever process sees the
     * record next (any open, read only too, and every process watching the file) finishes the deletion before it
     * reads the queue.
     */
    private void finishRetention(final int firstKept) {
        if (firstKept == Integer.MIN_VALUE) {
            return;
        }
        boolean isDeleted = false;
        for (final Path file : queue.cycleFiles().headMap(firstKept, false).values()) {
            try {
                isDeleted |= Files.deleteIfExists(file);
            } catch (final IOException e) {
                throw new JournalException("cannot finish the retention recorded in " + dir.resolve(
                    RetentionFile.FILE_NAME) + " (first cycle kept " + firstKept + "): cannot delete " + file + ": "
                    + e.getMessage(), e);
            }
        }
        if (isDeleted) {
            queue.refreshListing();
        }
    }

    private static BlockIndex withoutCyclesBefore(final BlockIndex from, final int firstKept) {
        if (from.size() == 0 || from.cycle(0) >= firstKept) {
            return from;
        }
        return from.copyWhere(position -> from.cycle(position) >= firstKept);
    }

    /**
     * @param queueIndex a block's queue index.
     * @return its roll cycle.
     */
    public int cycleOf(final long queueIndex) {
        return queue.cycleOf(queueIndex);
    }

    /**
     * @return the journal directory.
     */
    public Path directory() {
        return dir;
    }

    /**
     * @return the journal's identity.
     */
    public UUID journalId() {
        return meta.journalId();
    }

    /**
     * @return the settings in force.
     */
    public JournalConfig config() {
        return config;
    }

    /**
     * The journal's devices: {@link DeviceRegistry#register(String)} gives a writer the id to append with,
     * {@link DeviceRegistry#lookup(String)} gives a reader the id to scan for; both know the journal's id
     * scheme (plain or keyed pseudonyms).
     *
     * @return the device registry.
     */
    public DeviceRegistry devices() {
        return devices;
    }

    /**
     * A new writer for the calling thread: each collector thread takes its own (they share the queue and
     * index, and each stages its open blocks in a file of its own).
     *
     * @return the writer.
     */
    public synchronized JournalWriter newWriter() {
        checkOpen();
        if (isReadOnly) {
            throw new JournalException("journal " + dir + " is open read only");
        }
        final JournalWriter writer = new JournalWriter(this, nextWriterId());
        writers.add(writer);
        if (config.visibilityMs() > 0) {
            if (idleSealer == null) {
                idleSealer = new IdleSealer(dir.getFileName().toString(), config.idleSealPeriodMs());
            }
            idleSealer.add(writer);
        }
        return writer;
    }

    /**
     * @return a reader of sealed blocks for the calling thread. On a journal with damaged cycle files it reads the
     *         intact blocks only, without a word: check {@link #damage()} first (scans do, and stop by default).
     */
    public JournalReader newReader() {
        checkOpen();
        return new JournalReader(this, queue.cursor());
    }

    /**
     * A follower of sealed blocks by position, from the first block kept: see {@link JournalTailer}.
     *
     * @return the tailer, for the calling thread.
     */
    public JournalTailer newTailer() {
        return newTailer(JournalTailer.START);
    }

    /**
     * A follower of the blocks sealed after {@code afterPosition}, a {@link JournalTailer#position()} stored
     * earlier (by this process or another, before or after a restart).
     *
     * @param afterPosition a position a tailer or reader of this journal returned, or {@link JournalTailer#START}.
     * @return the tailer, for the calling thread; when the position's roll cycle was deleted by retention, it
     *         starts at the first block kept and counts it in {@link JournalTailer#retentionSkips()}.
     * @throws IllegalArgumentException when the journal never held a block at that position.
     * @throws JournalException         when the journal has damaged cycle files ({@link #damage()}): a tailer would
     *                                  pass over their lost blocks unseen, and such a journal takes no more blocks
     *                                  until {@link #repair} (after which a tailer resumes from its position).
     */
    public JournalTailer newTailer(final long afterPosition) {
        checkOpen();
        if (!damage.isEmpty()) {
            throw new JournalException("journal " + dir + " has damaged cycle files, whose lost blocks a tailer would"
                + " pass over unseen: " + describe(cycleCheck.damage()) + ". Run `spoor repair --journal " + dir
                + "` (Journal.repair) first");
        }
        return new JournalTailer(this, queue.cursor(), afterPosition);
    }

    /**
     * Walks every block: excerpt framing, header, checksum, a full decode, and the index entry; then reads the
     * ingest ledger.
     *
     * @return the problems found, each with cycle, queue index and reason (or the damaged file and reason).
     */
    public VerifyReport verify() {
        checkOpen();
        return Verifier.verify(this);
    }

    /**
     * Events appended but not sealed into blocks yet: those in the open slots of the staging files
     * ({@code staging/writer-N.stg}) and in the slots whose blocks are on their way to the queue (SEALING: a block a
     * full disk refused waits there; for the moment between a block's append and its slot's release, or after a kill
     * in it, a block already in the queue is counted here too). A running writer seals them as its blocks fill,
     * flush or close; a killed writer's are sealed when the journal is next opened for writing (recovery). Scans see
     * none of them until then.
     *
     * @return the staged events, 0 when none.
     * @throws JournalException when a staging file cannot be read (its name and problem).
     */
    public long stagedEvents() {
        checkOpen();
        final File[] files = stagingDir().toFile().listFiles((folder, name) -> name.endsWith(".stg"));
        long events = 0;
        for (final File file : files == null ? new File[0] : files) {
            try (StagingArea area = StagingArea.openReadOnly(file)) {
                for (int slot = 0; slot < area.slotCount(); slot++) {
                    if (area.state(slot) != StagingLayout.FREE) {
                        events += area.count(slot);
                    }
                }
            }
        }
        return events;
    }

    /**
     * The damaged cycle files found when the journal was opened (checked against the cycle summary before
     * Chronicle mapped any of them): missing files and files cut short, each with what the journal expected there
     * and what is left. A journal with damage opens read only, reading every intact block (a damaged file through
     * a copy of its whole excerpts); {@link #repair} brings it back to a consistent state.
     *
     * @return the damage, empty when none.
     */
    public List<DamagedCycle> damage() {
        return damage;
    }

    /**
     * The erasures in force: what {@code erasures.spoor} holds now, written by {@code governance().erase} in this
     * or any other process. Each call checks the file's stamp (two stat calls, nothing allocated) and re-reads
     * the file only when it changed, so a read that starts after an erasure returned anywhere sees it. Every
     * {@link JournalReader} operation and {@link JournalTailer#poll} calls it when it starts.
     *
     * @return an immutable snapshot.
     * @throws IllegalStateException when the journal is closed.
     * @throws JournalException when the file is damaged beyond a torn tail, or holds fewer erasures than the audit
     *                          log records (cut or deleted): reading on would bring erased events back.
     */
    public Erasures erasures() {
        checkOpen();
        synchronized (erasureLock) {
            final long stamp = ErasureFile.stamp(erasureFile);
            if (stamp != erasureStamp) {
                final Erasures read = ErasureFile.read(dir);
                ErasureFile.checkAgainstAudit(dir, read);
                erasures = read;
                erasureStamp = stamp;
            }
            return erasures;
        }
    }

    /**
     * Counts what the journal holds from its block index alone: events, blocks, devices, roll cycles, time
     * span and block bytes, without reading or decoding any block the index already knows. Blocks sealed since
     * the index was last caught up (by a writer of this or another process) are indexed first, from their
     * headers; cycles deleted by retention are left out.
     * <p>Erasures ({@link #erasures()}): blocks lying entirely inside an erased range are left out of every
     * count, so a device erased whole counts for nothing (not even in devices). A block only partly inside a
     * range is counted whole (events, bytes, time span): the index cannot tell how many of its events are erased.
     *
     * @return the counts.
     * @throws IllegalStateException when the journal is closed.
     */
    public synchronized JournalStats stats() {
        checkOpen();
        refreshIndex();
        final Erasures erased = erasures();
        final BlockIndex blocks = index;
        long events = 0;
        long bytes = 0;
        long cycles = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int kept = 0;
        int lastCycle = 0;
        for (int i = 0; i < blocks.size(); i++) {
            if (!erased.isEmpty() && erased.covers(blocks.deviceId(i), blocks.minTimestampNs(i),
                blocks.maxTimestampNs(i))) {
                continue;
            }
            events += blocks.eventCount(i);
            bytes += blocks.blockBytes(i);
            min = Math.min(min, blocks.minTimestampNs(i));
            max = Math.max(max, blocks.maxTimestampNs(i));
            // Entries are in queue order, so a roll cycle's blocks are contiguous.
            if (kept == 0 || blocks.cycle(i) != lastCycle) {
                cycles++;
            }
            lastCycle = blocks.cycle(i);
            kept++;
        }
        int devices = 0;
        for (final long device : blocks.devices()) {
            devices += erased.isWholeDevice(device) ? 0 : 1;
        }
        return new JournalStats(events, kept, devices, cycles, kept == 0 ? 0 : min, kept == 0 ? 0 : max, bytes);
    }

    /**
     * Writes the index file now (it is also written on close). Not when a compaction ran since this journal was
     * opened: this process may still read replaced cycle files through old mappings, so the file is left absent
     * and the next open rebuilds it from the queue. A compaction that starts while the file is being written is
     * caught by the check after it, which removes what was written (compaction removes the file too).
     *
     * @return its length in bytes (0 when not written).
     */
    public synchronized long writeIndex() {
        checkRetentionNow();
        refreshIndex();
        if (CompactionFile.stamp(dir) != compactionStampAtOpen) {
            return 0;
        }
        final long length;
        try {
            length = IndexFile.write(dir, index);
            if (CompactionFile.stamp(dir) != compactionStampAtOpen) {
                Files.deleteIfExists(dir.resolve(IndexFile.FILE_NAME));
                return 0;
            }
        } catch (final IOException e) {
            throw FileSpace.failure(dir, dir.resolve(IndexFile.FILE_NAME), "the block index",
                IndexFile.HEADER_LENGTH + index.size() * 16L, e);
        }
        return length;
    }

    /**
     * Seals every writer's open blocks, writes the index, and releases files. Writers must not be used after.
     * Writers are closed without holding the journal's lock: their sealing threads need it to index.
     */
    @Override
    public void close() {
        final List<JournalWriter> open;
        final IdleSealer stopping;
        synchronized (this) {
            if (isClosed) {
                return;
            }
            open = new ArrayList<>(writers);
            stopping = idleSealer;
            idleSealer = null;
        }
        if (stopping != null) {
            stopping.close();
        }
        RuntimeException failure = null;
        for (final JournalWriter writer : open) {
            try {
                writer.close();
            } catch (final RuntimeException e) {
                failure = e;
            }
        }
        synchronized (this) {
            failure = finishClose(failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Releases what a journal that failed to open holds (index cursor, queue, lock) without writing the index,
     * as {@link #close()} would: a refused open leaves the index file as it found it.
     */
    private void releaseAfterFailedOpen(final Throwable failure) {
        synchronized (this) {
            isClosed = true;
        }
        CloseHelper.closeAfter(failure, indexCursor, queue, summary, view, devices, writerLock);
    }

    private RuntimeException finishClose(final RuntimeException earlier) {
        RuntimeException failure = earlier;
        if (isClosed) {
            return failure;
        }
        if (!isReadOnly) {
            try {
                writeIndex();
            } catch (final RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            try {
                if (devices != null) {
                    devices.writePending();
                }
            } catch (final RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        isClosed = true;
        if (indexCursor != null) {
            indexCursor.close();
        }
        queue.close();
        if (summary != null) {
            summary.close();
        }
        if (view != null) {
            view.close();
        }
        if (devices != null) {
            devices.close();
        }
        if (writerLock != null) {
            writerLock.close();
        }
        return failure;
    }

    /**
     * @return the journal's governance operations: retention, erasure, compaction, audit log.
     */
    public synchronized Governance governance() {
        checkOpen();
        if (governance == null) {
            governance = Governance.of(this);
        }
        return governance;
    }

    /**
     * The ingest ledger: what bulk ingest stored of each source, for exactly-once re-runs. Read-only journals
     * may read it; sessions need a writer.
     *
     * @return the journal's ledger.
     * @throws IllegalStateException when the journal is closed.
     */
    public synchronized IngestLedger ingestLedger() {
        checkOpen();
        if (ingestLedger == null) {
            ingestLedger = IngestLedger.of(this);
        }
        return ingestLedger;
    }

    /**
     * @return the salvage of cycle files whose framing Chronicle cannot walk, for readers.
     */
    SalvagedCycles salvagedCycles() {
        return salvagedCycles;
    }

    synchronized KeyStore keys() {
        if (keys == null) {
            keys = new KeyStore(dir);
        }
        return keys;
    }

    // ---- package-private: for writers, readers, recovery and verification ----

    QueueStore queue() {
        return queue;
    }

    BlockIndex index() {
        return index;
    }

    boolean isReadOnly() {
        return isReadOnly;
    }

    /**
     * @return rounds the idle sealer has made, 0 when it is off.
     */
    synchronized long idleSealerRounds() {
        return idleSealer == null ? 0 : idleSealer.rounds();
    }

    /**
     * @return a number that changes when this process sees a retention run (checked at most every 100 ms).
     */
    synchronized int retentionGeneration() {
        checkRetention();
        return retentionGeneration;
    }

    /**
     * @return the first roll cycle retention keeps (Integer.MIN_VALUE when it never ran), checked now.
     */
    synchronized int firstKeptCycle() {
        checkRetentionNow();
        return firstKeptCycle;
    }

    /**
     * @return the queue's first possible index after a fresh look at its directory (Long.MAX_VALUE when empty).
     */
    synchronized long firstQueueIndex() {
        queue.refreshListing();
        return queue.firstIndex();
    }

    synchronized void writerClosed(final JournalWriter writer) {
        writers.remove(writer);
        if (idleSealer != null) {
            idleSealer.remove(writer);
        }
    }

    /**
     * Indexes a block a writer just appended. The index follows the queue rather than the writer, so blocks
     * from concurrent writers enter it in queue order.
     */
    synchronized void onSealed() {
        refreshIndex();
    }

    /** Catches the index up with excerpts appended since it was last read (by anyone, in any process). */
    synchronized void refreshIndex() {
        checkRetention();
        // No queue.lastIndex() probe first: Chronicle answers it with a new tailer each time, which cost ~1 ms
        // per sealed block and grew with every call. A tailer that finds nothing new is cheap.
        if (indexCursor == null) {
            final long last = index.lastQueueIndex();
            indexCursor = queue.cursor().after(last);
            if (last >= 0 && indexDetour.isDamagedHeader(indexCursor, last)) {
                indexDetour.resetIntoSalvage(last);
            } else {
                indexDetour.reset(last);
            }
        }
        while (true) {
            final long salvaged = indexDetour.nextSalvaged(indexCursor);
            if (salvaged >= 0) {
                final byte[] excerpt = indexDetour.excerpt(salvaged);
                addToIndex(salvaged, excerpt, SealedExcerpt.BLOCK_OFFSET, excerpt.length - SealedExcerpt.BLOCK_OFFSET);
            } else if (indexDetour.mayWalk() && indexCursor.next()) {
                if (indexDetour.accept(indexCursor.index(), indexCursor.bytes(), indexCursor.length())) {
                    addToIndex(indexCursor.index(), indexCursor.bytes(), SealedExcerpt.BLOCK_OFFSET,
                        indexCursor.length() - SealedExcerpt.BLOCK_OFFSET);
                    summarise(indexCursor);
                }
            } else if (!indexDetour.walkEnded(indexCursor)) {
                return;
            }
        }
    }

    /** What {@link #cycleAfter} answers when there is no later cycle. */
    static final int NO_CYCLE = Integer.MIN_VALUE;

    /**
     * Whether Chronicle's walk of the queue, ended after {@code last}, ended early: a damaged excerpt header took it
     * off the excerpts of a cycle, and it read on as if the cycle had ended. Known when the cycle summary, as this
     * journal knows it, holds a later excerpt. One volatile read; allocates nothing.
     *
     * @param last the last excerpt the walk read, -1 for none.
     * @return true when the walk ended early.
     */
    boolean isWalkCut(final long last) {
        return last < lastSummarisedIndex;
    }

    /**
     * @param cycle a cycle.
     * @param last  an excerpt of it, -1 for none.
     * @return true when the cycle summary, as this journal knows it, holds a later excerpt of the cycle.
     */
    synchronized boolean knowsMoreOf(final int cycle, final long last) {
        final CycleSummary.Entry known = cycleEntries.get(cycle);
        return known != null && known.excerpts() > 0 && known.lastIndex() > last;
    }

    /**
     * @param cycle a cycle.
     * @return the next cycle the cycle summary knows, {@link #NO_CYCLE} when none.
     */
    synchronized int cycleAfter(final int cycle) {
        final Integer next = cycleEntries.higherKey(cycle);
        return next == null ? NO_CYCLE : next;
    }

    /**
     * @param cycle a cycle.
     * @return the queue index of its first excerpt, as the cycle summary knows it (else its number 0).
     */
    synchronized long firstIndexOf(final int cycle) {
        final CycleSummary.Entry known = cycleEntries.get(cycle);
        return known != null && known.excerpts() > 0 ? known.firstIndex()
            : QueueStore.indexOf(meta.rollPeriod(), cycle, 0);
    }

    /** A writing journal keeps the cycle summary's record of the excerpt's cycle up to date (not synced). */
    private void summarise(final QueueStore.Cursor cursor) {
        if (summary == null) {
            return;
        }
        final long queueIndex = cursor.index();
        final int cycle = queue.cycleOf(queueIndex);
        final CycleSummary.Entry known = cycleEntries.get(cycle);
        if (known != null && known.excerpts() > 0 && queueIndex <= known.lastIndex()) {
            return; // known already: the index was rebuilt (after a compaction) or caught up from an older file
        }
        final CycleSummary.Entry entry = (known == null ? CycleSummary.Entry.empty(cycle) : known)
            .plus(queueIndex, CycleCheck.eventCount(cursor.bytes(), cursor.length()), cursor.endPosition());
        cycleEntries.put(cycle, entry);
        lastSummarisedIndex = Math.max(lastSummarisedIndex, entry.lastIndex());
        summary.put(entry);
    }

    Path stagingDir() {
        return dir.resolve(STAGING_DIR);
    }

    void checkOpen() {
        if (isClosed) {
            throw new IllegalStateException("journal " + dir + " is closed");
        }
    }

    private void addToIndex(final long queueIndex, final byte[] block, final int offset, final int length) {
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight();
        try {
            header.wrap(new UnsafeBuffer(block, offset, Math.max(0, length)), 0, length);
        } catch (final CorruptBlockException e) {
            // Damaged on disk: left out of the index, where no scan will meet it; verify() reports it.
            return;
        }
        index.add(queueIndex, queue.cycleOf(queueIndex), header.deviceId(), header.minTimestampNs(),
            header.maxTimestampNs(), header.eventCount(), header.typeMask(), length);
    }

    private BlockIndex loadIndex() {
        if (view != null) {
            return new BlockIndex(config.indexSpacing()); // damaged cycles: indexed from what can be read
        }
        final BlockIndex loaded = IndexFile.read(dir, config.indexSpacing());
        // A persisted index is trusted only up to the queue it describes: if it claims more, rebuild. The cycle
        // files matched their summary (else the view above): the last excerpt it knows counts as in the queue,
        // even when a damaged header hides it from a walk (readers read it from a salvage).
        final long lastKnown = Math.max(queue.lastIndex(), lastSummarisedIndex);
        if (loaded != null && loaded.lastQueueIndex() <= lastKnown) {
            return withoutCyclesBefore(loaded, RetentionFile.firstKept(dir));
        }
        final String damage = loaded != null ? dir.resolve(IndexFile.FILE_NAME) + " describes queue index "
            + loaded.lastQueueIndex() + ", beyond the queue's last " + lastKnown : IndexFile.damage(dir);
        if (damage != null) {
            // Derived data: rebuilt from the block headers as the index is caught up, and rewritten on close.
            System.getLogger(Journal.class.getName()).log(System.Logger.Level.WARNING, damage
                + "; rebuilding the index from the queue");
        }
        return new BlockIndex(config.indexSpacing());
    }

    private int nextWriterId() {
        int id = 0;
        for (final JournalWriter writer : writers) {
            id = Math.max(id, writer.writerId() + 1);
        }
        return id;
    }

    /** A new journal directory is readable by its owner only (0700) where the file system has POSIX modes. */
    private static void ownerOnly(final Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Telemetry of identifiable people: warn (or, strict, refuse) when others may read the journal. */
    private static void checkNotReadableByOthers(final Path dir, final boolean isStrict) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        final Set<PosixFilePermission> modes;
        try {
            modes = Files.getPosixFilePermissions(dir);
        } catch (final IOException e) {
            throw new JournalException("cannot read the permissions of " + dir + ": " + e.getMessage(), e);
        }
        if (modes.contains(PosixFilePermission.GROUP_READ)
            || modes.contains(PosixFilePermission.OTHERS_READ)) {
            final String message = "journal directory " + dir + " is readable by other users ("
                + PosixFilePermissions.toString(modes) + "); chmod 700 it";
            if (isStrict) {
                throw new JournalException(message + " (strict permissions are on)");
            }
            System.getLogger(Journal.class.getName()).log(System.Logger.Level.WARNING, message);
        }
    }

    private static JournalMeta createOrCheck(final Path dir, final JournalConfig config) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new JournalException(dir + " is a file, not a journal directory");
        }
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve(JournalMeta.FILE_NAME))) {
                try (Stream<Path> entries = Files.list(dir)) {
                    // A creator killed before its metadata file was renamed into place leaves the lock file and the
                    // metadata's temporary: a journal still to be created, not someone else's files.
                    if (entries.anyMatch(p -> !p.getFileName().toString().equals(LOCK_FILE)
                        && !p.getFileName().toString().equals(JournalMeta.TEMPORARY_FILE_NAME))) {
                        throw new JournalException(dir + " is not empty and holds no " + JournalMeta.FILE_NAME
                            + ": not a Spoor journal; refusing to create one over existing files");
                    }
                }
                ownerOnly(dir);
                final JournalMeta created = new JournalMeta(UUID.randomUUID(), config.blockEvents(),
                    config.rollPeriod(), config.clock().millis());
                created.write(dir);
                return created;
            }
        } catch (final IOException e) {
            throw new JournalException("cannot create journal directory " + dir + ": " + e.getMessage(), e);
        }
        checkNotReadableByOthers(dir, config.isStrictPermissions());
        final JournalMeta meta = JournalMeta.read(dir);
        if (meta.blockEvents() != config.blockEvents() || meta.rollPeriod() != config.rollPeriod()) {
            throw new JournalException("journal " + dir + " was created with [blockEvents=" + meta.blockEvents()
                + ", rollPeriod=" + meta.rollPeriod() + "] but opened with [blockEvents=" + config.blockEvents()
                + ", rollPeriod=" + config.rollPeriod() + "]");
        }
        return meta;
    }

    /**
     * Takes {@code journal.lock} through {@link LockFiles}, which opens nothing when this process holds it already:
     * closing a second descriptor of the file would release the writer's lock for every process to take.
     */
    private static LockFiles.Held holdWriterLock(final Path dir) throws IOException {
        final LockFiles.Held lock = LockFiles.tryHold(dir.resolve(LOCK_FILE));
        if (lock == null) {
            throw new JournalException("journal " + dir + " is already open for writing (by this or another process;"
                + " or a compaction with no writer holds it for a moment: try again)");
        }
        return lock;
    }

    /**
     * @return what opening this journal recovered from killed writers (empty for read-only opens).
     */
    public RecoveryReport recovery() {
        return recovery;
    }

    /** The journal's internals for the recovery and governance packages (see {@link JournalInternals}). */
    private final class Internals implements JournalInternals {
        @Override
        public QueueStore queue() {
            return queue;
        }

        @Override
        public BlockIndex index() {
            return index;
        }

        @Override
        public void refreshIndex() {
            Journal.this.refreshIndex();
        }

        @Override
        public Object lock() {
            return Journal.this;
        }

        @Override
        public Path stagingDir() {
            return Journal.this.stagingDir();
        }

        @Override
        public KeyStore keys() {
            return Journal.this.keys();
        }

        @Override
        public void checkOpen() {
            Journal.this.checkOpen();
        }

        @Override
        public boolean isReadOnly() {
            return isReadOnly;
        }

        @Override
        public CycleCheck.Result cycleCheck() {
            return cycleCheck;
        }

        @Override
        public java.util.NavigableMap<Integer, CycleSummary.Entry> cycleEntries() {
            synchronized (Journal.this) {
                return new TreeMap<>(cycleEntries);
            }
        }

        @Override
        public void applyRetention() {
            synchronized (Journal.this) {
                checkRetentionNow();
            }
        }

        @Override
        public long appendedEvents(final JournalWriter writer) {
            return ownWriter(writer).storedAppendedEvents();
        }

        @Override
        public void sealOpenBlocks(final JournalWriter writer) {
            ownWriter(writer).sealOpenBlocks();
        }

        @Override
        public void startIngestSession(final JournalWriter writer, final long sessionId) {
            ownWriter(writer).startIngestSession(sessionId);
        }

        @Override
        public byte[] pseudonymSecret(final String label) {
            return devices.derivedSecret(label);
        }

        private JournalWriter ownWriter(final JournalWriter writer) {
            if (writer.journal() != Journal.this) {
                throw new IllegalArgumentException("writer " + writer.writerId() + " belongs to journal "
                    + writer.journal().directory() + ", not " + dir);
            }
            return writer;
        }
    }
}
