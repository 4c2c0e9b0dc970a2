/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import dev.spoor.core.JournalException;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.internal.LockFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One ingest run's session of the {@link IngestLedger}: records, for each batch of a source, what the journal
 * holds of the source once the batch's events are appended, through the one writer the session was begun on.
 * The protocol, on the writer's thread:
 * <ol>
 *   <li>{@link #batch} (written before the events: it reads the writer's append count), then append exactly
 *       that batch's {@code events} through the writer (events the privacy policy drops count: the writer counts
 *       every append call that passed its validation), then the next batch;</li>
 *   <li>{@link #complete} once a source's last batch is appended;</li>
 *   <li>{@link #close()}, before closing the writer.</li>
 * </ol>
 * A batch's {@code eventsBefore} must be what the ledger holds of the source ({@link SourceProgress#events()}, 0
 * for a new source), and every event the writer takes during the session must belong to a batch: both are
 * checked, since either would make the ledger's count wrong. Close the session before the journal: the journal's
 * close ends the session in the ledger (through its writer) but leaves the lock to this object. Not thread safe.
 */
public final class LedgerSession implements AutoCloseable {
    private final Path dir;
    private final JournalWriter writer;
    private final JournalInternals internals;
    private final long sessionId;
    private final LockFiles.Held lock;
    /** Each source's progress as this session's records leave it (from the ledger's when the session began). */
    private final Map<String, SourceProgress> sources;
    /** The writer's append count once the last batch's events are in: what the next batch must find. */
    private long batchesEnd;
    private boolean isClosed;

    LedgerSession(final Path dir, final JournalWriter writer, final JournalInternals internals, final long sessionId,
        final LockFiles.Held lock, final Map<String, SourceProgress> known) {
        this.dir = dir;
        this.writer = writer;
        this.internals = internals;
        this.sessionId = sessionId;
        this.lock = lock;
        this.sources = new HashMap<>(known);
    }

    /**
     * @return the session's id (random, not 0), as the ledger and the writer's staging file carry it.
     */
    public long sessionId() {
        return sessionId;
    }

    /**
     * Records a batch of a source before its events are appended, with the writer's append count read now.
     * Offsets, hashes and lines are the ingest's own (the ledger stores them and hands them back): "before" is
     * what the journal covers of the source before the batch, "after" once the batch's events are in.
     *
     * @param sourceKey    the source, at most 65,535 UTF-8 bytes.
     * @param eventsBefore events of the source already in the journal: {@link SourceProgress#events()}, or 0.
     * @param events       events in this batch, appended next.
     * @param bytesBefore  source bytes covered before the batch.
     * @param hashBefore   their hash.
     * @param linesBefore  their lines.
     * @param bytesAfter   source bytes covered after it, {@code >= bytesBefore}.
     * @param hashAfter    their hash.
     * @param linesAfter   their lines, {@code >= linesBefore}.
     * @throws IllegalArgumentException when a count is negative, coverage shrinks, or eventsBefore is not what the
     *                                  ledger holds of the source.
     * @throws IllegalStateException    when the session is closed, or the writer took more or fewer append calls
     *                                  than the batches so far declared.
     * @throws JournalException         when the ledger file cannot be written.
     */
    public void batch(final String sourceKey, final long eventsBefore, final long events, final long bytesBefore,
        final long hashBefore, final long linesBefore, final long bytesAfter, final long hashAfter,
        final long linesAfter) {
        checkOpen();
        checkKey(sourceKey);
        if (eventsBefore < 0 || events < 0 || bytesBefore < 0 || linesBefore < 0 || bytesAfter < bytesBefore
            || linesAfter < linesBefore) {
            throw new IllegalArgumentException("batch of " + sourceKey + " has a negative count or shrinking coverage:"
                + " [eventsBefore=" + eventsBefore + ", events=" + events + ", bytes=" + bytesBefore + ".."
                + bytesAfter + ", lines=" + linesBefore + ".." + linesAfter + "]");
        }
        final long appended = checkBatchesAppended("batch of " + sourceKey);
        checkEventsHeld(sourceKey, eventsBefore, "eventsBefore");
        LedgerFile.append(dir, LedgerRecord.batch(sessionId, appended, sourceKey, eventsBefore, events, bytesBefore,
            hashBefore, linesBefore, bytesAfter, hashAfter, linesAfter), false);
        sources.put(sourceKey, new SourceProgress(sourceKey, eventsBefore + events, bytesAfter, hashAfter,
            linesAfter, false));
        batchesEnd = appended + events;
    }

    /**
     * Records that the source's complete part is in: after its last batch's events were appended.
     *
     * @param sourceKey the source.
     * @param events    its events in the journal: what the ledger holds of it.
     * @param bytes     the bytes of its complete part.
     * @param hash      their hash.
     * @param lines     their lines.
     * @throws IllegalArgumentException when a count is negative or events is not what the ledger holds.
     * @throws IllegalStateException    when the session is closed, or the last batch's events are not all
     *                                  appended (or more were).
     * @throws JournalException         when the ledger file cannot be written.
     */
    public void complete(final String sourceKey, final long events, final long bytes, final long hash,
        final long lines) {
        checkOpen();
        checkKey(sourceKey);
        if (events < 0 || bytes < 0 || lines < 0) {
            throw new IllegalArgumentException("complete of " + sourceKey + " has a negative count: [events=" + events
                + ", bytes=" + bytes + ", lines=" + lines + "]");
        }
        checkBatchesAppended("complete of " + sourceKey);
        checkEventsHeld(sourceKey, events, "events");
        // Not forced to disk: the events it covers are in the page cache too (staging), and a re-run after a power
        // cut that lost it re-reads the file past them, exactly as after a kill that came before it.
        LedgerFile.append(dir, LedgerRecord.complete(sourceKey, events, bytes, hash, lines), false);
        sources.put(sourceKey, new SourceProgress(sourceKey, events, bytes, hash, lines, true));
    }

    /**
     * Records how the source is read (its format's options, as text the format writes) before this session's first
     * batch of it: a later run that reads it another way is told so ({@link IngestLedger#readings}). Not forced to
     * disk (an ingest of many files would pay a sync each): one lost to a power cut leaves the source with no
     * reading known, which is checked against nothing, as for a source ingested before readings were kept.
     *
     * @param sourceKey the source.
     * @param reading   how it is read; not null.
     * @throws IllegalStateException when the session is closed.
     * @throws JournalException      when the ledger file cannot be written.
     */
    public void reading(final String sourceKey, final String reading) {
        checkOpen();
        checkKey(sourceKey);
        Objects.requireNonNull(reading, "reading");
        LedgerFile.append(dir, LedgerRecord.reading(sourceKey, reading), false);
    }

    /**
     * Forgets a source's progress, durably (what {@code --force} asks for): its events already in the journal
     * stay, and the next batch of it starts from {@code eventsBefore} 0.
     *
     * @param sourceKey the source.
     * @throws IllegalStateException when the session is closed.
     * @throws JournalException      when the ledger file cannot be written.
     */
    public void reset(final String sourceKey) {
        checkOpen();
        checkKey(sourceKey);
        LedgerFile.append(dir, LedgerRecord.reset(sourceKey), true);
        sources.remove(sourceKey);
    }

    /**
     * Seals the writer's open blocks into the queue, then writes SESSION_END with the writer's append count,
     * durably, and releases the lock; call from the appending thread, before closing the writer (closing the writer
     * first is safe too: its close ends the session in the ledger with the same count). A batch whose events were
     * not all appended (the ingest failed) is resolved as partial. Idempotent.
     *
     * @throws JournalException when the blocks cannot be sealed (a {@code DiskFullException}) or the ledger file
     *                          cannot be written (the lock is released anyway; the writer's close, or recovery, ends
     *                          the session then).
     */
    @Override
    public void close() {
        if (isClosed) {
            return;
        }
        isClosed = true;
        try {
            // The end count says "stored" of every event counted: it goes to the ledger (fsynced) only once they
            // are all in the queue, never while some are still only staged. If sealing fails (a full disk), no
            // end is written here; the writer's close or recovery writes it once the staged events are sealed.
            internals.sealOpenBlocks(writer);
            LedgerFile.appendSessionEnd(dir, sessionId, internals.appendedEvents(writer));
        } finally {
            lock.close();
        }
    }

    @Override
    public String toString() {
        return "LedgerSession[id=0x" + Long.toHexString(sessionId) + ", journal=" + dir + ", closed=" + isClosed + "]";
    }

    private long checkBatchesAppended(final String what) {
        final long appended = internals.appendedEvents(writer);
        if (appended != batchesEnd) {
            throw new IllegalStateException(what + ": the writer took " + appended + " append calls, but this session's"
                + " batches declared " + batchesEnd + " [session=0x" + Long.toHexString(sessionId) + "]; append"
                + " exactly each batch's events, after its batch() and before the next call");
        }
        return appended;
    }

    private void checkEventsHeld(final String sourceKey, final long events, final String name) {
        final SourceProgress known = sources.get(sourceKey);
        final long held = known == null ? 0 : known.events();
        if (events != held) {
            throw new IllegalArgumentException(name + "=" + events + " for " + sourceKey + ", but the ledger holds "
                + held + " events of it" + (known == null ? " (a new source, or reset)" : ""));
        }
    }

    private void checkOpen() {
        if (isClosed) {
            throw new IllegalStateException("ingest session 0x" + Long.toHexString(sessionId) + " of " + dir
                + " is closed");
        }
    }

    private static void checkKey(final String sourceKey) {
        if (sourceKey == null || sourceKey.isEmpty()) {
            throw new IllegalArgumentException("sourceKey must be a non-empty string, was "
                + (sourceKey == null ? "null" : "empty"));
        }
        final int length = sourceKey.getBytes(StandardCharsets.UTF_8).length;
        if (length > LedgerRecord.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("sourceKey is " + length + " UTF-8 bytes, over the "
                + LedgerRecord.MAX_KEY_BYTES + " a ledger record holds");
        }
    }
}
