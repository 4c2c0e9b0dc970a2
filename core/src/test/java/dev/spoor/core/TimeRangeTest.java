/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.governance.Erasure;
import dev.spoor.core.governance.Erasures;
import dev.spoor.core.index.BlockIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The range rule of every read ({@link TimeRange}): a {@code toNs} of {@code Long.MAX_VALUE} has no end, so the
 * index and the reader hand out the blocks at the largest timestamp a writer accepts, and an event at 0 is reached
 * from an open start, over a journal with events at 0, ordinary times and {@code Long.MAX_VALUE}
 * ({@link EdgeTimeJournal}).
 */
@Timeout(60)
class TimeRangeTest {
    private static final long MAX = Long.MAX_VALUE;

    @TempDir
    Path dir;

    private EdgeTimeJournal model;

    @BeforeEach
    void write() {
        model = EdgeTimeJournal.write(dir);
    }

    @Test
    void openEndedReadsHandOutEveryStoredEvent() {
        try (Journal journal = open(); JournalReader reader = journal.newReader()) {
            final JournalStats stats = journal.stats();
            assertEquals(model.events(), stats.events());
            assertEquals(0, stats.minTimestampNs());
            assertEquals(MAX, stats.maxTimestampNs());
            assertTrue(blocksAt(journal.index(), MAX) >= 4, "the journal needs blocks of only Long.MAX_VALUE");
            final long[] all = journal.index().devices();
            for (final long from : new long[] {Long.MIN_VALUE, 0}) {
                final String range = "[" + from + ", no end)";
                assertEquals(stats.events(), events(b -> reader.readBlocks(null, from, MAX, b)), range);
                assertEquals(stats.events(), events(b -> reader.readBlocks(all, from, MAX, b)), range);
                assertEquals(stats.events(), events(b -> reader.readRange(from, MAX, b)), range);
                final BlockPlan plan = new BlockPlan();
                reader.plan(null, from, MAX, -1, plan);
                long planned = 0;
                for (int i = 0; i < plan.size(); i++) {
                    planned += plan.eventCount(i);
                }
                assertEquals(stats.events(), planned, range + " planned");
            }
        }
    }

    @Test
    void aRangeFromTheLastTimestampHoldsExactlyTheBlocksThatReachIt() {
        try (Journal journal = open(); JournalReader reader = journal.newReader()) {
            final BlockIndex index = journal.index();
            final TreeSet<Long> reaching = new TreeSet<>();
            for (int i = 0; i < index.size(); i++) {
                if (index.maxTimestampNs(i) == MAX) {
                    reaching.add(index.queueIndex(i));
                }
            }
            final TreeSet<Long> byDevice = new TreeSet<>();
            reader.readBlocks(null, MAX, MAX, (q, device, buffer, offset, length) -> byDevice.add(q));
            assertEquals(reaching, byDevice, "readBlocks [MAX, no end)");
            final TreeSet<Long> byRange = new TreeSet<>();
            reader.readRange(MAX, MAX, (q, device, buffer, offset, length) -> byRange.add(q));
            assertEquals(reaching, byRange, "readRange [MAX, no end)");
            final List<Integer> visited = new ArrayList<>();
            index.forRange(MAX, MAX, visited::add);
            assertEquals(reaching.size(), visited.size(), "forRange");
            final long onlyLast = journal.devices().lookup("edge-b");
            assertTrue(!index.forDevice(onlyLast, MAX, MAX, position -> false), "forDevice reaches edge-b's blocks");
            // An end below Long.MAX_VALUE stays exclusive: [0, 1) holds the blocks at 0 and nothing at MAX only.
            final TreeSet<Long> atZero = new TreeSet<>();
            reader.readBlocks(null, 0, 1, (q, device, buffer, offset, length) -> atZero.add(q));
            for (int i = 0; i < index.size(); i++) {
                assertEquals(index.minTimestampNs(i) == 0, atZero.contains(index.queueIndex(i)), "block " + i);
            }
        }
    }

    @Test
    void erasureRecordsMeetARangeOfTheLastTimestamp() {
        final Erasure fromFive = new Erasure(7, 5, MAX, 0);
        final Erasures erasures = new Erasures(List.of(fromFive));
        assertEquals(List.of(fromFive), erasures.recordsOverlapping(MAX, MAX), "[MAX, no end) holds MAX");
        assertEquals(List.of(fromFive), erasures.recordsOverlapping(Long.MIN_VALUE, MAX));
        assertEquals(List.of(), erasures.recordsOverlapping(0, 5), "an end below MAX stays exclusive");
        assertEquals(List.of(), erasures.recordsOverlapping(5, 5), "an empty range meets nothing");
        assertTrue(TimeRange.contains(MAX, MAX, MAX) && TimeRange.contains(Long.MIN_VALUE, MAX, 0));
        assertTrue(!TimeRange.contains(0, MAX - 1, MAX - 1) && TimeRange.contains(0, MAX - 1, MAX - 2));
        assertTrue(TimeRange.isEmpty(5, 5) && !TimeRange.isEmpty(MAX, MAX) && TimeRange.isEmpty(MAX, MAX - 1));
        assertTrue(TimeRange.overlaps(MAX, MAX, 0, MAX) && !TimeRange.overlaps(6, 5, 0, MAX));
        assertTrue(TimeRange.overlaps(Long.MIN_VALUE, 1, 0, 0) && !TimeRange.overlaps(Long.MIN_VALUE, 0, 0, 0));
    }

    private Journal open() {
        return Journal.open(dir, new JournalConfig().blockEvents(EdgeTimeJournal.BLOCK_EVENTS)
            .indexSpacing(EdgeTimeJournal.INDEX_SPACING));
    }

    private static int blocksAt(final BlockIndex index, final long timestampNs) {
        int n = 0;
        for (int i = 0; i < index.size(); i++) {
            n += index.minTimestampNs(i) == timestampNs && index.maxTimestampNs(i) == timestampNs ? 1 : 0;
        }
        return n;
    }

    /** Events in the blocks a read hands over, decoded. */
    private static long events(final Read read) {
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
        final long[] events = {0};
        read.run((q, device, buffer, offset, length) -> {
            decoder.decode(buffer, offset, length, batch);
            events[0] += batch.size();
            return true;
        });
        return events[0];
    }

    /** One of the reader's reads. */
    @FunctionalInterface
    private interface Read {
        int run(BlockHandler handler);
    }
}
