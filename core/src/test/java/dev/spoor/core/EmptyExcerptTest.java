/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.recovery.RepairReport;
import dev.spoor.core.recovery.VerifyReport;
import dev.spoor.testkit.ReliabilityLog;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An empty excerpt (Chronicle frames it as 1 byte) at the end of the last cycle, written after the writer's last
 * summary update: opening catches the summary up, verify names the excerpt, and repair leaves a tombstone in its
 * place with every event kept.
 */
class EmptyExcerptTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aZeroLengthExcerptIsNamedByVerifyAndMadeATombstoneByRepair() throws Exception {
        final DamagedJournal model = new DamagedJournal(dir, 2, 2_000);
        final long lastCycleMs = DamagedJournal.START_MS + 3_600_000L;
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.resolve("queue"))
            .rollCycle(RollCycles.FAST_HOURLY).timeProvider(() -> lastCycleMs).build();
             ExcerptAppender appender = queue.createAppender()) {
            try (DocumentContext context = appender.writingDocument()) {
                context.wire().bytes().writeSkip(0); // nothing written: Chronicle frames it as 1 byte
            }
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertTrue(journal.damage().isEmpty(), journal.damage().toString());
            final VerifyReport report = journal.verify();
            assertEquals(1, report.problems().size(), report.toString());
            assertTrue(report.problems().get(0).reason().contains("holds no block"), report.toString());
            assertEquals(model.all(), DamagedJournal.events(journal));
        }
        final RepairReport repair = Journal.repair(dir, false);
        assertEquals(1, repair.blocksDropped(), repair.actions().toString());
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertTrue(journal.verify().isClean(), journal.verify().toString());
            assertEquals(model.all(), DamagedJournal.events(journal));
        }
        ReliabilityLog.record("zero-length excerpt", "repair", 1, model.all().size(), model.all().size(),
            "./mvnw -B -o verify -pl core -am -Dtest=EmptyExcerptTest");
    }
}
