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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Names in any case, .ndjson, and folders reached through a link are searched; a link to nothing is named. */
    @Test
    void aFolderSearchIgnoresCaseFollowsLinksAndNamesALinkToNothing() throws IOException {
        final Path in = Files.createDirectories(dir.resolve("mixed"));
        final Path upper = Files.writeString(in.resolve("B.JSONL"), "{}\n");
        final Path nd = Files.writeString(in.resolve("c.ndjson"), "{}\n");
        final Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("d.jsonl"), "{}\n");
        Files.createSymbolicLink(in.resolve("linked"), elsewhere);
        assertEquals(List.of(upper, nd, in.resolve("linked").resolve("d.jsonl")),
            InputFiles.find(Formats.byName("jsonl"), List.of(in)));
        final Path csv = Files.writeString(in.resolve("E.CSV"), "device\n");
        assertEquals(List.of(csv), InputFiles.find(Formats.byName("csv"), List.of(in)));

        Files.createSymbolicLink(in.resolve("gone.jsonl"), dir.resolve("moved-away.jsonl"));
        final IngestException broken = assertThrows(IngestException.class,
            () -> InputFiles.find(Formats.byName("jsonl"), List.of(in)));
        assertTrue(broken.getMessage().contains("gone.jsonl: a link to nothing (it points to "), broken.getMessage());
        Files.delete(in.resolve("gone.jsonl"));

        Files.createSymbolicLink(elsewhere.resolve("loop"), in);
        final IngestException loop = assertThrows(IngestException.class,
            () -> InputFiles.find(Formats.byName("jsonl"), List.of(in)));
        assertTrue(loop.getMessage().contains("cannot list " + in) && loop.getMessage().contains("Loop"),
            loop.getMessage());
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
