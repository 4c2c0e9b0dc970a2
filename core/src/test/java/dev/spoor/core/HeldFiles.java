/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Which files under a directory this process holds, from Linux's {@code /proc/self}: open descriptors, mappings. */
final class HeldFiles {
    /** This process's open descriptors, one link each. */
    static final Path FDS = Path.of("/proc/self/fd");
    private static final Path MAPS = Path.of("/proc/self/maps");

    private HeldFiles() {
    }

    /** @return true where {@code /proc/self} can be read (Linux). */
    static boolean isSupported() {
        return Files.isDirectory(FDS);
    }

    /** Files under {@code root} this process holds a descriptor of, sorted. */
    static List<String> open(final Path root) throws IOException {
        final Path real = root.toRealPath();
        try (Stream<Path> fds = Files.list(FDS)) {
            return fds.map(HeldFiles::target).filter(p -> p != null && p.startsWith(real))
                .map(Path::toString).sorted().collect(Collectors.toList());
        }
    }

    /** Files under {@code root} mapped into this process, sorted. */
    static List<String> mapped(final Path root) throws IOException {
        final String real = root.toRealPath().toString() + "/";
        return Files.readAllLines(MAPS).stream().map(line -> line.substring(line.lastIndexOf(' ') + 1))
            .filter(path -> path.startsWith(real)).distinct().sorted().collect(Collectors.toList());
    }

    private static Path target(final Path fd) {
        try {
            return Files.readSymbolicLink(fd);
        } catch (final IOException e) {
            return null; // closed while listing
        }
    }
}
