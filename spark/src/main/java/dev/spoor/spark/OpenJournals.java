/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalReader;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Read-only journals kept open between the queries and tasks of one JVM (the driver, an executor). Opening a
 * journal (Chronicle's queue files, the index, the device dictionary) and closing it takes tens of milliseconds,
 * more than planning or reading the few blocks of a selective query: every query planned each journal, every task
 * opened its journal, so a one-device one-hour read over four journals paid for five opens. A journal shares
 * itself between threads (each takes its own {@link JournalReader}), new blocks and erasures are picked up on each
 * plan and read; only the device dictionary is read once at open, so a handle whose {@code devices.dict} changed
 * since is replaced. A handle nobody holds is closed after {@link #IDLE_SECONDS} seconds.
 */
final class OpenJournals {
    /** Seconds an unused handle stays open. */
    static final long IDLE_SECONDS = 30;
    /** Readers kept per journal for the next query or task (one per thread reading it at once is enough). */
    static final int MAX_IDLE_READERS = 8;
    private static final Map<String, Entry> OPEN = new HashMap<>();
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread thread = new Thread(r, "spoor-journal-closer");
        thread.setDaemon(true);
        return thread;
    });

    static {
        CLOSER.scheduleWithFixedDelay(OpenJournals::closeIdle, IDLE_SECONDS, IDLE_SECONDS, TimeUnit.SECONDS);
    }

    private OpenJournals() {
    }

    /** A hold on an open journal; closing it lets the journal go. */
    static final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean isReleased;

        private Lease(final Entry entry) {
            this.entry = entry;
        }

        /**
         * @return the journal, open read-only.
         */
        Journal journal() {
            return entry.journal;
        }

        /**
         * @return a reader for the calling thread alone: one another query or task gave back, or a new one. Give
         *         it back with {@link #giveBack(JournalReader)} (a reader plans and reads from the journal's index
         *         and erasures as they are at each call, so it serves any number of queries).
         */
        JournalReader newReader() {
            final JournalReader idle;
            synchronized (entry) {
                idle = entry.idleReaders.poll();
            }
            if (idle != null) {
                return idle;
            }
            synchronized (entry.journal) {
                return entry.journal.newReader(); // a Chronicle tailer: about 0.3-0.5 ms each
            }
        }

        /**
         * @param reader from {@link #newReader()}, no longer used by the caller; kept for the next one or closed.
         */
        void giveBack(final JournalReader reader) {
            synchronized (entry) {
                if (!entry.isClosed && entry.idleReaders.size() < MAX_IDLE_READERS) {
                    entry.idleReaders.push(reader);
                    return;
                }
            }
            reader.close();
        }

        @Override
        public void close() {
            if (!isReleased) {
                isReleased = true;
                release(entry);
            }
        }
    }

    private static final class Entry {
        final String dir;
        final Journal journal;
        final long dictionaryStamp;
        final ArrayDeque<JournalReader> idleReaders = new ArrayDeque<>();
        int holders;
        long idleSinceNs;
        boolean isRetired;
        boolean isClosed;

        Entry(final String dir, final Journal journal, final long dictionaryStamp) {
            this.dir = dir;
            this.journal = journal;
            this.dictionaryStamp = dictionaryStamp;
        }

        /** Closes the readers given back, then the journal. */
        void close() {
            final List<JournalReader> readers;
            synchronized (this) {
                isClosed = true;
                readers = new ArrayList<>(idleReaders);
                idleReaders.clear();
            }
            try {
                readers.forEach(JournalReader::close);
            } finally {
                journal.close();
            }
        }
    }

    /**
     * @param dir a journal directory.
     * @return a hold on it, open read-only (needs the Chronicle JVM flags in this JVM).
     */
    static Lease acquire(final String dir) {
        final long stamp = dictionaryStamp(dir);
        synchronized (OPEN) {
            Entry entry = OPEN.get(dir);
            if (entry != null && entry.dictionaryStamp != stamp) {
                if (retire(entry)) {
                    entry.close();
                }
                entry = null;
            }
            if (entry == null) {
                entry = new Entry(dir, Journal.openReadOnly(Path.of(dir)), stamp);
                OPEN.put(dir, entry);
            }
            entry.holders++;
            return new Lease(entry);
        }
    }

    private static void release(final Entry entry) {
        final boolean isToClose;
        synchronized (OPEN) {
            entry.holders--;
            entry.idleSinceNs = System.nanoTime();
            isToClose = entry.isRetired && entry.holders == 0;
        }
        if (isToClose) {
            entry.close();
        }
    }

    /**
     * Takes the entry out of the map: the next acquire opens anew; the last holder closes it.
     *
     * @return true when nobody holds it: the caller closes it.
     */
    private static boolean retire(final Entry entry) {
        entry.isRetired = true;
        OPEN.remove(entry.dir, entry);
        return entry.holders == 0;
    }

    private static void closeIdle() {
        final long now = System.nanoTime();
        final List<Entry> idle = new ArrayList<>();
        synchronized (OPEN) {
            for (final Entry entry : new ArrayList<>(OPEN.values())) {
                if (entry.holders == 0 && now - entry.idleSinceNs > TimeUnit.SECONDS.toNanos(IDLE_SECONDS)
                    && retire(entry)) {
                    idle.add(entry);
                }
            }
        }
        idle.forEach(Entry::close);
    }

    private static long dictionaryStamp(final String dir) {
        final File dictionary = new File(dir, DeviceRegistry.FILE_NAME);
        return dictionary.lastModified() * 31 + dictionary.length();
    }
}
