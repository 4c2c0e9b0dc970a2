/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code spoor verify} names every damaged side file, one problem line each, and exits 1. */
class VerifyDamagedFilesTest {
    @TempDir
    Path dir;

    @Test
    void verifyNamesEachDamagedSideFileAndExitsOne() throws Exception {
        final Path journal = dir.resolve("j");
        try (Journal j = Journal.open(journal, new JournalConfig()); JournalWriter writer = j.newWriter()) {
            final long a = j.devices().register("ws-a");
            final long b = j.devices().register("ws-b");
            for (int i = 0; i < 1_000; i++) {
                writer.move(i % 2 == 0 ? a : b, 1_000_000L * i, i, i, 0);
            }
        }
        final Cli ok = Cli.run("verify", "--journal", journal.toString());
        assertEquals(0, ok.exitCode, ok.toString());
        for (final String name : new String[] {"devices.dict", "audit.spoor"}) {
            final Path file = journal.resolve(name);
            final byte[] bytes = Files.readAllBytes(file);
            bytes[13] ^= 0x08; // inside the first record, which more records follow
            Files.write(file, bytes);
        }
        final Cli bad = Cli.run("verify", "--journal", journal.toString());
        assertEquals(1, bad.exitCode, bad.toString());
        assertTrue(bad.out.contains("[file=devices.dict]") && bad.out.contains("[file=audit.spoor]"), bad.toString());
        assertTrue(bad.out.contains("2 problem(s)"), bad.toString());
    }
}
