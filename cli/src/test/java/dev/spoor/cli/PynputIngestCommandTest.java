/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code spoor ingest --format pynput}: the help, the anchor options, the device option, the real recording. */
class PynputIngestCommandTest {
    private static final String DUCKTRACK = "ducktrack-example";

    @TempDir
    Path dir;

    @Test
    void theHelpListsPynputAmongTheFormatsAndItsOptions() {
        final Cli help = Cli.run("ingest", "--help");
        assertEquals(0, help.exitCode, help.toString());
        // picocli wraps the list: compare with the line breaks and indentation folded to single spaces
        assertTrue(help.out.replaceAll("\\s+", " ")
            .contains("input format: balabit, aalto, csv, jsonl, pynput, rrweb, owamcap"), help.out);
        for (final String option : List.of("--start=INSTANT", "--time-zone=ZONE", "--device=KEY")) {
            assertTrue(help.out.contains(option), option + " in " + help.out);
        }
    }

    @Test
    void withoutStartOrTimeZoneNothingIsCreatedAndTheMessageSaysWhatToPass() throws IOException {
        final Path recording = recording("rec-1");
        final Path journal = dir.resolve("journal");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "pynput",
            recording.toString());
        assertEquals(1, ingest.exitCode, ingest.toString());
        assertTrue(ingest.err.contains("--start INSTANT") && ingest.err.contains("--time-zone ZONE"), ingest.err);
        assertFalse(Files.exists(journal), "no journal was created");
    }

    @Test
    void theRecorderOptionsAreRefusedForOtherFormats() throws IOException {
        final Path csv = Files.writeString(dir.resolve("a.csv"), "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,"
            + "modifiers\n");
        final Cli ingest = Cli.run("ingest", "--journal", dir.resolve("j").toString(), "--format", "csv",
            "--start", "2024-03-01T10:00:00Z", csv.toString());
        assertEquals(2, ingest.exitCode, ingest.toString());
        assertTrue(ingest.err.contains("--start, --time-zone and --device are for --format pynput"), ingest.err);
    }

    @Test
    void startPlacesTheFirstEventAndDeviceNamesTheDevice() throws IOException {
        final Path recording = recording("rec-1");
        final Path journal = dir.resolve("journal");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "pynput", "--start",
            "2024-03-01T10:00:00Z", "--device", "alice-laptop", recording.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("ingested 3 events from 1 files"), ingest.out);
        final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--device", "alice-laptop");
        assertEquals(0, scan.exitCode, scan.toString());
        final List<String> rows = scan.out.lines().skip(1).toList();
        assertEquals(3, rows.size(), scan.out);
        assertTrue(rows.get(0).startsWith("alice-laptop,1709287200000000000,move,10,20,"), rows.get(0));
        assertTrue(rows.get(1).startsWith("alice-laptop,1709287200500000001,button_down,10"), rows.get(1));
        assertTrue(rows.get(1).contains(",left,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("alice-laptop,1709287201250000000,key_down,,,"), rows.get(2));
        assertTrue(rows.get(2).contains(",letter,"), "a key class, never the key: " + rows.get(2));
    }

    @Test
    void theDuckTrackRecordingGoesInPlacedByItsMetadataInTheZoneGiven() {
        assumeTrue(SharedData.isPresent(DUCKTRACK), SharedData.absentMessage(DUCKTRACK));
        final Path journal = dir.resolve("journal");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "pynput", "--time-zone",
            "Europe/Berlin", SharedData.dataset(DUCKTRACK).toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("ingested 13,401 events from 1 files"), ingest.out);
        assertTrue(ingest.out.contains("rejected 0 lines"), ingest.out);
        final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--device", DUCKTRACK);
        assertEquals(0, scan.exitCode, scan.toString());
        final List<String> rows = scan.out.lines().skip(1).toList();
        assertEquals(13_401, rows.size());
        // start_time 2023-10-20 17:19:53 in Berlin (CEST, +02:00) is the first event's time; x is 1175.421875, which
        // scan writes as 1175 while exports carry whole pixels only
        assertTrue(rows.get(0).startsWith(DUCKTRACK + ",1697815193000000000,move,1175"), rows.get(0));
    }

    private Path recording(final String name) throws IOException {
        final Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("events.jsonl"), ""
            + "{\"time_stamp\": 5.25, \"action\": \"move\", \"x\": 10, \"y\": 20}\n"
            + "{\"time_stamp\": 5.750000001, \"action\": \"click\", \"x\": 10.5, \"y\": 20, \"button\": \"left\","
            + " \"pressed\": true}\n"
            + "{\"time_stamp\": 6.5, \"action\": \"press\", \"name\": \"q\"}\n");
        return folder;
    }
}
