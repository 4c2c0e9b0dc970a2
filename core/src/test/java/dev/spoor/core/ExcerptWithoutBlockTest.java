/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.recovery.VerifyReport;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal holding a zero-length and a torn excerpt (what a full disk left before appends backed their pages) is
 * not stuck: recovery, appends, reads, tailers and stats go on past them, and verify names each.
 */
@Timeout(120)
class ExcerptWithoutBlockTest {
    private static final long T0 = 1_767_600_000_000_000_000L;

    @Test
    void shouldSkipExcerptsWithoutBlockAndKeepAppending(@TempDir final Path dir) {
        final ManualClock clock = new ManualClock(1_767_600_000_000L);
        final JournalConfig config = new JournalConfig().blockEvents(256).clock(clock);
        append(dir, config, 0, 1000);
        writeRaw(dir.resolve("queue"), clock, new byte[0]);
        writeRaw(dir.resolve("queue"), clock, new byte[20]);
        append(dir, config, 1000, 1000);
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.newReader();
             JournalTailer tailer = journal.newTailer()) {
            final long[] events = {0};
            reader.readAll((queueIndex, deviceId, buffer, offset, length) -> {
                events[0] += buffer.getInt(offset + 32, java.nio.ByteOrder.LITTLE_ENDIAN);
                return true;
            });
            assertEquals(2000, events[0], "every event read past the excerpts without a block");
            assertEquals(2, reader.excerptsWithoutBlockSkipped());
            int blocks = 0;
            while (tailer.poll((p, d, b, o, l) -> true, 100) > 0) {
                blocks++;
            }
            assertTrue(blocks > 0);
            assertEquals(2000, journal.stats().events());
            final VerifyReport report = journal.verify();
            assertEquals(2, report.problems().size(), report.problems().toString());
            assertTrue(report.problems().toString().contains("holds no block"), report.problems().toString());
        }
    }

    private static void append(final Path dir, final JournalConfig config, final int from, final int count) {
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            final long device = journal.devices().register("d");
            for (int i = from; i < from + count; i++) {
                writer.move(device, T0 + i * 1_000_000L, i % 500, i % 300, 0);
            }
        }
    }

    /** An excerpt written straight through Chronicle, as Spoor never would. */
    private static void writeRaw(final Path queueDir, final ManualClock clock, final byte[] content) {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(queueDir).rollCycle(RollCycles.FAST_HOURLY)
            .blockSize(1L << 20).indexSpacing(1).timeProvider(clock::millis).build();
             ExcerptAppender appender = queue.createAppender();
             DocumentContext context = appender.writingDocument()) {
            final Bytes<?> bytes = context.wire().bytes();
            bytes.write(content);
        }
    }
}
