/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.governance.AuditEntry;
import dev.spoor.core.governance.CompactionReport;
import dev.spoor.core.governance.Governance;
import dev.spoor.core.index.IndexFile;
import dev.spoor.core.internal.LockFiles;
import dev.spoor.core.recovery.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Online compaction: erased blocks and erased events are physically gone from every file that holds blocks,
 * every other event is returned exactly, queue positions of kept blocks are unchanged, a reader opened before
 * compaction keeps returning the same events, and the run is audited.
 */
class CompactionTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void compactionLeavesNoErasedBytesAndKeepsEveryOtherEventAndPosition(final boolean isEncrypted)
        throws Exception {
        final CompactionJournal journal = new CompactionJournal(dir, 3, 1_500, isEncrypted);
        final byte[] aliceId = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(journal.alice).array();
        assertNotNull(journal.bobInsideBody);
        assertTrue(isEncrypted || onDisk(journal.aliceBody), "before compaction alice's plaintext is on disk");
        assertTrue(onDisk(aliceId), "before compaction alice's device id is in block headers");
        try (Journal reader = Journal.openReadOnly(dir)) {
            assertEquals(journal.expected, CompactionJournal.events(reader));
            final TreeMap<Long, Long> before = positions(reader);
            final CompactionReport report = Governance.compact(dir);
            assertEquals(3, report.cyclesRewritten(), report.toString());
            assertEquals(2, report.blocksReencoded(), report.toString());
            assertTrue(report.blocksRemoved() >= 3 * 6 + 2, report.toString());
            assertEquals("with no writer", report.mode(), "no writer had the journal");
            assertEquals(journal.expected, CompactionJournal.events(reader), "a reader opened before compaction");
            Thread.sleep(150); // the reader notices compaction.spoor within 100 ms and rebuilds its index
            final TreeMap<Long, Long> after = positions(reader);
            before.values().removeIf(device -> device == journal.alice);
            before.keySet().retainAll(after.keySet());
            assertEquals(before, after.subMap(after.firstKey(), true, before.lastKey(), true),
                "kept blocks keep their queue positions");
            final VerifyReport verify = reader.verify();
            assertTrue(verify.isClean(), verify.toString());
        }
        assertTrue(!onDisk(journal.aliceBody), "alice's plaintext is gone");
        assertTrue(!onDisk(journal.bobInsideBody), "bob's erased block is gone");
        assertTrue(!onDisk(aliceId), "alice's device id is in no block header, index or staging file");
        try (Journal fresh = Journal.openReadOnly(dir)) {
            final VerifyReport verify = fresh.verify();
            assertTrue(verify.isClean(), verify.toString());
            assertEquals(0, verify.erasedBlocks(), verify.toString());
            assertEquals(journal.expected.size(), verify.events());
            assertEquals(journal.expected, CompactionJournal.events(fresh));
            final List<AuditEntry> audit = fresh.governance().auditLog();
            final AuditEntry last = audit.get(audit.size() - 1);
            assertEquals("compact", last.action());
            assertTrue(last.details().contains("2 blocks re-encoded"), last.details());
        }
        assertEquals(0, Governance.compact(dir).cyclesRewritten(), "a second run finds nothing to remove");
    }

    @Test
    void aWriterAliveThroughACompactionLeavesNoIndexFileBehind() throws Exception {
        new CompactionJournal(dir, 3, 1_500, false);
        final Path indexFile = dir.resolve(IndexFile.FILE_NAME);
        final ManualClock clock = new ManualClock(CompactionJournal.START_MS + 3 * 3_600_000L);
        try (Journal writer = Journal.open(dir, new JournalConfig().blockEvents(CompactionJournal.BLOCK_EVENTS)
            .clock(clock))) {
            // It may have the cycle files mapped as they were, so what it indexed must not outlive it.
            assertTrue(Governance.compact(dir).cyclesRewritten() > 0);
            assertEquals(0, writer.writeIndex(), "a journal open through a compaction writes no index file");
        }
        assertTrue(!Files.exists(indexFile), "nor on close");
        try (Journal fresh = Journal.open(dir, new JournalConfig().blockEvents(CompactionJournal.BLOCK_EVENTS)
            .clock(clock))) {
            assertTrue(fresh.verify().isClean(), fresh.verify().toString());
            assertTrue(fresh.writeIndex() > 0, "a journal opened after it writes the rebuilt index");
        }
        assertTrue(Files.exists(indexFile));
    }

    /**
     * An erased range inside one block's time range: the first compaction re-encodes the block without it; the
     * block's range still spans the erased one, yet a second compaction finds nothing erased in it and rewrites
     * nothing (it used to decode and rewrite the cycle on every run).
     */
    @Test
    void aBlockReencodedAroundAnErasedRangeIsNotRewrittenAgain() {
        final ManualClock clock = new ManualClock(CompactionJournal.START_MS);
        final long t0 = CompactionJournal.START_MS * 1_000_000L;
        try (Journal journal = Journal.open(dir, new JournalConfig().clock(clock))) {
            final long alice = journal.devices().register("alice");
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < 100; i++) {
                    writer.move(alice, t0 + i * 1_000_000L, i, i, 0);
                }
            }
            journal.governance().erase("alice", t0 + 40_000_000L, t0 + 60_000_000L);
        }
        final CompactionReport first = Governance.compact(dir, CompactionJournal.START_MS + 5);
        assertEquals(1, first.cyclesRewritten(), Governance.describe(first));
        assertEquals(1, first.blocksReencoded(), Governance.describe(first));
        final CompactionReport second = Governance.compact(dir, CompactionJournal.START_MS + 5);
        assertEquals(0, second.cyclesRewritten(), Governance.describe(second));
        assertEquals(0, second.blocksReencoded(), Governance.describe(second));
        try (Journal fresh = Journal.openReadOnly(dir)) {
            assertEquals(80, fresh.verify().events());
        }
    }

    @Test
    void whileAWriterHasTheJournalTheLastCycleAndTheCurrentOneAreLeftAlone() throws Exception {
        final CompactionJournal journal = new CompactionJournal(dir, 2, 600, false);
        final long lastCycleStartMs = CompactionJournal.START_MS + 2 * 3_600_000L;
        try (Journal writer = Journal.open(dir, new JournalConfig().blockEvents(CompactionJournal.BLOCK_EVENTS)
            .clock(new ManualClock(lastCycleStartMs)))) {
            compactBesideAWriter(writer, lastCycleStartMs);
        }
        try (Journal fresh = Journal.openReadOnly(dir)) {
            assertEquals(journal.expected, CompactionJournal.events(fresh));
        }
    }

    @Test
    void withNoWriterTheCurrentCycleAndTheLastFileAreRewrittenAndTakeAppendsAfter() throws Exception {
        final ManualClock clock = new ManualClock(CompactionJournal.START_MS);
        final JournalConfig config = new JournalConfig().blockEvents(CompactionJournal.BLOCK_EVENTS).clock(clock);
        final EventBatch aliceFirst = new EventBatch(CompactionJournal.BLOCK_EVENTS);
        final TreeMap<Long, Long> before;
        try (Journal journal = Journal.open(dir, config)) {
            writeOneCycle(journal, 0, 1_000, aliceFirst);
            journal.governance().erase("alice");
            before = positions(journal);
        }
        final byte[] aliceBody = body(aliceFirst);
        assertTrue(onDisk(aliceBody), "one cycle file, the last and (by this clock) the current one, holds alice");

        final CompactionReport report = Governance.compact(dir, CompactionJournal.START_MS + 5);
        assertEquals(1, report.cyclesRewritten(), Governance.describe(report));
        assertEquals(0, report.cyclesLeftOpen(), Governance.describe(report));
        assertEquals("with no writer", report.mode());
        assertTrue(!onDisk(aliceBody), "alice's bytes are gone from the last file too");
        try (LockFiles.Held writerLock = LockFiles.tryHold(dir.resolve(Journal.LOCK_FILE_NAME))) {
            assertNotNull(writerLock, "compaction let the writer's lock go");
        }

        try (Journal journal = Journal.open(dir, config)) {
            final TreeMap<Long, Long> after = positions(journal);
            before.values().removeIf(device -> device == journal.devices().lookup("alice"));
            assertEquals(before, after, "bob's blocks keep their queue positions");
            writeOneCycle(journal, 1_000, 500, new EventBatch(CompactionJournal.BLOCK_EVENTS));
        }
        try (Journal fresh = Journal.openReadOnly(dir)) {
            final VerifyReport verify = fresh.verify();
            assertTrue(verify.isClean(), verify.toString());
            final List<String> events = CompactionJournal.events(fresh);
            assertEquals(1_500, events.size(), "bob's first 1,000 and the 500 appended to the rewritten file");
            assertTrue(events.stream().allMatch(e -> e.startsWith(Long.toString(fresh.devices().lookup("bob")))),
                "alice's later events are erased too");
        }
        assertEquals(0, Governance.compact(dir, CompactionJournal.START_MS + 5).cyclesRewritten(),
            "alice's later events were never stored: the writer drops what an erasure covers");
        assertTrue(!onDisk(aliceBody));
    }

    /** alice and bob, {@code count} events each from event {@code from}, in the clock's cycle. */
    private static void writeOneCycle(final Journal journal, final int from, final int count,
        final EventBatch aliceFirst) {
        final long alice = journal.devices().register("alice");
        final long bob = journal.devices().register("bob");
        try (JournalWriter writer = journal.newWriter()) {
            for (int i = from; i < from + count; i++) {
                final long ts = i * CompactionJournal.STEP_NS;
                writer.move(alice, ts, i % 1920, i % 1080, 0);
                writer.move(bob, ts, 1919 - i % 1920, i % 1080, 0);
                if (aliceFirst.size() < CompactionJournal.BLOCK_EVENTS) {
                    aliceFirst.addMove(ts, i % 1920, i % 1080, 0);
                }
            }
        }
    }

    /** A block's body after its header, encoded as the journal encodes it. */
    private static byte[] body(final EventBatch batch) {
        final BlockEncoder encoder = new BlockEncoder(CompactionJournal.BLOCK_EVENTS);
        final int length = encoder.encode(1L, batch);
        return Arrays.copyOfRange(encoder.blockBuffer(), BlockLayout.HEADER_LENGTH, length);
    }

    /** The compactions of a writer's lifetime: its cycle and the last file stay, closed cycles go. */
    private static void compactBesideAWriter(final Journal writer, final long lastCycleStartMs) {
        final Path dir = writer.directory();
        final CompactionReport first = Governance.compact(dir, CompactionJournal.START_MS + 5);
        assertEquals(0, first.cyclesRewritten(), "cycle 0 is the current one by this clock");
        assertEquals(2, first.cyclesLeftOpen(), "cycles 0 and 1 hold erased data (cycle 2 only carol's last event);"
            + " none is closed yet");
        assertTrue(Governance.describe(first).contains("2 open cycles (the current one, or the last file"),
            Governance.describe(first));
        final CompactionReport second = Governance.compact(dir, CompactionJournal.START_MS + 3_600_000L + 5);
        assertEquals(1, second.cyclesRewritten(), "cycle 1 is current: only cycle 0");
        assertEquals(1, second.cyclesLeftOpen());
        final CompactionReport report = Governance.compact(dir, lastCycleStartMs + 3_600_000L * 5);
        assertEquals(1, report.cyclesRewritten(), "cycle 1 now; cycle 2, the last file, a writer may still append to");
        assertEquals(0, report.cyclesLeftOpen());
        assertTrue(!Governance.describe(report).contains("open cycle"), Governance.describe(report));
    }

    @Test
    void aTailerHalfwayThroughResumesAfterCompactionWithoutLossOrRepeat() throws Exception {
        final CompactionJournal journal = new CompactionJournal(dir, 3, 1_500, false);
        final List<String> events = new ArrayList<>();
        final List<Long> positions = new ArrayList<>();
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(CompactionJournal.BLOCK_EVENTS);
        final BlockHandler collect = (index, device, buffer, offset, length) -> {
            positions.add(index);
            decoder.decode(buffer, offset, length, batch);
            for (int i = 0; i < batch.size(); i++) {
                final long[] e = JournalEvents.fields(device, batch, i);
                events.add(e[0] + " " + e[1] + " " + e[3] + " " + e[4]);
            }
            return true;
        };
        try (Journal reader = Journal.openReadOnly(dir); JournalTailer tailer = reader.newTailer()) {
            assertEquals(25, tailer.poll(collect, 25));
            assertEquals(3, Governance.compact(dir).cyclesRewritten(), "every cycle, the tailer's (1) too");
            Thread.sleep(150);
            while (tailer.poll(collect, 100) > 0) {
                continue;
            }
        }
        for (int i = 1; i < positions.size(); i++) {
            assertTrue(positions.get(i) > positions.get(i - 1), "positions go forward: " + positions);
        }
        events.sort(null);
        assertEquals(journal.expected, events);
    }

    private boolean onDisk(final byte[] bytes) throws Exception {
        for (final Path file : CompactionJournal.blockFiles(dir)) {
            if (JournalFiles.indexOf(Files.readAllBytes(file), bytes) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Queue position to device of every block a tailer from the start delivers. */
    private static TreeMap<Long, Long> positions(final Journal journal) {
        final TreeMap<Long, Long> positions = new TreeMap<>();
        try (JournalTailer tailer = journal.newTailer()) {
            while (tailer.poll((index, device, buffer, offset, length) -> {
                positions.put(index, device);
                return true;
            }, 1_000) > 0) {
                continue;
            }
        }
        return positions;
    }
}
