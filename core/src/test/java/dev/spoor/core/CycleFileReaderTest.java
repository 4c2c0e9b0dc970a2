/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.CycleFileReader;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.internal.QueueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FileChannel reader of cycle files finds exactly the excerpts, indexes and end positions Chronicle does. */
class CycleFileReaderTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void readsEveryExcerptChronicleReadsWithItsIndexAndEndPosition() throws Exception {
        new DamagedJournal(dir, 3, 3_000);
        try (Journal journal = Journal.openReadOnly(dir)) {
            final QueueStore queue = JournalInternals.of(journal).queue();
            int cycles = 0;
            for (final Map.Entry<Integer, Path> file : queue.cycleFiles().entrySet()) {
                cycles++;
                try (CycleFileReader reader = CycleFileReader.open(file.getValue());
                     QueueStore.Cursor cursor = queue.cursor()) {
                    cursor.at(queue.firstIndexOf(file.getKey()));
                    boolean hasNext = true;
                    int excerpts = 0;
                    while (hasNext && queue.cycleOf(cursor.index()) == file.getKey()) {
                        assertTrue(reader.next(true), "excerpt " + excerpts + " of " + file.getValue());
                        assertEquals(cursor.index(), queue.firstIndexOf(file.getKey()) + reader.sequence());
                        assertEquals(cursor.length(), reader.length());
                        assertArrayEquals(Arrays.copyOf(cursor.bytes(), cursor.length()),
                            Arrays.copyOf(reader.bytes(), reader.length()));
                        assertEquals(cursor.endPosition(), reader.dataEnd(), "end of excerpt " + excerpts);
                        excerpts++;
                        hasNext = cursor.next();
                    }
                    assertTrue(excerpts > 0);
                    assertEquals(false, reader.next(false));
                    System.out.println(file.getValue().getFileName() + ": " + excerpts + " excerpts, end "
                        + reader.end() + " at " + reader.position() + ", data end " + reader.dataEnd() + ", length "
                        + reader.fileLength());
                }
            }
            assertEquals(3, cycles);
        }
    }
}
