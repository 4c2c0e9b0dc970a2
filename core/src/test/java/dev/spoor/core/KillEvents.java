/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.Erasure;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of the kill tests: event i of a journal is a pointer move of device {@code "dev-" + (i % devices)} at
 * {@code START_NS + i * STEP_NS} (every device's events in time order), so a parent recomputes exactly what its
 * child appended from a count alone. Events compare as "deviceId ts x y" strings, sorted
 * ({@link CompactionJournal#events(Journal)} reads a journal the same way).
 */
final class KillEvents {
    /** 2026-01-01T00:00:00Z. */
    static final long START_MS = 1_767_225_600_000L;
    static final long START_NS = START_MS * 1_000_000L;
    static final long STEP_NS = 1_000_000L;

    private KillEvents() {
    }

    /** Registers (or looks up, on a read-only journal) the devices' keys; returns their ids. */
    static long[] devices(final Journal journal, final int devices) {
        final long[] ids = new long[devices];
        for (int d = 0; d < devices; d++) {
            ids[d] = journal.isReadOnly() ? journal.devices().lookup(key(d)) : journal.devices().register(key(d));
        }
        return ids;
    }

    static String key(final int device) {
        return "dev-" + device;
    }

    static long timestampNs(final long i) {
        return START_NS + i * STEP_NS;
    }

    static void append(final JournalWriter writer, final long[] ids, final long i) {
        writer.move(ids[(int)(i % ids.length)], timestampNs(i), (int)(i % 1920), (int)(i * i % 1009), 0);
    }

    static String event(final long[] ids, final long i) {
        return ids[(int)(i % ids.length)] + " " + timestampNs(i) + " " + i % 1920 + " " + i * i % 1009;
    }

    /**
     * @param ids      the devices.
     * @param from     first event.
     * @param to       end (exclusive).
     * @param erasures events these cover are left out.
     * @return events [from, to) not erased, sorted as {@link CompactionJournal#events(Journal)} returns them.
     */
    static List<String> expected(final long[] ids, final long from, final long to, final List<Erasure> erasures) {
        final List<String> events = new ArrayList<>();
        for (long i = from; i < to; i++) {
            final long device = ids[(int)(i % ids.length)];
            final long ts = timestampNs(i);
            if (erasures.stream().noneMatch(e -> e.deviceId() == device && e.overlaps(ts, ts))) {
                events.add(event(ids, i));
            }
        }
        events.sort(null);
        return events;
    }
}
