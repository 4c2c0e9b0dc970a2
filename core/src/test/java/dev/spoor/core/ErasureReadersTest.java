/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.Erasure;
import dev.spoor.core.governance.ErasureReport;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.core.recovery.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Erasure through erasures.spoor on journals with encryption off (the default) and on: every core reader kind
 * (readBlocks, plan + read, readRange, readAll, a tailer created before the erasure, stats, verify) returns none
 * of the erased events and every other event exactly as the model has it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ErasureReadersTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void aWholeDeviceErasureHidesItFromEveryReaderAndKeepsTheOthersExact(final boolean isEncrypted) {
        try (Journal journal = Journal.open(dir, config(isEncrypted))) {
            final List<String> model = ErasureEvents.write(journal, "alice", "bob", "carol");
            final long alice = journal.devices().lookup("alice");
            try (JournalTailer tailer = journal.newTailer(); JournalReader reader = journal.newReader()) {
                assertEquals(ErasureEvents.sorted(model), everyReader(journal, reader, tailer).get(0), "before");
                final JournalTailer fresh = journal.newTailer();
                final ErasureReport report = journal.governance().erase("alice");
                assertTrue(report.erasure().isWholeDevice());
                assertEquals(8, report.blocksWhole(), report.toString());
                assertEquals(ErasureEvents.PER_DEVICE, report.eventsWhole());
                assertEquals(isEncrypted ? 1 : 0, report.keysDestroyed());

                final List<String> expected = ErasureEvents.sorted(without(model, alice, Long.MIN_VALUE,
                    Long.MAX_VALUE));
                for (final List<String> seen : everyReader(journal, reader, fresh)) {
                    assertEquals(expected, seen);
                }
                fresh.close();
                assertTrue(reader.erasedBlocksSkipped() >= 8, "from the index: " + reader.erasedBlocksSkipped());
                final JournalStats stats = journal.stats();
                assertEquals(2L * ErasureEvents.PER_DEVICE, stats.events(), stats.toString());
                assertEquals(2, stats.devices(), stats.toString());
                final VerifyReport verify = journal.verify();
                assertTrue(verify.isClean(), verify.toString());
                assertEquals(2L * ErasureEvents.PER_DEVICE, verify.events());
                assertEquals(8, verify.erasedBlocks());
            }
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void aRangeErasureStraddlingBlocksKeepsEveryEventOutsideExact(final boolean isEncrypted) {
        try (Journal journal = Journal.open(dir, config(isEncrypted))) {
            final List<String> model = ErasureEvents.write(journal, "alice", "bob", "carol");
            final long bob = journal.devices().lookup("bob");
            // Blocks of 256 events, 1 ms apart: 300 ms and 1,500 ms fall inside blocks 1 and 5.
            final long from = 300 * ErasureEvents.TICK_NS;
            final long to = 1_500 * ErasureEvents.TICK_NS;
            try (JournalTailer tailer = journal.newTailer(); JournalReader reader = journal.newReader()) {
                final ErasureReport report = journal.governance().erase("bob", from, to);
                assertEquals(3, report.blocksWhole(), report.toString());
                assertEquals(2, report.blocksPartly(), report.toString());
                assertEquals(0, report.keysDestroyed(), "keys go only with the whole device");
                final List<String> expected = ErasureEvents.sorted(without(model, bob, from, to));
                assertEquals(3L * ErasureEvents.PER_DEVICE - 1_200, expected.size());
                for (final List<String> seen : everyReader(journal, reader, tailer)) {
                    assertEquals(expected, seen);
                }
                assertEquals(3L * ErasureEvents.PER_DEVICE - 3 * 256, journal.stats().events(),
                    "stats leave out whole blocks only");
                final VerifyReport verify = journal.verify();
                assertTrue(verify.isClean(), verify.toString());
                assertEquals(3L * ErasureEvents.PER_DEVICE - 1_200, verify.events());
                assertEquals(3, verify.erasedBlocks());
                assertTrue(tailer.eventsErased() > 0, "the tailer re-encoded the straddling blocks");
            }
        }
    }

    @Test
    void aReadOnlyOpenBesideTheWriterMayEraseAndTheWriterSeesIt() {
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(256))) {
            final List<String> model = ErasureEvents.write(journal, "alice", "bob");
            try (Journal readOnly = Journal.openReadOnly(dir)) {
                readOnly.governance().erase("bob", 0, 100 * ErasureEvents.TICK_NS);
                assertThrows(IllegalArgumentException.class, () -> readOnly.governance().erase("nobody"));
            }
            final long bob = journal.devices().lookup("bob");
            try (JournalReader reader = journal.newReader()) {
                final ErasureEvents.Collector all = new ErasureEvents.Collector();
                reader.readAll(all);
                assertEquals(ErasureEvents.sorted(without(model, bob, 0, 100 * ErasureEvents.TICK_NS)), all.sorted());
            }
            assertEquals(1, journal.erasures().records().size());
        }
    }

    private static JournalConfig config(final boolean isEncrypted) {
        return new JournalConfig().blockEvents(256).privacyPolicy(PrivacyPolicy.defaults().encryption(isEncrypted));
    }

    static List<String> without(final List<String> model, final long device, final long fromNs, final long toNs) {
        final Erasure erasure = new Erasure(device, fromNs, toNs, 0);
        final String prefix = Long.toHexString(device) + " ";
        final Predicate<String> isErased = line -> line.startsWith(prefix)
            && erasure.overlaps(ts(line), ts(line));
        return model.stream().filter(isErased.negate()).collect(Collectors.toList());
    }

    private static long ts(final String line) {
        final int at = line.indexOf("ts=") + 3;
        return Long.parseLong(line.substring(at, line.indexOf(' ', at)));
    }

    /** readBlocks, plan + read, readRange, readAll, and the tailer's poll: each one's events, sorted. */
    private static List<List<String>> everyReader(final Journal journal, final JournalReader reader,
        final JournalTailer tailer) {
        final ErasureEvents.Collector blocks = new ErasureEvents.Collector();
        reader.readBlocks(null, Long.MIN_VALUE, Long.MAX_VALUE, blocks);
        final ErasureEvents.Collector planned = new ErasureEvents.Collector();
        final BlockPlan plan = new BlockPlan();
        reader.plan(null, Long.MIN_VALUE, Long.MAX_VALUE, -1, plan);
        for (int i = 0; i < plan.size(); i++) {
            reader.read(plan, i, planned);
        }
        final ErasureEvents.Collector range = new ErasureEvents.Collector();
        reader.readRange(Long.MIN_VALUE, Long.MAX_VALUE, range);
        final ErasureEvents.Collector all = new ErasureEvents.Collector();
        reader.readAll(all);
        final ErasureEvents.Collector tailed = new ErasureEvents.Collector();
        while (tailer.poll(tailed, 100) > 0) {
            continue;
        }
        return List.of(blocks.sorted(), planned.sorted(), range.sorted(), all.sorted(), tailed.sorted());
    }
}
