/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.StagingArea;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Child process of {@link CrashLeftJournalTest}: dies (as SIGKILL would) in the middle of the first append of a
 * roll cycle, with the block being appended marked SEALING in its staging slot, which is exactly where a writer
 * killed while sealing its first block of a cycle stops. It stages {@code events} {@link KillEvents} of one
 * device, marks their slot SEALING as the sealer does before it appends, opens the cycle's first excerpt (Chronicle
 * creates the cycle file and writes the excerpt's header as not complete), writes part of the block and halts.
 * With {@code empty} it dies a moment later instead: the cycle file made and no excerpt in it (Chronicle rolled
 * back the one it opened).
 * <pre>args: journalDir events torn|empty</pre>
 */
public final class FirstAppendKillMain {
    private FirstAppendKillMain() {
    }

    /**
     * @param args journal directory, events to stage, torn (an excerpt left open) or empty (none).
     */
    public static void main(final String[] args) {
        final Path dir = Paths.get(args[0]);
        final Journal journal = Journal.open(dir, new JournalConfig().blockEvents(SealCrashMain.BLOCK_EVENTS));
        final long[] ids = KillEvents.devices(journal, 1);
        final JournalWriter writer = journal.newWriter();
        for (long i = 0; i < Long.parseLong(args[1]); i++) {
            KillEvents.append(writer, ids, i);
        }
        final File staging = dir.resolve(Journal.STAGING_DIR).resolve("writer-0.stg").toFile();
        final StagingArea area = StagingArea.open(staging);
        int slot = 0;
        while (area.count(slot) == 0) {
            slot++;
        }
        area.markSealing(slot);
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.resolve("queue"))
            .rollCycle(RollCycles.FAST_HOURLY).blockSize(1L << 20).indexSpacing(1).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext context = appender.writingDocument();
        if (args[2].equals("empty")) {
            // The cycle file made, its header written, and no excerpt in it.
            context.rollbackOnClose();
            context.close();
        } else {
            context.wire().bytes().writeLong(area.sealId(slot));
            context.wire().bytes().writeLong(0x5350_5242L);
        }
        System.out.println("halting");
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }
}
