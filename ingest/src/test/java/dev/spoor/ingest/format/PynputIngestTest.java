/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.ingest.Ingest;
import dev.spoor.ingest.IngestException;
import dev.spoor.ingest.IngestReport;
import dev.spoor.ingest.InputFiles;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pynput recordings through {@link Ingest}: a recorder's growing file, and a missing anchor. */
class PynputIngestTest {
    private static final long START_NS = PynputFormatTest.START.getEpochSecond() * 1_000_000_000L;

    @TempDir
    Path tmp;

    @Test
    void aRecordingThatGrewGivesOnlyItsNewLinesPlacedFromTheSameFirstEvent() throws IOException {
        final Path events = Files.createDirectories(tmp.resolve("rec-7")).resolve(PynputFormat.EVENTS_FILE);
        Files.writeString(events, "{\"time_stamp\": 100.25, \"action\": \"move\", \"x\": 1, \"y\": 2}\n"
            + "{\"time_stamp\": 100.5, \"action\": \"click\", \"x\": 1, \"y\": 2, \"button\": \"left\","
            + " \"pressed\": true}\n", StandardCharsets.UTF_8);
        final Path dir = tmp.resolve("journal");
        assertEquals(2, ingest(dir, events).eventsAppended());
        Files.writeString(events, "{\"time_stamp\": 101.000000007, \"action\": \"move\", \"x\": 3, \"y\": 4}\n",
            StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        final IngestReport again = ingest(dir, events);
        assertEquals(1, again.eventsAppended());
        assertEquals(1, again.filesResumed());
        assertEquals(List.of(START_NS, START_NS + 250_000_000L, START_NS + 750_000_007L), times(dir, "rec-7"));
        assertTrue(ingest(dir, events).isNothingToDo());
    }

    @Test
    void withoutAnAnchorNothingIsAppended() throws IOException {
        final Path events = Files.createDirectories(tmp.resolve("rec-8")).resolve(PynputFormat.EVENTS_FILE);
        Files.writeString(events, "{\"time_stamp\": 1, \"action\": \"move\", \"x\": 1, \"y\": 2}\n");
        final Path dir = tmp.resolve("journal");
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final PynputFormat format = new PynputFormat();
            final IngestException e = assertThrows(IngestException.class, () -> Ingest.into(journal).format(format)
                .run(InputFiles.find(format, List.of(events))));
            assertTrue(e.getMessage().contains("--start INSTANT"), e.getMessage());
            assertTrue(journal.ingestLedger().sources().isEmpty(), "no source recorded");
        }
        assertEquals(List.of(), times(dir, "rec-8"));
    }

    private static IngestReport ingest(final Path dir, final Path events) {
        final PynputFormat format = new PynputFormat();
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            return Ingest.into(journal).format(format).threads(1)
                .options(ParseOptions.defaults().withStart(PynputFormatTest.START))
                .run(InputFiles.find(format, List.of(events)));
        }
    }

    private static List<Long> times(final Path dir, final String device) {
        final List<Long> times = new ArrayList<>();
        try (Journal journal = Journal.open(dir, new JournalConfig()); Scanner scanner = new Scanner(journal)) {
            scanner.scan(Scan.builder().deviceKeys(device).build(), e -> times.add(e.timestampNs()));
        }
        return times;
    }
}
