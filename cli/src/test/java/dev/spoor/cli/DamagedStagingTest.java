/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.internal.StagingLayout;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A damaged slot in a killed writer's staging file (a flipped type code) does not block the journal for good: every
 * open for writing refuses it, naming the file and `spoor repair`, and repair seals the intact rest, drops the
 * damaged slot and says how many events it held; the journal is written again afterwards.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DamagedStagingTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path dir;

    @Test
    void repairDropsADamagedStagingSlotAndTheJournalIsWrittenAgain() throws Exception {
        final Path journal = dir.resolve("j");
        StagedWriterMain.stageAndKill(children, journal);
        final Path staging = journal.resolve("staging").resolve("writer-0.stg");
        try (RandomAccessFile file = new RandomAccessFile(staging.toFile(), "rw")) {
            final int slot0 = StagingLayout.HEADER_LENGTH;
            file.seek(slot0 + StagingLayout.COUNT_OFFSET);
            assertEquals(StagedWriterMain.EVENTS, Integer.reverseBytes(file.readInt()), "slot 0 holds erin's events");
            file.seek(slot0 + StagingLayout.SLOT_HEADER_LENGTH + StagingLayout.TYPE_OFFSET);
            file.write(0x7F); // no event type
        }
        final Path csv = Files.writeString(dir.resolve("rec.csv"), "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,"
            + "modifiers\nws,1000,move,1,2,,,,,,\n");
        final Cli refused = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", csv.toString());
        assertEquals(1, refused.exitCode, refused.toString());
        assertTrue(refused.err.contains(staging + " slot 0 event 0 has unknown type code 127")
            && refused.err.contains("`spoor repair` seals the file's intact slots and drops this one (500 events)"),
            refused.err);

        final Cli repair = Cli.run("repair", "--journal", journal.toString());
        assertEquals(0, repair.exitCode, repair.toString());
        assertTrue(repair.out.contains("done: dropped a damaged staging slot, writer-0.stg slot 0: 500 events of"
            + " device "), repair.out);
        assertTrue(repair.out.contains("and 500 staged events of damaged staging slots"), repair.out);

        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", csv.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertEquals(0, Cli.run("verify", "--journal", journal.toString()).exitCode);
        assertEquals(2, Cli.run("scan", "--journal", journal.toString()).out.lines().count(), "header and ws's row");
    }
}
