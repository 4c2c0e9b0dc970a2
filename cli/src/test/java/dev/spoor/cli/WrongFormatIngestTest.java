/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file ingested with the wrong {@code --format} has every line refused: the run exits 1 naming it and the
 * formats, stores nothing of it, and does not record it as ingested, so the run with the right format takes it
 * without {@code --force}. Files of the same run that were read fine stay stored and recorded; a file with only
 * some lines refused is not a wrong format (exit 0, the rejections reported).
 */
class WrongFormatIngestTest {
    private static final String HEADER = "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n";

    @TempDir
    Path dir;

    @Test
    void aFileReadAsTheWrongFormatIsNamedAndLeftForTheRightOne() throws IOException {
        final Path recording = pynputRecording();
        final Path journal = dir.resolve("journal");
        for (final String wrong : new String[] {"csv", "jsonl", "balabit"}) {
            final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", wrong,
                recording.toString());
            assertEquals(1, ingest.exitCode, wrong + ": " + ingest);
            assertTrue(ingest.err.contains("every line of 1 file(s) was refused") && ingest.err.contains(
                recording.toString()) && ingest.err.contains("Read as --format " + wrong) && ingest.err.contains(
                "pynput"), ingest.err);
            assertTrue(ingest.err.contains("created by this run, holds nothing and was removed"), ingest.err);
            assertTrue(!Files.exists(journal), wrong + ": no empty journal is left behind");
        }
        final Cli right = Cli.run("ingest", "--journal", journal.toString(), "--format", "pynput", "--start",
            "2024-03-01T10:00:00Z", recording.toString());
        assertEquals(0, right.exitCode, right.toString());
        assertTrue(right.out.contains("ingested 3 events from 1 files"), right.out);
        assertEquals("3", events(journal));
    }

    @Test
    void theFilesReadFineInTheSameRunStayStoredAndRecorded() throws IOException {
        final Path good = Files.writeString(dir.resolve("good.csv"), HEADER
            + "alice,1709287200000000000,move,10,20,,,,,,\n" + "alice,1709287200001000000,move,11,21,,,,,,\n");
        final Path wrong = Files.writeString(dir.resolve("wrong.csv"), "{\"time_stamp\": 5.25, \"action\": \"move\","
            + " \"x\": 10, \"y\": 20}\n");
        final Path journal = dir.resolve("journal");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", good.toString(),
            wrong.toString());
        assertEquals(1, ingest.exitCode, ingest.toString());
        assertTrue(ingest.err.contains(wrong.toString()) && !ingest.err.contains(good.toString()), ingest.err);
        assertEquals("2", events(journal));
        final Cli again = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", good.toString());
        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.out.contains("nothing to do"), again.out);
        assertEquals("2", events(journal));
    }

    @Test
    void aFileWithSomeLinesRefusedIsNotAWrongFormat() throws IOException {
        final Path some = Files.writeString(dir.resolve("some.csv"), HEADER
            + "alice,1709287200000000000,move,10,20,,,,,,\n" + "alice,not-a-time,move,11,21,,,,,,\n");
        final Path journal = dir.resolve("journal");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", some.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("rejected 1 lines") && ingest.out.contains("some.csv:3"), ingest.out);
        assertEquals("1", events(journal));
        final Cli again = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", some.toString());
        assertTrue(again.out.contains("nothing to do"), again.out);
    }

    @Test
    void optionsTheFormatWouldIgnoreAreRefused() throws IOException {
        final Path recording = pynputRecording();
        final Path journal = dir.resolve("journal");
        final Cli unit = Cli.run("ingest", "--journal", journal.toString(), "--format", "pynput", "--start",
            "2024-03-01T10:00:00Z", "--ts-unit", "s", recording.toString());
        assertEquals(2, unit.exitCode, unit.toString());
        assertTrue(unit.err.contains("--ts-unit is for --format csv and jsonl"), unit.err);
        final Cli epoch = Cli.run("ingest", "--journal", journal.toString(), "--format", "pynput", "--start",
            "2024-03-01T10:00:00Z", "--epoch", "2020-01-01T00:00:00Z", recording.toString());
        assertEquals(2, epoch.exitCode, epoch.toString());
        assertTrue(epoch.err.contains("--epoch is for --format balabit"), epoch.err);
        assertTrue(!Files.exists(journal), "refused before the journal is created");
    }

    @Test
    void anEmptyFolderTheUserMadeStaysAndAnUnknownFormatOrAnEpochForCsvIsBadUsage() throws IOException {
        final Path recording = pynputRecording();
        final Path made = Files.createDirectories(dir.resolve("made-by-the-user"));
        final Cli wrong = Cli.run("ingest", "--journal", made.toString(), "--format", "csv", recording.toString());
        assertEquals(1, wrong.exitCode, wrong.toString());
        assertTrue(Files.isDirectory(made) && !wrong.err.contains("created by this run"), wrong.toString());
        final Cli unknown = Cli.run("ingest", "--journal", dir.resolve("u").toString(), "--format", "nope",
            recording.toString());
        assertEquals(2, unknown.exitCode, unknown.toString());
        assertTrue(unknown.err.contains("--format: format 'nope' is not one of"), unknown.err);
        final Cli epoch = Cli.run("ingest", "--journal", dir.resolve("e").toString(), "--format", "csv", "--epoch",
            "2016-01-01T00:00:00Z", recording.toString());
        assertEquals(2, epoch.exitCode, "the default's own text, given, is still given: " + epoch);
    }

    private Path pynputRecording() throws IOException {
        final Path folder = Files.createDirectories(dir.resolve("rec-1"));
        Files.writeString(folder.resolve("events.jsonl"), ""
            + "{\"time_stamp\": 5.25, \"action\": \"move\", \"x\": 10, \"y\": 20}\n"
            + "{\"time_stamp\": 5.75, \"action\": \"click\", \"x\": 10.5, \"y\": 20, \"button\": \"left\","
            + " \"pressed\": true}\n"
            + "{\"time_stamp\": 6.5, \"action\": \"press\", \"name\": \"q\"}\n");
        return folder.resolve("events.jsonl");
    }

    private static String events(final Path journal) {
        final Cli stats = Cli.run("stats", "--journal", journal.toString(), "--json");
        assertEquals(0, stats.exitCode, stats.toString());
        final Matcher events = Pattern.compile("\"events\"\\s*:\\s*(\\d+)")
            .matcher(stats.out);
        assertTrue(events.find(), stats.out);
        return events.group(1);
    }
}
