/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.privacy.PrivacyPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A journal for compaction tests: alice, bob and carol in {@code cycles} hourly cycles written with a manual clock
 * (January 2026, so all are before the wall clock's cycle), then one carol event in a last cycle so the others are
 * closed. alice is erased whole, bob in a range straddling blocks of cycle 1. {@link #expected} is the model:
 * every event written minus the erased ones, as sorted strings.
 */
final class CompactionJournal {
    static final int BLOCK_EVENTS = 256;
    static final long START_MS = 1_767_225_600_000L;
    static final long STEP_NS = 1_000_000L;

    final long alice;
    final long bob;
    final long carol;
    final long bobFromNs;
    final long bobToNs;
    final List<String> expected;
    /** The body (after the 56-byte header) of alice's first block: plaintext that must vanish. */
    final byte[] aliceBody;
    /** The body of bob's third block of cycle 1, wholly inside bob's erased range when eventsPerCycle is 1500. */
    final byte[] bobInsideBody;

    CompactionJournal(final Path dir, final int cycles, final int eventsPerCycle, final boolean isEncrypted) {
        final ManualClock clock = new ManualClock(START_MS);
        final PrivacyPolicy policy = PrivacyPolicy.defaults().encryption(isEncrypted);
        final List<String> model = new ArrayList<>();
        final EventBatch aliceFirst = new EventBatch(BLOCK_EVENTS);
        final EventBatch bobInside = new EventBatch(BLOCK_EVENTS);
        bobFromNs = (eventsPerCycle + eventsPerCycle / 3) * STEP_NS + STEP_NS / 2;
        bobToNs = bobFromNs + (BLOCK_EVENTS * 2L + 17) * STEP_NS;
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(BLOCK_EVENTS).clock(clock)
            .privacyPolicy(policy))) {
            alice = journal.devices().register("alice");
            bob = journal.devices().register("bob");
            carol = journal.devices().register("carol");
            try (JournalWriter writer = journal.newWriter()) {
                long ts = 0;
                for (int c = 0; c < cycles; c++) {
                    for (int i = 0; i < eventsPerCycle; i++, ts += STEP_NS) {
                        final long n = ts / STEP_NS;
                        final int x = (int)(n % 1920);
                        final int aliceY = (int)(n * n % 1009);
                        final int bobY = (int)(n * n % 997);
                        writer.move(alice, ts, x, aliceY, 0);
                        writer.move(bob, ts, 1919 - x, bobY, 0);
                        writer.move(carol, ts, x, 13, 0);
                        if (aliceFirst.size() < BLOCK_EVENTS) {
                            aliceFirst.addMove(ts, x, aliceY, 0);
                        }
                        if (n >= eventsPerCycle + 2L * BLOCK_EVENTS && n < eventsPerCycle + 3L * BLOCK_EVENTS) {
                            bobInside.addMove(ts, 1919 - x, bobY, 0);
                        }
                        if (ts < bobFromNs || ts >= bobToNs) {
                            model.add(bob + " " + ts + " " + (1919 - x) + " " + bobY);
                        }
                        model.add(carol + " " + ts + " " + x + " 13");
                    }
                    writer.flush();
                    clock.advance(3_600_000L);
                }
                writer.move(carol, ts, 1, 13, 0);
                model.add(carol + " " + ts + " 1 13");
            }
            journal.governance().erase("alice");
            journal.governance().erase("bob", bobFromNs, bobToNs);
        }
        final BlockEncoder encoder = new BlockEncoder(BLOCK_EVENTS);
        final int length = encoder.encode(alice, aliceFirst);
        aliceBody = Arrays.copyOfRange(encoder.blockBuffer(), 56, length);
        final int bobLength = encoder.encode(bob, bobInside);
        bobInsideBody = bobInside.size() == 0 ? null : Arrays.copyOfRange(encoder.blockBuffer(), 56, bobLength);
        model.sort(null);
        expected = model;
    }

    /** Every event readers return, as sorted "device ts x y" strings. */
    static List<String> events(final Journal journal) {
        final List<String> events = new ArrayList<>();
        for (final Map.Entry<Long, List<long[]>> device : JournalEvents.readAll(journal).entrySet()) {
            for (final long[] e : device.getValue()) {
                events.add(e[0] + " " + e[1] + " " + e[3] + " " + e[4]);
            }
        }
        events.sort(null);
        return events;
    }

    /** Cycle files, the index file, staging files and leftovers of compaction: where block bytes may lie. */
    static List<Path> blockFiles(final Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                final String rel = dir.relativize(p).toString();
                return rel.startsWith("queue") || rel.startsWith("staging") || rel.startsWith("compact-")
                    || rel.startsWith("index");
            }).collect(Collectors.toList());
        }
    }
}
