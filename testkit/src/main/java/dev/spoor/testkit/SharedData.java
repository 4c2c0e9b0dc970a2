/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the team's shared recordings ({@code ../shared/data} beside the repository). They are licensed for
 * internal testing only and are never copied into the project; a clone elsewhere has none, so callers
 * skip with {@link #absentMessage(String)}.
 */
public final class SharedData {
    /** System property that overrides where the shared data lives. */
    public static final String PROPERTY = "spoor.shared.data";
    /** The Balabit mouse-dynamics folder name. */
    public static final String BALABIT = "balabit-mouse-dynamics";
    /** The Aalto keystroke sample folder name. */
    public static final String AALTO = "aalto-136m-keystrokes-sample";
    /** The DuckTrack (pynput JSONL, macOS, sub-pixel coordinates) example folder name. */
    public static final String DUCKTRACK = "ducktrack-example";

    private SharedData() {
    }

    /**
     * @return the shared data root: the {@value #PROPERTY} property, else the first {@code ../shared/data}
     *         found walking up from the working directory.
     */
    public static Path root() {
        final String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            final Path candidate = dir.resolve("../shared/data").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return Paths.get("../shared/data").toAbsolutePath().normalize();
    }

    /**
     * @param dataset folder name under the root.
     * @return the folder (which may not exist).
     */
    public static Path dataset(final String dataset) {
        return root().resolve(dataset);
    }

    /**
     * @param dataset folder name under the root.
     * @return true when the folder exists.
     */
    public static boolean isPresent(final String dataset) {
        return Files.isDirectory(dataset(dataset));
    }

    /**
     * @param dataset folder name under the root.
     * @return why a test that needs {@code dataset} is skipped.
     */
    public static String absentMessage(final String dataset) {
        return "shared data set '" + dataset + "' not found at " + dataset(dataset)
            + " (set -D" + PROPERTY + "=DIR to point at it); skipping the real-data test";
    }

    /**
     * @param folder    where to look, recursively.
     * @param predicate which file names to keep.
     * @return matching regular files, sorted by path.
     */
    public static List<Path> files(final Path folder, final Predicate<String> predicate) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                .filter(p -> predicate.test(p.getFileName().toString()))
                .sorted()
                .collect(Collectors.toList());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
