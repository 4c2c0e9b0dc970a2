/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.ledger.IngestLedger;
import dev.spoor.core.ledger.LedgerSession;
import dev.spoor.core.ledger.SourceProgress;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PrivacyPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * A bulk ingest as the pipeline runs one, over synthetic sources: each source is a file of fixed 20-byte lines,
 * one event per line, of one device; some events are secure-input keys the policy drops. The driver resumes
 * every source from its ledger progress (checking the coverage it is handed), interleaves random-sized
 * batches of the sources through one writer, and completes each source after its last batch.
 */
final class IngestDriver {
    static final int LINE_BYTES = 20;
    static final int BLOCK_EVENTS = 64;

    private IngestDriver() {
    }

    static JournalConfig config() {
        // Key codes kept exactly: the test compares every field of every event.
        return new JournalConfig().blockEvents(BLOCK_EVENTS).maxOpenBlocks(16)
            .privacyPolicy(PrivacyPolicy.defaults().keystrokes(KeystrokeMode.CODE));
    }

    /** One input file's events, as {@link JournalEvents#event} fields, and which of them the policy drops. */
    static final class Source {
        final String key;
        final long deviceId;
        final long[][] events;
        final boolean[] isDropped;

        Source(final long seed, final int index) {
            final Random random = new Random(seed * 1_000_003L + index);
            this.key = "recordings/session-" + index + ".csv";
            this.deviceId = 2000 + index;
            final int n = 2_000 + random.nextInt(3_000);
            this.events = new long[n][];
            this.isDropped = new boolean[n];
            long ts = 1_700_000_000_000_000_000L + random.nextInt(1_000_000) * 1_000_000L;
            int x = random.nextInt(1920);
            int y = random.nextInt(1080);
            for (int i = 0; i < n; i++) {
                ts += (1 + random.nextInt(20)) * 1_000_000L;
                x += random.nextInt(9) - 4;
                y += random.nextInt(9) - 4;
                final int roll = random.nextInt(100);
                if (roll < 85) {
                    events[i] = JournalEvents.event(deviceId, ts, 0, x, y, roll < 5 ? 1 : 0, 0);
                } else if (roll < 90) {
                    events[i] = JournalEvents.event(deviceId, ts, 1 + (roll & 1), x, y, 1, 0);
                } else if (roll < 96) {
                    events[i] = JournalEvents.event(deviceId, ts, 4 + (roll & 1), 0, 0, random.nextInt(60), 0);
                } else {
                    events[i] = JournalEvents.event(deviceId, ts, 4, 0, 0, random.nextInt(60),
                        PrivacyPolicy.SECURE_INPUT);
                    isDropped[i] = true;
                }
            }
        }

        /** The events the journal holds when the ledger says {@code offered} of them are in. */
        List<long[]> stored(final long offered) {
            final List<long[]> stored = new ArrayList<>();
            for (int i = 0; i < offered; i++) {
                if (!isDropped[i]) {
                    stored.add(events[i]);
                }
            }
            return stored;
        }
    }

    static List<Source> sources(final long seed, final int count) {
        final List<Source> sources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sources.add(new Source(seed, i));
        }
        return sources;
    }

    /** The ingest's prefix hash of a source's first {@code lines} lines (synthetic: the files do not exist). */
    static long hash(final String key, final long lines) {
        long h = key.hashCode() * 0x9E37_79B9_7F4A_7C15L + lines;
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        return h ^ h >>> 33;
    }

    /**
     * Ingests (or resumes) every source to its end.
     *
     * @param journal      open for writing.
     * @param sources      the sources.
     * @param random       batch sizes and interleaving.
     * @param maxSpinNs    busy time per event, up to (so a kill lands anywhere in a batch), 0 for none.
     * @param afterBatch   told the batches done so far, after each batch's events are appended.
     */
    static void run(final Journal journal, final List<Source> sources, final Random random, final long maxSpinNs,
        final LongConsumer afterBatch) {
        final IngestLedger ledger = journal.ingestLedger();
        try (JournalWriter writer = journal.newWriter(); LedgerSession session = ledger.begin(writer)) {
            final List<Cursor> active = new ArrayList<>();
            for (final Source source : sources) {
                final Cursor cursor = new Cursor(source, ledger.progress(source.key));
                if (!cursor.isComplete) {
                    active.add(cursor);
                }
            }
            long batches = 0;
            while (!active.isEmpty()) {
                final int pick = random.nextInt(active.size());
                final Cursor cursor = active.get(pick);
                final long spinNs = maxSpinNs == 0 ? 0 : random.nextLong() % maxSpinNs;
                if (cursor.batch(session, writer, 1 + random.nextInt(200), Math.abs(spinNs))) {
                    afterBatch.accept(++batches);
                }
                if (cursor.next == cursor.source.events.length) {
                    final long n = cursor.next;
                    session.complete(cursor.source.key, n, n * LINE_BYTES, hash(cursor.source.key, n), n);
                    active.remove(pick);
                }
            }
        }
    }

    /** Where a source's ingest stands: the next event to append and the coverage the next batch starts at. */
    private static final class Cursor {
        final Source source;
        final boolean isComplete;
        int next;
        long coveredLines;

        Cursor(final Source source, final SourceProgress progress) {
            this.source = source;
            if (progress == null) {
                this.isComplete = false;
                return;
            }
            // The pipeline checks what it is handed: the covered prefix is whole lines whose hash matches.
            check(progress.bytesCovered() == progress.linesCovered() * LINE_BYTES, progress);
            check(progress.coveredHash() == hash(source.key, progress.linesCovered()), progress);
            check(progress.eventsCovered() == progress.linesCovered(), progress);
            check(progress.events() >= progress.eventsCovered(), progress);
            check(progress.events() <= source.events.length, progress);
            check(!progress.isComplete() || progress.events() == source.events.length, progress);
            this.isComplete = progress.isComplete();
            // Reading on from the covered bytes, the first events - eventsCovered events parsed are in already.
            this.coveredLines = progress.linesCovered();
            this.next = Math.toIntExact(progress.linesCovered() + (progress.events() - progress.eventsCovered()));
        }

        /** Records and appends the next batch of up to {@code size} events; false when none were left. */
        boolean batch(final LedgerSession session, final JournalWriter writer, final int size, final long spinNs) {
            final int n = Math.min(size, source.events.length - next);
            if (n == 0) {
                return false;
            }
            final long after = next + n;
            session.batch(source.key, next, n, coveredLines * LINE_BYTES, hash(source.key, coveredLines), coveredLines,
                after * LINE_BYTES, hash(source.key, after), after);
            for (int i = next; i < after; i++) {
                JournalEvents.append(writer, source.events[i]);
                spin(spinNs);
            }
            next = (int)after;
            coveredLines = after;
            return true;
        }

        private static void spin(final long ns) {
            final long until = System.nanoTime() + ns;
            while (ns > 0 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }

        private static void check(final boolean isTrue, final SourceProgress progress) {
            if (!isTrue) {
                throw new IllegalStateException("the ledger handed back an inconsistent progress: " + progress);
            }
        }
    }
}
