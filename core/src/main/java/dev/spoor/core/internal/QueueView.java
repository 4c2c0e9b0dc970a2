/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.JournalException;
import dev.spoor.core.RollPeriod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a read-only process gives Chronicle instead of a queue directory holding a damaged cycle file, so that
 * Chronicle never maps it and the journal is not changed: a private temporary directory (mode 0700) with a
 * symbolic link to each intact cycle file and, for each damaged one, a copy rebuilt from its whole excerpts
 * ({@link CycleRewriter}). A missing cycle is simply absent. Deleted on close. Cycle files a writer creates after
 * the view was made are not in it: a damaged journal is read as it was when opened (repair it to go on).
 */
public final class QueueView implements AutoCloseable {
    private final Path dir;

    private QueueView(final Path dir) {
        this.dir = dir;
    }

    /**
     * @param files      the queue's cycle files by cycle.
     * @param damaged    the cycles whose files are cut short.
     * @param rollPeriod the roll period.
     * @return the view.
     */
    public static QueueView create(final NavigableMap<Integer, Path> files, final Set<Integer> damaged,
        final RollPeriod rollPeriod) {
        final Path dir;
        try {
            dir = Files.createTempDirectory("spoor-view-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (final IOException e) {
            throw new JournalException("cannot create a temporary directory to read a damaged journal: "
                + e.getMessage(), e);
        }
        final QueueView view = new QueueView(dir);
        try {
            for (final Map.Entry<Integer, Path> file : files.entrySet()) {
                if (!damaged.contains(file.getKey())) {
                    Files.createSymbolicLink(dir.resolve(file.getValue().getFileName()),
                        file.getValue().toAbsolutePath());
                }
            }
            for (final int cycle : damaged) {
                final Path rebuilt = Files.createTempDirectory(dir, "cycle-");
                final Path file = CycleRewriter.rewrite(files.get(cycle), rollPeriod, cycle, rebuilt,
                    (index, bytes, length) -> true, files.lastKey() != cycle,
                    false);
                if (file != null) {
                    Files.move(file, dir.resolve(file.getFileName()));
                }
                delete(rebuilt);
            }
        } catch (final IOException | RuntimeException e) {
            view.close();
            throw e instanceof RuntimeException r ? r
                : new JournalException("cannot build a view of the queue: " + e.getMessage(), e);
        }
        return view;
    }

    /**
     * @return the directory to open Chronicle on.
     */
    public Path directory() {
        return dir;
    }

    @Override
    public void close() {
        try {
            delete(dir);
        } catch (final IOException ignored) {
            // a temporary directory: left for the system to clean
        }
    }

    private static void delete(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
