/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.codec.BlockLayout;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spoor verify} names every damaged side file and every damaged block's cycle file, one problem line each,
 * counts the blocks it read by state, and exits 1.
 */
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

    @Test
    void aDamagedBlockIsNamedByItsCycleFileAndCountedAsDamaged() throws Exception {
        final Path journal = dir.resolve("j");
        try (Journal j = Journal.open(journal, new JournalConfig().blockEvents(256)); JournalWriter writer =
            j.newWriter()) {
            final long a = j.devices().register("ws-a");
            for (int i = 0; i < 1_024; i++) {
                writer.move(a, 1_000_000L * i, i % 1920, i % 1080, 0);
            }
        }
        final Path cycleFile;
        try (Stream<Path> files = Files.list(journal.resolve("queue"))) {
            cycleFile = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(cycleFile);
        final byte[] magic = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(BlockLayout.MAGIC).array();
        int second = -1;
        for (int i = 0, seen = 0; i + 4 <= bytes.length && second < 0; i++) {
            if (Arrays.equals(bytes, i, i + 4, magic, 0, 4) && ++seen == 2) {
                second = i;
            }
        }
        assertTrue(second > 0, "the second block's magic in " + cycleFile);
        bytes[second + 100] ^= 0x10; // inside the second block's streams: its checksum fails
        Files.write(cycleFile, bytes);
        final Cli bad = Cli.run("verify", "--journal", journal.toString());
        assertEquals(1, bad.exitCode, bad.toString());
        assertTrue(bad.out.contains("problem: [file=queue/" + cycleFile.getFileName() + ", cycle="), bad.toString());
        assertTrue(bad.out.contains("1 problem(s); blocks read: 3 sound, 1 damaged"), bad.toString());
    }

    @Test
    void aLostPolicyLedgerOrLedgerSecretIsNamedNotPassedAsOk() throws Exception {
        final Path csv = Files.writeString(dir.resolve("rec.csv"), "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,"
            + "modifiers\nws,1000,move,1,2,,,,,,\nws,2000,move,3,4,,,,,,\n");
        final String[][] lost = {
            {"policy.spoor", "[file=policy.spoor] is missing or holds no whole record, but blocks were written under"
                + " version 1"},
            {"ingest-ledger.spoor", "[file=ingest-ledger.spoor] is missing, but ingest sessions ran on this journal"},
            {"ingest-ledger.secret", "[file=ingest-ledger.secret] ingest-ledger.secret is missing or empty, but the"
                + " ingest ledger names 1 source(s)"},
        };
        for (final String[] file : lost) {
            final Path journal = dir.resolve("j-" + file[0]);
            assertEquals(0, Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", csv.toString())
                .exitCode);
            assertEquals(0, Cli.run("verify", "--journal", journal.toString()).exitCode, "sound before");
            Files.delete(journal.resolve(file[0]));
            final Cli verify = Cli.run("verify", "--journal", journal.toString());
            assertEquals(1, verify.exitCode, file[0] + ": " + verify);
            assertTrue(verify.out.contains("problem: " + file[1]), verify.toString());
        }
    }

    @Test
    void aKilledCompactionsLeftoverIsNotedNotCalledDamage() throws Exception {
        final Path csv = Files.writeString(dir.resolve("rec.csv"), "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,"
            + "modifiers\nws,1000,move,1,2,,,,,,\n");
        final Path journal = dir.resolve("j");
        assertEquals(0, Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", csv.toString())
            .exitCode);
        Files.writeString(Files.createDirectories(journal.resolve("compact-1234")).resolve("metadata.cq4t"), "x");
        final Cli verify = Cli.run("verify", "--journal", journal.toString());
        assertEquals(0, verify.exitCode, verify.toString());
        assertTrue(verify.out.contains("note: compact-1234/ was left by a compaction that did not finish"),
            verify.out);
        assertEquals(0, Cli.run("compact", "--journal", journal.toString()).exitCode);
        assertFalse(Files.exists(journal.resolve("compact-1234")));
        assertFalse(Cli.run("verify", "--journal", journal.toString()).out.contains("note:"));
    }
}
