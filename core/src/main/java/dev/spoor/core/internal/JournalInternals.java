/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.index.BlockIndex;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the journal's own packages ({@code recovery}, {@code governance}, {@code ledger}) need of an open
 * {@link Journal} beyond its public API: the queue, the index, the staging directory, the data keys and its
 * writers' append counts. Reached through
 * {@link #of(Journal)}, which {@code Journal} installs when it loads, so none of these types appear in a public
 * signature of the journal (the JDK's "shared secrets" pattern). Not for use outside {@code core}.
 */
public interface JournalInternals {
    /**
     * @param journal an open journal.
     * @return its internals.
     */
    static JournalInternals of(final Journal journal) {
        return Access.accessor.apply(Objects.requireNonNull(journal, "journal"));
    }

    /**
     * Called once, by {@code Journal}'s static initialiser.
     *
     * @param accessor gives a journal's internals.
     */
    static void install(final Function<Journal, JournalInternals> accessor) {
        Access.accessor = accessor;
    }

    /** @return the queue of sealed excerpts. */
    QueueStore queue();

    /** @return the index as of the last {@link #refreshIndex()}; guard with {@link #lock()}. */
    BlockIndex index();

    /** Catches the index up with excerpts appended since (by any process). */
    void refreshIndex();

    /** @return the object to synchronise on while reading {@link #index()}. */
    Object lock();

    /** @return the directory of the writers' staging files. */
    Path stagingDir();

    /** @return the per-device data keys. */
    KeyStore keys();

    /** @throws IllegalStateException when the journal is closed. */
    void checkOpen();

    /** @return true when opened read only. */
    boolean isReadOnly();

    /** Drops from the index the roll cycles a retention run deleted (here or in another process). */
    void applyRetention();

    /**
     * @return what checking the cycle files against the cycle summary found when the journal was opened.
     */
    CycleCheck.Result cycleCheck();

    /**
     * @return per cycle, what the queue holds (as the summary records it; for a damaged cycle, its whole
     *         excerpts), a copy.
     */
    java.util.NavigableMap<Integer, CycleSummary.Entry> cycleEntries();

    /**
     * @param writer a writer of this journal (open or closed).
     * @return the append calls it has taken, as its staging header counts them (any thread may ask).
     */
    long appendedEvents(JournalWriter writer);

    /**
     * Seals every open block of a writer and waits until they are in the queue, so that no event it counted is
     * only staged; nothing when the writer is closed (its close sealed them).
     *
     * @param writer a writer of this journal, on the thread that appends through it.
     * @throws dev.spoor.core.DiskFullException as {@link JournalWriter#flush()}.
     */
    void sealOpenBlocks(JournalWriter writer);

    /**
     * Marks a writer's staging file with an ingest ledger session, before its first append.
     *
     * @param writer    a writer of this journal.
     * @param sessionId the session, not 0.
     * @throws IllegalArgumentException when the writer belongs to another journal.
     * @throws IllegalStateException    when the writer is closed, has appended, or is in a session already.
     */
    void startIngestSession(JournalWriter writer, long sessionId);

    /**
     * A secret of the journal's pseudonym key for another use (HMAC-SHA256 of the label under the key).
     *
     * @param label what the secret is for.
     * @return 32 bytes, or null when the journal was opened without a pseudonym key.
     */
    byte[] pseudonymSecret(String label);

    /** Holder of the installed accessor (interfaces cannot have private static fields). */
    final class Access {
        private static Function<Journal, JournalInternals> accessor;

        private Access() {
        }
    }
}
