/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalStats;
import dev.spoor.core.index.IndexFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What {@code spoor stats} prints: the journal's counts from its index ({@link Journal#stats()}, no block is
 * read) and what its files take on disk.
 */
record StatsReport(JournalStats journal, long diskBytes, long indexBytes) {
    static StatsReport of(final Journal journal) {
        final JournalStats stats = journal.stats();
        final Path index = journal.directory().resolve(IndexFile.FILE_NAME);
        return new StatsReport(stats, diskBytes(journal.directory()), Files.exists(index) ? size(index) : 0);
    }

    long events() {
        return journal.events();
    }

    long blocks() {
        return journal.blocks();
    }

    long devices() {
        return journal.devices();
    }

    long cycles() {
        return journal.cycles();
    }

    long minTs() {
        return journal.minTimestampNs();
    }

    long maxTs() {
        return journal.maxTimestampNs();
    }

    long journalBytes() {
        return journal.blockBytes();
    }

    double bytesPerEvent() {
        return journal.bytesPerEvent();
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
            return files.filter(Files::isRegularFile).mapToLong(StatsReport::size).sum();
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
