/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import dev.spoor.query.export.LineageManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files an ingest reads: files given by name are taken as they are; folders are searched recursively for the
 * files the format accepts (by name), in sorted order, so that a folder of mixed recordings ingests just its
 * format's files. A folder's lineage manifests ({@code *.manifest.json}, {@code _manifest.json}, written beside
 * Spoor's own exports) are not recordings and are passed over, and a file named twice (by another path, a link
 * or a folder holding it) is read once.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * @param format the format.
     * @param paths  files and folders.
     * @return the files, in the order given (each folder's files sorted).
     * @throws IngestException when a path does not exist or nothing of the format is found.
     * @throws UncheckedIOException when a folder cannot be listed.
     */
    public static List<Path> find(final RecordingFormat format, final List<Path> paths) {
        final List<Path> files = new ArrayList<>();
        final Set<Path> seen = new HashSet<>();
        for (final Path path : paths) {
            if (Files.isRegularFile(path)) {
                addOnce(path, files, seen);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> found = Files.walk(path, FileVisitOption.FOLLOW_LINKS)) {
                    found.filter(format::accepts).filter(file -> !isManifest(file)).filter(InputFiles::isFileNotLink)
                        .sorted().forEach(file -> addOnce(file, files, seen));
                } catch (final UncheckedIOException e) {
                    throw new IngestException("cannot list " + path + ": " + e.getCause(), e.getCause());
                } catch (final IOException e) {
                    throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
                }
            } else if (Files.isSymbolicLink(path)) {
                throw new IngestException(path + ": a link to nothing (" + linkTarget(path) + ")");
            } else {
                throw new IngestException(path + ": no such file or folder");
            }
        }
        if (files.isEmpty()) {
            throw new IngestException("no " + format.name().toLowerCase(Locale.ROOT) + " files in " + paths);
        }
        return files;
    }

    /**
     * A recording's name on a regular file (a linked one too: folders and files are followed through links), or a
     * link to nothing, which would otherwise drop out of the run without a word.
     *
     * @throws IngestException for a link to nothing.
     */
    private static boolean isFileNotLink(final Path file) {
        if (Files.isRegularFile(file)) {
            return true;
        }
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            throw new IngestException(file + ": a link to nothing (" + linkTarget(file) + "); remove it or restore"
                + " what it points to");
        }
        return false;
    }

    private static String linkTarget(final Path link) {
        try {
            return "it points to " + Files.readSymbolicLink(link);
        } catch (final IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** @return true for a lineage manifest that Spoor's exports write beside their files. */
    static boolean isManifest(final Path file) {
        final String name = file.getFileName().toString();
        return name.endsWith(LineageManifest.SUFFIX) || name.equals(LineageManifest.DIRECTORY_MANIFEST);
    }

    private static void addOnce(final Path file, final List<Path> files, final Set<Path> seen) {
        if (seen.add(realPath(file))) {
            files.add(file);
        }
    }

    private static Path realPath(final Path file) {
        try {
            return file.toRealPath();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot resolve " + file + ": " + e.getMessage(), e);
        }
    }
}
