/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import dev.spoor.ingest.format.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFolderOfExportsYieldsTheExportsWithoutTheirLineageManifests() throws IOException {
        final Path exports = Files.createDirectories(dir.resolve("exports"));
        final Path a = Files.writeString(exports.resolve("a.jsonl"), "{}\n");
        final Path b = Files.writeString(exports.resolve("b.json"), "{}\n");
        Files.writeString(exports.resolve("a.jsonl.manifest.json"), "{\"rows\":1}\n");
        Files.writeString(exports.resolve("_manifest.json"), "{\"rows\":1}\n");

        assertEquals(List.of(a, b), InputFiles.find(Formats.byName("jsonl"), List.of(exports)));
    }

    @Test
    void aFileNamedTwiceIsReadOnce() throws IOException {
        final Path folder = Files.createDirectories(dir.resolve("in"));
        final Path file = Files.writeString(folder.resolve("part-0.csv"), "device,ts_nanos\n");
        final Path link = Files.createSymbolicLink(dir.resolve("link.csv"), file);
        final Path other = folder.resolve("..").resolve("in").resolve("part-0.csv");

        final List<Path> found = InputFiles.find(Formats.byName("csv"), List.of(file, link, other, folder));

        assertEquals(List.of(file), found, "one file, however it is named");
    }
}
