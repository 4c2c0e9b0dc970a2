/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code spoor ingest --format owamcap}: listed in the help, and the shared OWAMcap example (ingest's
 * OwaMcapIngestTest compares every stored event with an independent parse) ingested with the topics it does not
 * store counted in the output. The example part is skipped, with the reason, when ../shared/data is absent.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OwaMcapCommandTest {
    private static final String OWA_EXAMPLE = "owa-example";

    @TempDir
    Path dir;

    @Test
    void ingestHelpListsOwamcapAmongTheFormats() {
        final Cli help = Cli.run("ingest", "--help");
        assertEquals(0, help.exitCode, help.toString());
        // picocli wraps the list: compare with the line breaks and indentation folded to single spaces
        assertTrue(help.out.replaceAll("\\s+", " ")
            .contains("input format: balabit, aalto, csv, jsonl, pynput, rrweb, owamcap"), help.out);
    }

    @Test
    void theExampleIngestsWithTheTopicsNotStoredCounted() {
        assumeTrue(SharedData.isPresent(OWA_EXAMPLE), SharedData.absentMessage(OWA_EXAMPLE));
        final Path example = SharedData.dataset(OWA_EXAMPLE).resolve("example.mcap");
        final Path journal = dir.resolve("owa");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "owamcap",
            example.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("ingested 241 events from 1 files"), ingest.out);
        assertTrue(ingest.out.contains("rejected 0 lines"), ingest.out);
        assertTrue(ingest.out.contains("warning: " + example + ": not stored, by design: keyboard/state 11,"
            + " mouse/state 11, screen 590, window 11 messages"), ingest.out);
        assertTrue(ingest.out.contains("journal: 241 events"), ingest.out);
    }
}
