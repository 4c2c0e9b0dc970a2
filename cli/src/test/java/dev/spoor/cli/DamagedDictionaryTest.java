/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flipped byte inside {@code devices.dict} no longer leaves a journal unwritable for good: writers refuse it,
 * naming {@code spoor repair}; repair's plan and run drop the damaged record only, keeping the whole records before
 * and after it; the journal is written again, and the device whose key was lost shows by id.
 */
class DamagedDictionaryTest {
    private static final String HEADER = "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n";

    @TempDir
    Path dir;

    @Test
    void repairKeepsTheWholeRecordsAroundADamagedOne() throws Exception {
        final Path csv = Files.writeString(dir.resolve("rec.csv"), HEADER + "alice,1000,move,1,2,,,,,,\n"
            + "bob,2000,move,3,4,,,,,,\n" + "carol,3000,move,5,6,,,,,,\n");
        final Path journal = dir.resolve("j");
        assertEquals(0, Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", csv.toString())
            .exitCode);
        final Path dictionary = journal.resolve("devices.dict");
        final byte[] bytes = Files.readAllBytes(dictionary);
        final int bob = 4 + 8 + "alice".length() + 4; // the second record: [length][id][key][crc]
        bytes[bob + 4 + 8 + 1] ^= 0x20; // inside "bob": its checksum fails
        Files.write(dictionary, bytes);

        final Path more = Files.writeString(dir.resolve("more.csv"), HEADER + "dave,4000,move,7,8,,,,,,\n");
        final Cli refused = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", more.toString());
        assertEquals(1, refused.exitCode, refused.toString());
        assertTrue(refused.err.contains("`spoor repair` keeps its whole records and drops the damaged bytes"),
            refused.err);

        final String kept = " 2 whole records (1 of them after the damage)";
        final Cli plan = Cli.run("repair", "--journal", journal.toString(), "--dry-run");
        assertTrue(plan.out.contains("plan: devices.dict: would drop 19 damaged bytes and keep" + kept), plan.out);
        assertEquals(bytes.length, Files.size(dictionary), "a dry run changes nothing");
        final Cli repair = Cli.run("repair", "--journal", journal.toString());
        assertEquals(0, repair.exitCode, repair.toString());
        assertTrue(repair.out.contains("done: devices.dict: dropped 19 damaged bytes and kept" + kept), repair.out);

        assertEquals(0, Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", more.toString())
            .exitCode);
        assertEquals(0, Cli.run("verify", "--journal", journal.toString()).exitCode);
        final Cli devices = Cli.run("devices", "--journal", journal.toString());
        assertTrue(devices.out.contains("alice\t") && devices.out.contains("carol\t") && devices.out.contains("dave\t")
            && devices.out.contains("(no key stored)\t"), devices.out);
    }
}
