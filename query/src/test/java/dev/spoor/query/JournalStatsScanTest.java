/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalStats;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Journal#stats()}, from the index alone, agrees with a full scan of seeded journals. */
class JournalStatsScanTest {
    @TempDir
    Path dir;

    @Test
    void statsEqualAFullScansCounts() throws Exception {
        final long baseSeed = Long.getLong("spoor.seed", 0x57A7L);
        for (int j = 0; j < 6; j++) {
            final long seed = baseSeed + j;
            final Random random = new Random(seed);
            final Path journalDir = Files.createDirectory(dir.resolve("j" + j));
            final GeneratedJournal model = GeneratedJournal.write(journalDir, seed, 1 + random.nextInt(12),
                1 + random.nextInt(20_000), GeneratedJournal.randomConfig(random));
            try (Journal journal = Journal.openReadOnly(journalDir); Scanner scanner = new Scanner(journal)) {
                final Set<Long> devices = new HashSet<>();
                final long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
                final ScanStats scanned = scanner.scan(Scan.builder().build(), e -> {
                    devices.add(e.deviceId());
                    span[0] = Math.min(span[0], e.timestampNs());
                    span[1] = Math.max(span[1], e.timestampNs());
                });
                final JournalStats stats = journal.stats();
                final String context = "seed=" + seed + " " + stats;
                assertEquals(model.all.size(), scanned.eventsReturned(), context);
                assertEquals(scanned.eventsReturned(), stats.events(), context);
                assertEquals(scanned.blocksRead(), stats.blocks(), context);
                assertEquals(devices.size(), stats.devices(), context);
                assertEquals(span[0], stats.minTimestampNs(), context);
                assertEquals(span[1], stats.maxTimestampNs(), context);
                assertEquals(journal.verify().blockBytes(), stats.blockBytes(), context);
                assertEquals(scanned.cyclesRead().length, stats.cycles(), context);
                assertEquals(stats.events(), scanner.eventsPlanned(Scan.builder().build()), "a full scan plans"
                    + " every event; " + context);
                final long device = devices.iterator().next();
                final Scan one = Scan.builder().deviceIds(device).from(span[0] + 1).build();
                assertTrue(scanner.eventsPlanned(one) >= scanner.scan(one, e -> { }).eventsReturned(), "an upper"
                    + " bound for one device's later events; " + context);
            }
        }
    }
}
