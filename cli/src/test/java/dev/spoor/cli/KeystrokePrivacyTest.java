/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.privacy.KeyClass;
import dev.spoor.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The typed text cannot be rebuilt from a journal kept under the default key-class policy: after ingesting
 * the shared Aalto sample, no run of 10 consecutive characters of any sentence shown or typed (as typed, or
 * upper-cased as key codes would spell it) appears in any file of the journal directory, and the exported
 * key column holds only class names. The check is shown to fail on a file that holds such a run.
 */
class KeystrokePrivacyTest {
    private static final int RUN = 10;

    @TempDir
    Path dir;

    @Test
    void noSentenceCanBeRebuiltFromTheJournal() throws Exception {
        assumeTrue(SharedData.isPresent(SharedData.AALTO), SharedData.absentMessage(SharedData.AALTO));
        final Path data = SharedData.dataset(SharedData.AALTO);
        final Set<String> runs = sentenceRuns(FormatEvents.files(data, "aalto"));
        assertTrue(runs.size() > 10_000, "runs: " + runs.size());
        final Path journal = dir.resolve("aalto");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "aalto", data.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("keystrokes=class"), ingest.out);
        assertEquals(List.of(), findRuns(journal, runs), "sentence text found in the journal's files");

        final Cli keys = Cli.run("scan", "--journal", journal.toString(), "--type", "key_down", "--type", "key_up");
        final Set<String> names = Stream.of(KeyClass.values()).map(c -> c.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
        final List<String> rows = keys.out.lines().skip(1).collect(Collectors.toList());
        assertEquals(141_100, rows.size());
        for (final String row : rows) {
            final String key = row.split(",", -1)[9];
            assertTrue(names.contains(key), "key column holds '" + key + "' in " + row);
        }

        final Path planted = dir.resolve("planted");
        Files.createDirectories(planted);
        final String run = runs.iterator().next();
        Files.write(planted.resolve("leak.bin"), ("xx" + run + "yy").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(1, findRuns(planted, runs).size(), "the check must report a planted run");
    }

    @Test
    void eachBlocksKeysReadAsThePolicyTheyWereSealedUnder() throws Exception {
        final String header = "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n";
        final Path codes = Files.writeString(dir.resolve("codes.csv"), header
            + "alice,1709287200000000000,key_down,,,,,,,84,0\n" + "alice,1709287200001000000,key_up,,,,,,,84,0\n");
        final Path classes = Files.writeString(dir.resolve("classes.csv"), header
            + "bob,1709287200000000000,key_down,,,,,,,84,0\n" + "bob,1709287200001000000,key_up,,,,,,,84,0\n");
        final Path journal = dir.resolve("changed");
        assertEquals(0, Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", "--keys", "code",
            codes.toString()).exitCode);
        assertEquals(0, Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", "--keys", "class",
            classes.toString()).exitCode);
        for (final String format : List.of("csv", "jsonl")) {
            final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--format", format);
            assertEquals(0, scan.exitCode, scan.toString());
            final List<String> rows = scan.out.lines().filter(r -> r.contains("key_")).toList();
            assertEquals(4, rows.size(), scan.out);
            for (final String row : rows) {
                final boolean isAlice = row.contains("alice");
                final String key = "csv".equals(format) ? row.split(",", -1)[9] : row.replaceAll(".*\"key\":", "")
                    .replaceAll(",.*", "");
                assertEquals(isAlice ? "84" : "csv".equals(format) ? "letter" : "\"letter\"", key,
                    "alice's keys were stored as codes, bob's as classes: " + row);
            }
        }
    }

    /** Every 10-character run of every SENTENCE and USER_INPUT, as typed and upper-cased. */
    static Set<String> sentenceRuns(final List<Path> files) throws IOException {
        final Set<String> runs = new HashSet<>();
        for (final Path file : files) {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (final String line : lines.subList(1, lines.size())) {
                final String[] f = line.split("\t", -1);
                for (final String text : List.of(f[2], f[3])) {
                    for (final String form : List.of(text, text.toUpperCase(Locale.ROOT))) {
                        for (int i = 0; i + RUN <= form.length(); i++) {
                            runs.add(form.substring(i, i + RUN));
                        }
                    }
                }
            }
        }
        return runs;
    }

    /** Files under {@code root} that hold any of the runs, with where. */
    static List<String> findRuns(final Path root, final Set<String> runs) throws IOException {
        final List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (final Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                final String text = new String(readAll(file), StandardCharsets.ISO_8859_1);
                for (int i = 0; i + RUN <= text.length(); i++) {
                    if (runs.contains(text.substring(i, i + RUN))) {
                        found.add(file + " at " + i + ": '" + text.substring(i, i + RUN) + "'");
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static byte[] readAll(final Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
