/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.CycleSummary;
import dev.spoor.core.internal.CycleTail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link CycleTail} on real cycle files: intact ones chain back from the end their summary knows; a damaged length
 * in any of the last {@link CycleTail#STEPS} headers is found, whatever the change. Seed: {@code -Dspoor.test.seed}.
 */
class CycleTailTest {
    private static final long SEED = Long.getLong("spoor.test.seed", System.nanoTime());

    @TempDir
    Path root;

    @Test
    void everyIntactCycleFileChainsBackFromTheEndOfItsData() throws IOException {
        new DamagedJournal(root, 3, 4_000);
        final List<Path> files = JournalFiles.cycleFiles(root);
        final List<CycleSummary.Entry> entries = new ArrayList<>(CycleSummary.read(root).values());
        assertEquals(files.size(), entries.size());
        for (int i = 0; i < files.size(); i++) {
            assertNull(CycleTail.damageBefore(files.get(i), entries.get(i).endPosition()), files.get(i).toString());
        }
    }

    @Test
    void aDamagedLengthInAnyOfTheLastHeadersIsFound() throws IOException {
        System.out.println("CycleTailTest seed=" + SEED);
        final Random random = new Random(SEED);
        new DamagedJournal(root, 2, 6_000);
        final Path file = JournalFiles.cycleFiles(root).get(1);
        final long dataEnd = CycleSummary.read(root).lastEntry().getValue().endPosition();
        final byte[] intact = Files.readAllBytes(file);
        final List<Long> headers = DamagedCycleTest.dataHeaders(file);
        final List<IntUnaryOperator> changes = List.of(h -> 0x0FFF_0000 | random.nextInt(0x1_0000), h -> h + 4,
            h -> h - 4, h -> h + 64 * (1 + random.nextInt(8)), h -> 0, h -> h ^ 1 << random.nextInt(30));
        for (int fromEnd = 1; fromEnd <= CycleTail.STEPS; fromEnd++) {
            for (final IntUnaryOperator change : changes) {
                Files.write(file, intact);
                final long at = headers.get(headers.size() - fromEnd);
                final int was;
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.seek(at);
                    was = Integer.reverseBytes(raf.readInt());
                    raf.seek(at);
                    raf.writeInt(Integer.reverseBytes(change.applyAsInt(was)));
                }
                assertNotNull(CycleTail.damageBefore(file, dataEnd), "header " + fromEnd + " from the end, 0x"
                    + Integer.toHexString(was) + " changed, seed=" + SEED);
            }
        }
    }
}
