/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockHeaderFlyweight;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.governance.Governance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JournalConfig#blockFormatVersion(int)}: a process seals blocks in the version it is set to, a journal may
 * hold every version at once and reads them all, and a block rewritten to drop erased events (for a reader, and by
 * compaction) keeps its version.
 */
class BlockFormatVersionTest {
    private static final int BLOCK_EVENTS = 64;
    private static final long START_MS = 1_767_225_600_000L;
    private static final long STEP_NS = 1_000_000L;

    @TempDir
    Path dir;
    /** The devices' pseudonymous ids: one with whole-pixel moves, one with sub-pixel moves. */
    private long whole;
    private long fractional;

    @Test
    void eachProcessSealsInItsVersionAndEveryVersionIsRead() {
        final ManualClock clock = new ManualClock(START_MS);
        append(clock, BlockLayout.VERSION_SUBPIXEL, 0);
        append(clock, BlockLayout.VERSION, 100);
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals(List.of(1, 1, 3, 3), versions(journal, whole), "whole pixels: version 1, then 3");
            assertEquals(List.of(2, 2, 3, 3), versions(journal, fractional), "sub-pixel: version 2, then 3");
            assertTrue(journal.verify().isClean(), journal.verify().toString());
            assertEquals(400, journal.verify().events());
            final Map<Long, List<long[]>> events = JournalEvents.readAll(journal);
            for (int i = 0; i < 200; i++) {
                final long[] event = events.get(whole).get(i);
                assertEquals(i * STEP_NS, event[1], "whole pixels, event " + i);
                assertEquals(i, event[3], "x of event " + i);
                assertEquals(-2 * i, event[4], "y of event " + i);
            }
        }
    }

    @Test
    void aBlockRewrittenWithoutErasedEventsKeepsItsVersion() {
        final ManualClock clock = new ManualClock(START_MS);
        append(clock, BlockLayout.VERSION_SUBPIXEL, 0);
        clock.advance(2 * 3_600_000L);
        append(clock, BlockLayout.VERSION, 100); // a later cycle, so compaction may rewrite the first
        try (Journal journal = Journal.open(dir, config(clock, BlockLayout.VERSION))) {
            // Inside the first block of each device: it must be decoded, filtered and encoded again.
            journal.governance().erase("whole", 10 * STEP_NS, 20 * STEP_NS);
            journal.governance().erase("fractional", 10 * STEP_NS, 20 * STEP_NS);
            assertEquals(List.of(1, 1, 3, 3), versions(journal, whole), "a reader's rewritten block");
            assertEquals(List.of(2, 2, 3, 3), versions(journal, fractional), "a reader's rewritten block");
        }
        assertEquals(1, Governance.compact(dir, START_MS + 5 * 3_600_000L).cyclesRewritten());
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals(List.of(1, 1, 3, 3), versions(journal, whole), "after compaction");
            assertEquals(List.of(2, 2, 3, 3), versions(journal, fractional), "after compaction");
            assertEquals(400 - 2 * 10, journal.verify().events());
        }
    }

    @Test
    void refusesVersionsItCannotWrite() {
        for (final int version : new int[] {0, 1, 4}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JournalConfig().blockFormatVersion(version).conclude());
            assertTrue(e.getMessage().contains("blockFormatVersion=" + version + " must be 2 or 3"), e.getMessage());
        }
    }

    /** 100 events of each device from event {@code first} on, by a process set to {@code version}. */
    private void append(final ManualClock clock, final int version, final int first) {
        try (Journal journal = Journal.open(dir, config(clock, version))) {
            whole = journal.devices().register("whole");
            fractional = journal.devices().register("fractional");
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = first; i < first + 100; i++) {
                    writer.move(whole, i * STEP_NS, i, -2 * i, 0);
                    writer.appendSubPixel(fractional, i * STEP_NS, EventType.MOVE, SubPixel.ofPixels(i + 0.5),
                        SubPixel.ofPixels(3.25 - i), 0, 0);
                }
            }
        }
    }

    private static JournalConfig config(final ManualClock clock, final int version) {
        return new JournalConfig().blockEvents(BLOCK_EVENTS).clock(clock).blockFormatVersion(version);
    }

    /** The format version of each block of a device, in queue order. */
    private static List<Integer> versions(final Journal journal, final long device) {
        final List<Integer> versions = new ArrayList<>();
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight();
        try (JournalReader reader = journal.newReader()) {
            reader.readAll((index, blockDevice, buffer, offset, length) -> {
                if (blockDevice == device) {
                    versions.add(header.wrap(buffer, offset, length).version());
                }
                return true;
            });
        }
        return versions;
    }
}
