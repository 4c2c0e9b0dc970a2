/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.internal.QueueStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A journal of several hourly roll cycles, two devices, written for the damaged-file tests; remembers which
 * events each block (queue index) holds, so a test can say exactly which events a damaged file still holds.
 */
public final class DamagedJournal {
    public static final int BLOCK_EVENTS = 256;
    static final long START_MS = 1_767_225_600_000L;

    /** Queue index to the "device ts x y" events of its block, in queue order. */
    public final TreeMap<Long, List<String>> blocks = new TreeMap<>();
    /** Queue index to {ordinal of its cycle file, its sequence in the cycle}. */
    public final TreeMap<Long, long[]> places = new TreeMap<>();
    final int cycles;

    public DamagedJournal(final Path dir, final int cycles, final int eventsPerCycle) {
        this.cycles = cycles;
        final ManualClock clock = new ManualClock(START_MS);
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(BLOCK_EVENTS).clock(clock))) {
            final long alice = journal.devices().register("alice");
            final long bob = journal.devices().register("bob");
            try (JournalWriter writer = journal.newWriter()) {
                long ts = 0;
                for (int c = 0; c < cycles; c++) {
                    for (int i = 0; i < eventsPerCycle; i++, ts += 1_000_000L) {
                        final int x = (int)(ts / 1_000_000L % 1920);
                        writer.move(alice, ts, x, i % 1009, 0);
                        if (i % 3 == 0) {
                            writer.move(bob, ts, 1919 - x, i % 997, 0);
                        }
                    }
                    writer.flush();
                    clock.advance(3_600_000L);
                }
            }
            final QueueStore queue = JournalInternals.of(journal).queue();
            try (QueueStore.Cursor cursor = queue.cursor().after(-1)) {
                final List<Integer> seen = new ArrayList<>();
                while (cursor.next()) {
                    blocks.put(cursor.index(), new ArrayList<>());
                    final int cycle = queue.cycleOf(cursor.index());
                    if (!seen.contains(cycle)) {
                        seen.add(cycle);
                    }
                    places.put(cursor.index(), new long[] {seen.indexOf(cycle),
                        cursor.index() - queue.firstIndexOf(cycle)});
                }
            }
            final BlockDecoder decoder = new BlockDecoder();
            final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
            try (JournalReader reader = journal.newReader()) {
                reader.readAll((queueIndex, deviceId, buffer, offset, length) -> {
                    decoder.decode(buffer, offset, length, batch);
                    for (int i = 0; i < batch.size(); i++) {
                        blocks.get(queueIndex).add(deviceId + " " + batch.timestampNs(i) + " " + batch.x(i) + " "
                            + batch.y(i));
                    }
                    return true;
                });
            }
        }
    }

    /** @return every event, sorted. */
    public List<String> all() {
        return sorted(blocks.keySet().stream().toList());
    }

    /** @return the events of the given blocks, sorted. */
    public List<String> sorted(final List<Long> queueIndexes) {
        final List<String> events = new ArrayList<>();
        for (final long index : queueIndexes) {
            events.addAll(blocks.get(index));
        }
        events.sort(null);
        return events;
    }

    /** Every event readers return, as sorted "device ts x y" strings. */
    static List<String> events(final Journal journal) {
        return CompactionJournal.events(journal);
    }
}
