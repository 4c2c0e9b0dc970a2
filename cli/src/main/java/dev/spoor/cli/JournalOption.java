/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --journal DIR}, opened read-only with a clear error when it is not a journal. */
final class JournalOption {
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory")
    Path dir;

    @Option(names = "--pseudonym-key", paramLabel = "FILE",
        description = "the journal's pseudonym key file, to look devices up by key")
    Path pseudonymKey;

    Journal openReadOnly() {
        checkIsJournal();
        return Journal.openReadOnly(dir, pseudonymKey);
    }

    /**
     * For commands that work on the directory without opening it (compact, repair): the same errors as an open.
     *
     * @throws CliException when the directory is missing, or is not a journal.
     */
    void checkIsJournal() {
        if (!Files.isDirectory(dir)) {
            throw new CliException("--journal: " + dir + " is not a directory");
        }
        if (!Journal.isJournal(dir)) {
            throw new CliException("--journal: " + dir + " is not a Spoor journal (no journal.spoor in it)");
        }
    }
}
