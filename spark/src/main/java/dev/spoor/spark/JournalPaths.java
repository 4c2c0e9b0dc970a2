/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Expands the paths a read names into journal directories: each path is a directory or a glob
 * ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}; {@code **} crosses directories), as Java's
 * {@link java.nio.file.FileSystem#getPathMatcher glob syntax} has it. A glob keeps the directories it matches
 * (files are passed over); a path or glob that names no directory is an error, as in Spark's file sources.
 */
final class JournalPaths {
    private JournalPaths() {
    }

    /**
     * @param patterns paths and globs; a {@code file:} prefix is allowed.
     * @return the journal directories, absolute, normalised, sorted, without repeats.
     * @throws IllegalArgumentException when a path or glob names no directory.
     */
    static List<String> expand(final List<String> patterns) {
        final TreeSet<String> journals = new TreeSet<>();
        for (final String raw : patterns) {
            final String pattern = raw.startsWith("file://") ? raw.substring("file://".length())
                : raw.startsWith("file:") ? raw.substring("file:".length()) : raw;
            final List<Path> matches = isGlob(pattern) ? glob(pattern) : plain(pattern);
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("spoor: path " + raw + " names no journal directory");
            }
            for (final Path match : matches) {
                journals.add(match.toString());
            }
        }
        return new ArrayList<>(journals);
    }

    private static List<Path> plain(final String pattern) {
        final Path path = Path.of(pattern).toAbsolutePath().normalize();
        return Files.isDirectory(path) ? List.of(path) : List.of();
    }

    private static boolean isGlob(final String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            final char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    private static List<Path> glob(final String pattern) {
        final Path absolute = Path.of(pattern).toAbsolutePath();
        // The walk starts at the longest leading run of names without glob characters.
        Path root = absolute.getRoot();
        int depth = 0;
        boolean isInGlob = false;
        for (final Path name : absolute) {
            if (!isInGlob && !isGlob(name.toString())) {
                root = root.resolve(name);
            } else {
                isInGlob = true;
                depth++;
            }
        }
        final boolean isDeep = pattern.contains("**");
        final PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, isDeep ? Integer.MAX_VALUE : depth)) {
            return walk.filter(p -> matcher.matches(p) && Files.isDirectory(p)).map(Path::normalize).toList();
        } catch (final IOException e) {
            throw new UncheckedIOException("spoor: cannot list " + root + " for " + pattern + ": " + e.getMessage(), e);
        }
    }
}
