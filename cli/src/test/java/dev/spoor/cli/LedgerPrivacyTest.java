/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.ledger.SourceKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ingest ledger names no one: a recording's path, which holds a person's name (Balabit's and pynput's device
 * keys are made from it), is in no file of the journal, so erasing that person's device whole leaves their name
 * nowhere, and a pseudonymous journal, or one whose consent list leaves a person out, does not name them either.
 * Re-runs still find what is stored by the hashed key.
 */
class LedgerPrivacyTest {
    private static final String HEADER = "record timestamp,client timestamp,button,state,x,y\n";
    private static final String NAME = "session_0042alice";

    @TempDir
    Path dir;

    @Test
    void anErasedDevicesRecordingIsNamedInNoJournalFile() throws Exception {
        final Path file = recording();
        final Path journal = dir.resolve("j");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "balabit", file.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertEquals(List.of(journal.resolve("devices.dict")), holders(journal, NAME),
            "named only by its device key, in the device dictionary");
        final Cli again = Cli.run("ingest", "--journal", journal.toString(), "--format", "balabit", file.toString());
        assertTrue(again.out.contains("nothing to do"), "the hashed key finds the stored file: " + again.out);
        assertTrue(Files.exists(journal.resolve(SourceKeys.SECRET_FILE_NAME)));

        final Cli erase = Cli.run("erase", "--journal", journal.toString(), "--device", "user9/" + NAME);
        assertEquals(0, erase.exitCode, erase.toString());
        final Cli compact = Cli.run("compact", "--journal", journal.toString());
        assertEquals(0, compact.exitCode, compact.toString());
        assertEquals(List.of(), holders(journal, NAME), "erased whole: named in no file of the journal");
    }

    @Test
    void aPseudonymousJournalKeepsNoSecretAndNamesNoRecording() throws Exception {
        final Path file = recording();
        final Path journal = dir.resolve("p");
        final Path key = dir.resolve("key");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--pseudonym-key", key.toString(),
            "--format", "balabit", file.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertEquals(List.of(), holders(journal, NAME));
        assertFalse(Files.exists(journal.resolve(SourceKeys.SECRET_FILE_NAME)),
            "the ledger's secret comes from the pseudonym key, outside the journal");
        final Cli again = Cli.run("ingest", "--journal", journal.toString(), "--pseudonym-key", key.toString(),
            "--format", "balabit", file.toString());
        assertTrue(again.out.contains("nothing to do"), again.out);
    }

    @Test
    void aPersonLeftOutOfTheConsentListIsNamedNowhere() throws Exception {
        final Path file = recording();
        final Path consent = Files.writeString(dir.resolve("consent.txt"), "user9/someone-else\n");
        final Path journal = dir.resolve("c");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--consent", consent.toString(),
            "--format", "balabit", file.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("4 events of devices without consent"), ingest.out);
        assertEquals(List.of(), holders(journal, NAME));
    }

    /** A Balabit session of four rows at {@code user9/session_0042alice}: its device key is that path. */
    private Path recording() throws IOException {
        final Path file = Files.createDirectories(dir.resolve("data").resolve("user9")).resolve(NAME);
        return Files.writeString(file, HEADER + "0.0,0.0,NoButton,Move,1,2\n0.1,0.1,NoButton,Move,3,4\n"
            + "0.2,0.2,Left,Pressed,3,4\n0.3,0.3,Left,Released,3,4\n");
    }

    /** Every file of the journal that holds the text, in UTF-8. */
    private static List<Path> holders(final Path journal, final String text) throws IOException {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(journal)) {
            return files.filter(Files::isRegularFile).filter(p -> contains(p, bytes)).collect(Collectors.toList());
        }
    }

    private static boolean contains(final Path file, final byte[] bytes) {
        try {
            final byte[] haystack = Files.readAllBytes(file);
            for (int i = 0; i + bytes.length <= haystack.length; i++) {
                if (Arrays.equals(haystack, i, i + bytes.length, bytes, 0, bytes.length)) {
                    return true;
                }
            }
            return false;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
