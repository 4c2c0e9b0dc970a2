/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.codec.BlockHeaderFlyweight;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalReader;
import dev.spoor.core.index.IndexFile;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.LongHashSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts a journal from its block headers (one pass, nothing decoded) and its files. */
record JournalStats(long events, long blocks, long devices, long cycles, long minTs, long maxTs, long journalBytes,
                    long diskBytes, long indexBytes) {
    static JournalStats of(final Journal journal) {
        final long[] totals = new long[4];
        totals[2] = Long.MAX_VALUE;
        totals[3] = Long.MIN_VALUE;
        final long[] blocks = new long[1];
        final LongHashSet devices = new LongHashSet();
        final IntHashSet cycles = new IntHashSet();
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight();
        try (JournalReader reader = journal.newReader()) {
            reader.readAll((queueIndex, deviceId, buffer, offset, length) -> {
                header.wrap(buffer, offset, length);
                blocks[0]++;
                totals[0] += header.eventCount();
                totals[1] += length;
                totals[2] = Math.min(totals[2], header.minTimestampNs());
                totals[3] = Math.max(totals[3], header.maxTimestampNs());
                devices.add(deviceId);
                cycles.add(journal.cycleOf(queueIndex));
                return true;
            });
        }
        final Path index = journal.directory().resolve(IndexFile.FILE_NAME);
        return new JournalStats(totals[0], blocks[0], devices.size(), cycles.size(),
            blocks[0] == 0 ? 0 : totals[2], blocks[0] == 0 ? 0 : totals[3], totals[1],
            diskBytes(journal.directory()), Files.exists(index) ? size(index) : 0);
    }

    double bytesPerEvent() {
        return events == 0 ? 0 : (double)journalBytes / events;
    }

    /** Bytes allocated on disk ({@code du}); the files' lengths where du is not available. */
    private static long diskBytes(final Path dir) {
        try {
            final Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).redirectErrorStream(true).start();
            final String output = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (du.waitFor() == 0 && output.matches("\\d+\\s.*")) {
                return Long.parseLong(output.split("\\s")[0]);
            }
        } catch (final IOException e) {
            // no du here: fall back to lengths
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(JournalStats::size).sum();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long size(final Path file) {
        try {
            return Files.size(file);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }
}
