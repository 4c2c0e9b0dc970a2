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
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.format.mcap.McapTestFile;
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

/**
 * Formats that name a device by its recording's path (pynput's folder, OWAMcap's file name, Balabit's user folder and
 * session file): two different recordings that would share a device are refused, in one run or across runs, before
 * anything is appended, unless forced; copies and a recording that grew are not such pairs.
 */
class SharedDeviceKeyTest {
    private static final ParseOptions PYNPUT = ParseOptions.defaults().withStart(PynputFormatTest.START);

    @TempDir
    Path tmp;

    @Test
    void twoPynputFoldersOfOneNameInOneRunAreRefusedWithNothingStored() throws IOException {
        final Path alice = pynput("alice/rec", 1, 2);
        final Path bob = pynput("bob/rec", 300, 400);
        final Path dir = tmp.resolve("journal");
        final IngestException e = assertThrows(IngestException.class,
            () -> ingest(dir, new PynputFormat(), PYNPUT, false, alice, bob));
        assertTrue(e.getMessage().contains("'rec' from " + alice + " and " + bob), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was appended"), e.getMessage());
        assertTrue(e.getMessage().contains("--device KEY"), e.getMessage());
        assertEquals(List.of(), xs(dir, "rec"));
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertTrue(journal.ingestLedger().sources().isEmpty(), "no source recorded");
        }
    }

    @Test
    void aPynputFolderOfANameIngestedBeforeIsRefusedAndTheFirstKeptAlone() throws IOException {
        final Path alice = pynput("alice/rec", 1, 2);
        final Path bob = pynput("bob/rec", 300, 400);
        final Path dir = tmp.resolve("journal");
        assertEquals(2, ingest(dir, new PynputFormat(), PYNPUT, false, alice).eventsAppended());
        final IngestException e = assertThrows(IngestException.class,
            () -> ingest(dir, new PynputFormat(), PYNPUT, false, bob));
        assertTrue(e.getMessage().contains("'rec' from a recording ingested earlier and " + bob),
            e.getMessage());
        assertEquals(List.of(1, 2), xs(dir, "rec"));
        assertEquals(2, ingest(dir, new PynputFormat(), PYNPUT, true, bob).eventsAppended());
        // Both recordings start at the anchor, so their events interleave in time: forced, they are one device.
        assertEquals(List.of(1, 2, 300, 400), xs(dir, "rec").stream().sorted().toList());
    }

    @Test
    void aNamedDeviceACopyAndARecordingThatGrewAreNotRefused() throws IOException {
        final Path alice = pynput("alice/rec", 1, 2);
        final Path bob = pynput("bob/rec", 300, 400);
        final Path dir = tmp.resolve("journal");
        final ParseOptions named = PYNPUT.withDeviceKey("both");
        assertEquals(4, ingest(dir, new PynputFormat(), named, false, alice, bob).eventsAppended());
        final Path copy = Files.createDirectories(tmp.resolve("copy/rec")).resolve(PynputFormat.EVENTS_FILE);
        Files.copy(alice, copy);
        final Path other = tmp.resolve("journal-2");
        assertEquals(2, ingest(other, new PynputFormat(), PYNPUT, false, alice, copy).eventsAppended());
        Files.writeString(alice, move(101.0, 3), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(1, ingest(other, new PynputFormat(), PYNPUT, false, alice).eventsAppended());
        assertEquals(List.of(1, 2, 3), xs(other, "rec"));
    }

    @Test
    void twoOwaFilesOfOneNameInFoldersOfTheirOwnAreRefused() throws IOException {
        final Path alice = mcap("alice/session.mcap", 10);
        final Path bob = mcap("bob/session.mcap", 20);
        final Path dir = tmp.resolve("journal");
        final IngestException e = assertThrows(IngestException.class,
            () -> ingest(dir, new OwaMcapFormat(), ParseOptions.defaults(), false, alice, bob));
        assertTrue(e.getMessage().contains("'owa/session' from " + alice + " and " + bob), e.getMessage());
        assertEquals(List.of(), xs(dir, "owa/session"));
        assertEquals(2, ingest(dir, new OwaMcapFormat(), ParseOptions.defaults(), true, alice, bob).eventsAppended());
    }

    @Test
    void balabitSessionsOfOneUserAndNameUnderTwoRootsAreRefused() throws IOException {
        final String header = "record timestamp,client timestamp,button,state,x,y\n";
        final Path training = tmp.resolve("training_files/user7/session_1");
        final Path test = tmp.resolve("test_files/user7/session_1");
        Files.createDirectories(training.getParent());
        Files.createDirectories(test.getParent());
        Files.writeString(training, header + "0.0,0.0,NoButton,Move,10,20\n");
        Files.writeString(test, header + "0.0,0.0,NoButton,Move,30,40\n");
        final Path dir = tmp.resolve("journal");
        final IngestException e = assertThrows(IngestException.class,
            () -> ingest(dir, new BalabitFormat(), ParseOptions.defaults(), false, training, test));
        assertTrue(e.getMessage().contains("'user7/session_1'"), e.getMessage());
        assertEquals(List.of(), xs(dir, "user7/session_1"));
    }

    private Path pynput(final String folder, final int firstX, final int secondX) throws IOException {
        final Path events = Files.createDirectories(tmp.resolve(folder)).resolve(PynputFormat.EVENTS_FILE);
        Files.writeString(events, move(100.25, firstX) + move(100.5, secondX), StandardCharsets.UTF_8);
        return events;
    }

    private static String move(final double seconds, final int x) {
        return "{\"time_stamp\": " + seconds + ", \"action\": \"move\", \"x\": " + x + ", \"y\": 2}\n";
    }

    private Path mcap(final String name, final int x) throws IOException {
        final McapTestFile written = new McapTestFile().channel(1, 0, "mouse");
        written.message(1, 1_700_000_000_000_000_000L, "{\"event_type\":\"move\",\"x\":" + x + ",\"y\":5}");
        final Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, written.finish(false));
        return file;
    }

    private static IngestReport ingest(final Path dir, final RecordingFormat format, final ParseOptions options,
        final boolean isForced, final Path... files) {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            return Ingest.into(journal).format(format).threads(1).options(options).force(isForced)
                .run(InputFiles.find(format, List.of(files)));
        }
    }

    private static List<Integer> xs(final Path dir, final String device) {
        final List<Integer> xs = new ArrayList<>();
        try (Journal journal = Journal.open(dir, new JournalConfig()); Scanner scanner = new Scanner(journal)) {
            scanner.scan(Scan.builder().deviceKeys(device).build(), e -> xs.add(e.x()));
        }
        return xs;
    }
}
