/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code spoor ingest --format rrweb}: named in the help, and a small events.js in, its page URL not shown. */
class RrwebIngestCommandTest {
    @TempDir
    Path dir;

    @Test
    void theIngestHelpListsRrweb() {
        final Cli help = Cli.run("ingest", "--help");
        assertEquals(0, help.exitCode, help.toString());
        // picocli wraps the list: compare with the line breaks and indentation folded to single spaces
        assertTrue(help.out.replaceAll("\\s+", " ")
            .contains("input format: balabit, aalto, csv, jsonl, pynput, rrweb, owamcap"), help.out);
    }

    @Test
    void anEventsJsGoesInAndItsSummarySaysWhatWasNotStored() throws IOException {
        final Path events = Files.writeString(dir.resolve("events.js"), "// prettier-ignore\nconst events = ["
            + "{\"type\":4,\"data\":{\"href\":\"https://intranet.example/secret\",\"width\":800,\"height\":600},"
            + "\"timestamp\":1700000000000},"
            + "{\"type\":3,\"data\":{\"source\":1,\"positions\":[{\"x\":1,\"y\":2,\"id\":1,\"timeOffset\":-10}]},"
            + "\"timestamp\":1700000000100},"
            + "{\"type\":3,\"data\":{\"source\":2,\"type\":1,\"id\":1,\"x\":1,\"y\":2},\"timestamp\":1700000000200},"
            + "{\"type\":3,\"data\":{\"source\":2,\"type\":0,\"id\":1,\"x\":1,\"y\":2},\"timestamp\":1700000000300},"
            + "{\"type\":3,\"data\":{\"source\":2,\"type\":2,\"id\":1,\"x\":1,\"y\":2},\"timestamp\":1700000000300}"
            + "];\n", StandardCharsets.UTF_8);
        final Path journal = dir.resolve("journal");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "rrweb", events.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("ingested 3 events from 1 files"), ingest.out);
        assertTrue(ingest.out.contains("viewport 800 x 600 CSS px"), ingest.out);
        assertTrue(ingest.out.contains("1 clicks that repeat a mouse up"), ingest.out);
        assertFalse(ingest.out.contains("intranet") || ingest.err.contains("intranet"), ingest.toString());
    }
}
