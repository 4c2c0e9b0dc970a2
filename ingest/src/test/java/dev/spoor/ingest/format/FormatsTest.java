/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.RecordingFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FormatsTest {
    @TempDir
    Path dir;

    @Test
    void findsEachFormatByItsName() {
        assertEquals(List.of("balabit", "aalto", "csv", "jsonl", "pynput", "rrweb", "owamcap"),
            Formats.all().stream().map(RecordingFormat::name).collect(Collectors.toList()));
        for (final RecordingFormat format : Formats.all()) {
            assertSame(format, Formats.byName(format.name()));
        }
        assertInstanceOf(JsonlFormat.class, Formats.byName("JSONL"));
        assertEquals("balabit, aalto, csv, jsonl, pynput, rrweb, owamcap", Formats.names());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Formats.byName("tsv"));
        assertEquals("format 'tsv' is not one of balabit, aalto, csv, jsonl, pynput, rrweb, owamcap", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Formats.byName(null));
        assertThrows(UnsupportedOperationException.class, () -> Formats.all().add(new CsvFormat()));
    }

    @Test
    void inAFolderOfMixedFilesEachFormatTakesOnlyItsOwn() throws IOException {
        final Path folder = Files.createDirectories(dir.resolve("mixed/user7"));
        for (final String name : new String[] {"session_0061629194", "5_keystrokes.txt", "scan.csv", "scan.jsonl",
            "old.json", "events.jsonl", "README.md", "notes.txt", "keystrokes.txt.bak", "events.js", "rec.mcap",
            "rec.mcap.tmp"}) {
            Files.writeString(folder.resolve(name), "x\n");
        }
        assertEquals(List.of("session_0061629194"), taken(Formats.byName("balabit")));
        assertEquals(List.of("5_keystrokes.txt"), taken(Formats.byName("aalto")));
        assertEquals(List.of("scan.csv"), taken(Formats.byName("csv")));
        assertEquals(List.of("events.jsonl", "old.json", "scan.jsonl"), taken(Formats.byName("jsonl")));
        assertEquals(List.of("events.jsonl"), taken(Formats.byName("pynput")));
        assertEquals(List.of("events.js", "events.jsonl", "old.json", "scan.jsonl"), taken(Formats.byName("rrweb")));
        assertEquals(List.of("rec.mcap"), taken(Formats.byName("owamcap")));
    }

    private List<String> taken(final RecordingFormat format) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(format::accepts).map(f -> f.getFileName().toString())
                .sorted().collect(Collectors.toList());
        }
    }
}
