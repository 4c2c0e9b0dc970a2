/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.EventType;
import dev.spoor.core.internal.ChronicleSupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Child process of {@link CloseReleaseTest}: writes a journal, scans it, closes it, and reports at once (no wait)
 * which files of the journal the process still holds open or mapped, whether Chronicle releases files in the
 * background in this JVM, and whether its releaser thread runs.
 */
public final class CloseReleaseMain {
    private CloseReleaseMain() {
    }

    /**
     * @param args the journal directory.
     * @throws IOException when /proc cannot be read.
     */
    public static void main(final String[] args) throws IOException {
        final Path dir = Path.of(args[0]);
        try (Journal journal = Journal.open(dir, new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            final long device = journal.devices().register("d");
            for (int i = 0; i < 20_000; i++) {
                writer.append(device, 1_000_000L * i, EventType.MOVE, i % 1920, i % 1080, 0, 0);
            }
        }
        System.out.println("held-after-writing=" + held(dir)); // at once: nothing in between to give a releaser time
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.newReader()) {
            System.out.println("blocks=" + reader.readAll((index, device, buffer, offset, length) -> true));
        }
        System.out.println("held-after-reading=" + held(dir));
        System.out.println("background=" + ChronicleSupport.isBackgroundRelease());
        System.out.println("releaser-thread=" + Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().contains("resource~releaser")));
    }

    /** Files under {@code dir} this process has open or mapped. */
    private static List<String> held(final Path dir) throws IOException {
        final Path real = dir.toRealPath();
        final List<String> mapped = Files.readAllLines(Path.of("/proc/self/maps")).stream()
            .map(line -> line.substring(line.lastIndexOf(' ') + 1)).filter(p -> p.startsWith(real + "/"))
            .collect(Collectors.toList());
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.map(CloseReleaseMain::target).filter(p -> p != null && p.startsWith(real))
                .forEach(p -> mapped.add(p.toString()));
        }
        return mapped.stream().distinct().sorted().collect(Collectors.toList());
    }

    private static Path target(final Path fd) {
        try {
            return Files.readSymbolicLink(fd);
        } catch (final IOException e) {
            return null; // closed while listing
        }
    }
}
