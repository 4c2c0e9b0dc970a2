/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.core.recovery.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadBackEveryEventOfInterleavedDevicesInOrder() {
        final long seed = 7;
        final Map<Long, List<long[]>> expected = new HashMap<>();
        final JournalConfig config = new JournalConfig().blockEvents(256)
            .privacyPolicy(PrivacyPolicy.defaults().keystrokes(KeystrokeMode.CODE));
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            final JournalEvents.Stream stream = new JournalEvents.Stream(seed, 50);
            for (int i = 0; i < 20_000; i++) {
                final long[] e = stream.next();
                JournalEvents.append(writer, e);
                expected.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e);
            }
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            final Map<Long, List<long[]>> actual = JournalEvents.readAll(journal);
            assertEquals(expected.keySet(), actual.keySet(), "seed=" + seed);
            for (final Map.Entry<Long, List<long[]>> device : expected.entrySet()) {
                final List<long[]> got = actual.get(device.getKey());
                assertEquals(device.getValue().size(), got.size(), "device " + device.getKey() + " seed=" + seed);
                for (int i = 0; i < got.size(); i++) {
                    assertTrue(Arrays.equals(device.getValue().get(i), got.get(i)), "device " + device.getKey()
                        + " event " + i + " seed=" + seed);
                }
            }
            final VerifyReport report = journal.verify();
            assertTrue(report.isClean(), report.toString());
            assertEquals(20_000, report.events());
        }
    }

    @Test
    void allocatesOnDiskAboutWhatItWritesAfterClose() throws Exception {
        final Random random = new Random(3);
        try (Journal journal = Journal.open(dir, new JournalConfig()); JournalWriter writer = journal.newWriter()) {
            for (int i = 0; i < 1_000_000; i++) {
                writer.move(i % 100, i * 8_000_000L, random.nextInt(1920), random.nextInt(1080), 0);
            }
        }
        final long written = JournalFiles.blockBytes(dir);
        final long allocated = JournalFiles.allocatedBytes(dir.resolve("queue"));
        final long length = JournalFiles.apparentBytes(dir.resolve("queue"));
        System.out.printf("JournalTest: %d block bytes written, queue files %d bytes allocated, %d bytes long%n",
            written, allocated, length);
        assertTrue(allocated <= written * 1.05 + (1 << 20), "allocated " + allocated + " for " + written + " written");
    }

    @Test
    void closingTheJournalSealsWritersLeftOpen() {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final JournalWriter writer = journal.newWriter();
            for (int i = 0; i < 10_000; i++) {
                writer.move(i % 10, i, i, i, 0);
            }
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals(10_000, journal.verify().events());
        }
    }
}
