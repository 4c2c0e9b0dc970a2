/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalWriter;
import dev.spoor.query.scan.Event;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scan names devices by key; in a journal whose ids are keyed pseudonyms the key must resolve to the
 * journal's id, never to the public hash of the key.
 */
class PseudonymousScanTest {
    @TempDir
    Path dir;

    @Test
    void aScanByKeyResolvesTheJournalsPseudonym() {
        final Path keyFile = dir.resolve("pseudonym.key");
        final Path journalDir = dir.resolve("j");
        final long alice;
        try (Journal journal = Journal.open(journalDir, new JournalConfig().pseudonymKeyFile(keyFile));
             JournalWriter writer = journal.newWriter()) {
            alice = journal.devices().register("alice");
            final long bob = journal.devices().register("bob");
            for (int i = 0; i < 10; i++) {
                writer.move(alice, 1_000 + i, i, i, 0);
            }
            for (int i = 0; i < 5; i++) {
                writer.move(bob, 2_000 + i, i, i, 0);
            }
        }
        final Scan byKey = Scan.builder().deviceKeys("alice").build();
        try (Journal journal = Journal.openReadOnly(journalDir, keyFile); Scanner scanner = new Scanner(journal)) {
            final List<Event> events = new ArrayList<>();
            scanner.scan(byKey, e -> events.add(e.toEvent()));
            assertEquals(10, events.size(), "alice's events");
            assertEquals(Set.of(alice), events.stream().map(Event::deviceId).collect(Collectors.toSet()));
            assertArrayEquals(new long[] {alice}, byKey.deviceIds(journal), "the scan's ids are the journal's ids");
            assertEquals(alice, journal.devices().lookup("alice"));
        }
        try (Journal journal = Journal.openReadOnly(journalDir); Scanner scanner = new Scanner(journal)) {
            final JournalException e = assertThrows(JournalException.class, () -> scanner.scan(byKey, x -> { }));
            assertTrue(e.getMessage().contains("pseudonym key file"), e.getMessage());
            final long[] count = new long[1];
            scanner.scan(Scan.builder().deviceIds(alice).build(), x -> count[0]++);
            assertEquals(10, count[0], "without the key file a device is still found by id");
        }
    }
}
