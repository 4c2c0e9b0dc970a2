/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.EventType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A journal whose events sit at both ends of the timestamps a writer accepts, 0 and {@code Long.MAX_VALUE}, and at
 * ordinary times between, over several devices and many small blocks: the journal every open-ended read (index,
 * reader, scan, export, sessions, the CLI) must return whole. Every event is a pointer event with a real position
 * (moves and button presses), so each is a row, a session event and a heatmap position alike.
 * <ul>
 *   <li>{@code edge-a}: 0, 0, six ordinary, then five at {@code Long.MAX_VALUE}: blocks of the last timestamp only;
 *       </li>
 *   <li>{@code edge-b}: nine at {@code Long.MAX_VALUE} and nothing else;</li>
 *   <li>{@code edge-c}: five at 0 and nothing else;</li>
 *   <li>{@code edge-d}: 0, ordinary and {@code Long.MAX_VALUE} out of order, mixed in the same blocks.</li>
 * </ul>
 * Blocks hold {@value #BLOCK_EVENTS} events and the sparse time index groups {@value #INDEX_SPACING} blocks, so
 * whole blocks and whole index groups lie at {@code Long.MAX_VALUE}.
 */
public final class EdgeTimeJournal {
    /** Events per block. */
    public static final int BLOCK_EVENTS = 4;
    /** Blocks per group of the sparse time index. */
    public static final int INDEX_SPACING = 2;
    /** An ordinary time: 2026-01-01T00:00Z, epoch ns. */
    public static final long ORDINARY_NS = 1_767_225_600_000_000_000L;
    /** The largest timestamp a writer accepts. */
    public static final long LAST_NS = Long.MAX_VALUE;
    /** The device keys, in the order their events are listed above. */
    public static final List<String> KEYS = List.of("edge-a", "edge-b", "edge-c", "edge-d");

    private final Map<String, List<Long>> timestamps = new LinkedHashMap<>();

    private EdgeTimeJournal() {
    }

    /**
     * Writes the journal (block size and index spacing as above) and closes it.
     *
     * @param dir an empty or missing directory.
     * @return what was appended.
     */
    public static EdgeTimeJournal write(final Path dir) {
        final EdgeTimeJournal model = new EdgeTimeJournal();
        final long o = ORDINARY_NS;
        final long m = LAST_NS;
        final List<List<Long>> plan = List.of(
            List.of(0L, 0L, o, o + 1_000, o + 2_000, o + 3_000, o + 4_000, o + 5_000, m, m, m, m, m),
            List.of(m, m, m, m, m, m, m, m, m),
            List.of(0L, 0L, 0L, 0L, 0L),
            List.of(m, 0L, o, m, 0L, o + 1_000, m));
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(BLOCK_EVENTS)
            .indexSpacing(INDEX_SPACING)); JournalWriter writer = journal.newWriter()) {
            final long[] ids = new long[KEYS.size()];
            for (int d = 0; d < ids.length; d++) {
                ids[d] = journal.devices().register(KEYS.get(d));
                model.timestamps.put(KEYS.get(d), new ArrayList<>());
            }
            // Round robin over the devices, so their blocks interleave in the journal.
            for (int i = 0; i < 13; i++) {
                for (int d = 0; d < ids.length; d++) {
                    if (i < plan.get(d).size()) {
                        final long ts = plan.get(d).get(i);
                        final EventType type = i % 3 == 2 ? EventType.BUTTON_DOWN : EventType.MOVE;
                        writer.append(ids[d], ts, type, 100 + i, 200 + d, 1, 0);
                        model.timestamps.get(KEYS.get(d)).add(ts);
                    }
                }
            }
        }
        return model;
    }

    /**
     * @return events appended in all.
     */
    public long events() {
        return timestamps.values().stream().mapToLong(List::size).sum();
    }

    /**
     * @param key a device key.
     * @return the timestamps appended for it, in append order.
     */
    public List<Long> timestampsOf(final String key) {
        return Collections.unmodifiableList(timestamps.get(key));
    }

    /**
     * @param timestampNs a timestamp.
     * @return events appended at exactly that timestamp, all devices.
     */
    public long eventsAt(final long timestampNs) {
        return timestamps.values().stream().flatMap(List::stream).filter(ts -> ts == timestampNs).count();
    }

    /**
     * @param fromNs a timestamp.
     * @return events appended at or after it, all devices.
     */
    public long eventsFrom(final long fromNs) {
        return timestamps.values().stream().flatMap(List::stream).filter(ts -> ts >= fromNs).count();
    }
}
