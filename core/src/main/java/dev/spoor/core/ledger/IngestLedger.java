/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.internal.CloseHelper;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.internal.LockFiles;
import dev.spoor.core.internal.StagingArea;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The journal's ingest ledger ({@link LedgerFile}, {@code ingest-ledger.spoor}): what bulk ingest stored of each
 * source file, so that a re-run after a crash (a SIGKILL at any moment) appends exactly the missing events.
 *
 * <p>An ingest {@link #begin}s a session on a new writer, then for each batch of a source calls
 * {@link LedgerSession#batch} before appending the batch's events through that writer, and
 * {@link LedgerSession#complete} after the source's last batch. The BATCH record carries the writer's append count
 * from before the batch; the writer keeps that count in its staging file, stored after each event, and the
 * session's end count reaches the ledger on {@link LedgerSession#close()}, on the writer's close, or, when the
 * process was killed, from recovery when the journal is next opened for writing, before it deletes the staging
 * file. So a batch's events that are in the journal are exactly {@code end - appendedBefore} (at most its size).
 *
 * <p>A session whose BATCH has no end in the ledger is resolved from its writer's staging file: the live count
 * of a writer still appending (in this process or another), or the count a killed writer left for recovery.
 * With neither, the ledger cannot answer and {@link #progress} throws: that cannot happen through this API.
 *
 * <p>Thread safe; a {@link LedgerSession} belongs to the thread that appends through its writer.
 */
public final class IngestLedger {
    /** The lock file an ingest session holds, in the journal directory. */
    public static final String LOCK_FILE_NAME = "ingest-ledger.lock";
    private static final int RESOLVE_ATTEMPTS = 3;

    private final Journal journal;
    private final Path dir;
    private final SecureRandom random = new SecureRandom();
    private long cachedStamp = -1;
    private List<LedgerRecord> cachedRecords = List.of();
    /** The secret source keys are hashed with, once known. */
    private byte[] secret;
    /** The records {@link #keyCounts} were counted from, and the counts. */
    private List<LedgerRecord> countedRecords;
    private long[] keyCounts;

    private IngestLedger(final Journal journal) {
        this.journal = journal;
        this.dir = journal.directory();
    }

    /**
     * The ledger of a journal; {@link Journal#ingestLedger()} keeps one per open journal.
     *
     * @param journal an open journal, read only or not.
     * @return its ledger.
     */
    public static IngestLedger of(final Journal journal) {
        return new IngestLedger(Objects.requireNonNull(journal, "journal"));
    }

    /**
     * Starts an ingest session on a writer that has appended nothing yet; holds an exclusive lock (file
     * {@value #LOCK_FILE_NAME}, a {@link FileLock}) until {@link LedgerSession#close()}, so two ingests into one
     * journal cannot interleave. Marks the writer's staging file with the session's id (random, non-zero).
     *
     * @param writer a writer of this ledger's journal, for the session's thread, with no append taken.
     * @return the session.
     * @throws JournalException         when another ingest is running (the lock is held, by this or another
     *                                  process), or the ledger cannot be read or resolved.
     * @throws IllegalStateException    when the writer is closed, already appended events, or is in a session.
     * @throws IllegalArgumentException when the writer belongs to another journal.
     */
    public LedgerSession begin(final JournalWriter writer) {
        Objects.requireNonNull(writer, "writer");
        final JournalInternals internals = JournalInternals.of(journal);
        internals.checkOpen();
        final LockFiles.Held lock = lock();
        try {
            // A session killed mid-append (after its writer's close ended it) may have left a torn record.
            LedgerFile.cutTornTail(dir);
            final Map<String, SourceProgress> known = resolveAll();
            final long sessionId = newSessionId();
            internals.startIngestSession(writer, sessionId);
            return new LedgerSession(dir, writer, internals, sessionId, lock, known);
        } catch (final RuntimeException | Error e) {
            CloseHelper.closeAfter(e, lock);
            throw e;
        }
    }

    /**
     * The key this ledger names a source file by ({@link SourceKeys}): a keyed hash of its real path, or, in a
     * ledger written before hashed keys, the path itself.
     *
     * @param file a source file.
     * @return its source key.
     * @throws IOException      when the file's real path cannot be found (it does not exist).
     * @throws JournalException when the ledger cannot be read, or the secret of a journal without pseudonyms
     *                          cannot be read or made.
     */
    public synchronized String sourceKeyOf(final Path file) throws IOException {
        final String path = file.toRealPath().toString();
        final long[] keys = keyCounts();
        if (keys[0] > 0) {
            return path;
        }
        if (secret == null) {
            final byte[] derived = JournalInternals.of(journal).pseudonymSecret(SourceKeys.PSEUDONYM_LABEL);
            secret = derived != null ? derived : SourceKeys.secret(dir, keys[1]);
        }
        return SourceKeys.hashed(secret, path);
    }

    /**
     * For {@code verify}: whether the ledger can still name its sources. On a journal without pseudonyms, its
     * hashed source keys need {@value SourceKeys#SECRET_FILE_NAME}; without it every re-run would store its files
     * again.
     *
     * @return what is wrong, or null.
     * @throws JournalException when the ledger file cannot be read.
     */
    public synchronized String secretProblem() {
        if (journal.policy().isPseudonymous()) {
            return null;
        }
        final long hashed = keyCounts()[1];
        return hashed == 0 ? null : SourceKeys.missingProblem(dir, hashed);
    }

    /**
     * @return {distinct plain (path) source keys, distinct hashed ones} of the ledger as it is now, counted once per
     *         change of the file rather than once per source planned.
     */
    private long[] keyCounts() {
        final List<LedgerRecord> records = records(false);
        if (records != countedRecords) {
            final long plain = records.stream().map(LedgerRecord::sourceKey)
                .filter(key -> key != null && SourceKeys.isPlain(key)).distinct().count();
            final long hashed = records.stream().map(LedgerRecord::sourceKey)
                .filter(key -> key != null && !SourceKeys.isPlain(key)).distinct().count();
            keyCounts = new long[] {plain, hashed};
            countedRecords = records;
        }
        return keyCounts;
    }

    /**
     * What is stored of a source, partial batches resolved against their session's end count.
     *
     * @param sourceKey the source, as the ingest named it.
     * @return its progress; null when never seen (or after its last RESET).
     * @throws JournalException when the ledger file is damaged, or a session wrote batches and the ledger holds
     *                          no end for it while no writer of it is live and no staging file of it is left.
     */
    public SourceProgress progress(final String sourceKey) {
        Objects.requireNonNull(sourceKey, "sourceKey");
        return resolveAll().get(sourceKey);
    }

    /**
     * @return every source the ledger knows, by key.
     * @throws JournalException as {@link #progress(String)} does.
     */
    public List<SourceProgress> sources() {
        return List.copyOf(resolveAll().values());
    }

    /**
     * How each source was last read (the text {@link LedgerSession#reading} recorded), after its last RESET.
     *
     * @return readings by source key; a source ingested before readings were recorded has none.
     * @throws JournalException when the ledger file is damaged.
     */
    public synchronized Map<String, String> readings() {
        JournalInternals.of(journal).checkOpen();
        return LedgerState.readings(records(false));
    }

    /** Every source's progress, by key, as the file and the live or killed sessions' staging files say now. */
    synchronized Map<String, SourceProgress> resolveAll() {
        JournalInternals.of(journal).checkOpen();
        List<String> stagingProblems = List.of();
        LongHashSet unresolved = new LongHashSet();
        // A session that ends while this looks writes its end before deleting its staging file, and a new one
        // marks its staging file before its first batch: read the ledger again after the staging files.
        for (int attempt = 0; attempt < RESOLVE_ATTEMPTS; attempt++) {
            final List<LedgerRecord> records = records(attempt > 0);
            unresolved = LedgerState.unended(records);
            final Long2LongHashMap live = new Long2LongHashMap(LedgerState.NO_END);
            if (!unresolved.isEmpty()) {
                stagingProblems = liveEnds(unresolved, live);
            }
            if (live.size() == unresolved.size()) {
                return LedgerState.resolve(records, live);
            }
        }
        throw new JournalException(dir.resolve(LedgerFile.FILE_NAME) + ": ingest session(s) " + hex(unresolved)
            + " wrote batches but the ledger holds no SESSION_END for them, and no staging file in "
            + JournalInternals.of(journal).stagingDir() + " carries them (no writer of theirs is live, none awaits"
            + " recovery), so how many of their events are in the journal is unknown"
            + (stagingProblems.isEmpty() ? "" : "; unreadable staging files: " + stagingProblems));
    }

    /** The records, re-read when the file changed or when {@code isFresh}. */
    private List<LedgerRecord> records(final boolean isFresh) {
        final long stamp = LedgerFile.stamp(dir);
        if (isFresh || stamp != cachedStamp) {
            cachedRecords = LedgerFile.read(dir);
            cachedStamp = stamp;
        }
        return cachedRecords;
    }

    /** Puts the append count of each wanted session found in a staging file into {@code ends}; returns problems. */
    private List<String> liveEnds(final LongHashSet wanted, final Long2LongHashMap ends) {
        final List<String> problems = new ArrayList<>();
        for (final Path file : stagingFiles()) {
            try (StagingArea area = StagingArea.openReadOnly(file.toFile())) {
                final long sessionId = area.ingestSessionId();
                if (wanted.contains(sessionId)) {
                    ends.put(sessionId, Math.max(area.appendedEvents(), ends.get(sessionId)));
                }
            } catch (final RuntimeException e) {
                // Deleted since listed, or a writer creating it right now: the next attempt looks again.
                problems.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    private List<Path> stagingFiles() {
        final Path stagingDir = JournalInternals.of(journal).stagingDir();
        try (Stream<Path> files = Files.list(stagingDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".stg")).sorted()
                .collect(Collectors.toList());
        } catch (final NoSuchFileException e) {
            return List.of();
        } catch (final IOException e) {
            throw new JournalException("cannot list staging files in " + stagingDir + ": " + e.getMessage(), e);
        }
    }

    private LockFiles.Held lock() {
        final Path file = dir.resolve(LOCK_FILE_NAME);
        try {
            final LockFiles.Held lock = LockFiles.tryHold(file);
            if (lock == null) {
                throw new JournalException("another ingest into journal " + dir + " is running (" + file
                    + " is locked, by this or another process): one ingest at a time");
            }
            return lock;
        } catch (final IOException e) {
            throw new JournalException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private synchronized long newSessionId() {
        final LongHashSet used = LedgerState.sessions(records(false));
        long sessionId;
        do {
            sessionId = random.nextLong();
        } while (sessionId == 0 || used.contains(sessionId));
        return sessionId;
    }

    private static String hex(final LongHashSet sessions) {
        final List<String> ids = new ArrayList<>();
        sessions.forEach(id -> ids.add("0x" + Long.toHexString(id)));
        return ids.toString();
    }
}
