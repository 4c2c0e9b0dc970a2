/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.testkit.ChildProcesses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test helpers over a journal's files. */
public final class JournalFiles {
    private JournalFiles() {
    }

    /** Bytes of all blocks, as the verifier counts them. */
    static long blockBytes(final Path dir) {
        try (Journal journal = Journal.openReadOnly(dir)) {
            return journal.verify().blockBytes();
        }
    }

    public static List<Path> cycleFiles(final Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().collect(Collectors.toList());
        }
    }

    /** Bytes the file system allocated for a tree (du), not the files' lengths. */
    static long allocatedBytes(final Path dir) throws IOException, InterruptedException {
        final Path out = Files.createTempFile("du", ".out");
        try (ChildProcesses children = new ChildProcesses()) {
            final Process du = children.start(new ProcessBuilder("du", "-s", "-B1", dir.toString())
                .redirectOutput(out.toFile()));
            final int code = children.waitFor(du, Duration.ofSeconds(60));
            final String printed = Files.readString(out).trim();
            if (code != 0) {
                throw new IOException("du exited " + code + " for " + dir + ": " + printed);
            }
            return Long.parseLong(printed.split("\\s+")[0]);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Sum of file lengths in a tree. */
    static long apparentBytes(final Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /**
     * @param haystack bytes to search.
     * @param needle   bytes to find.
     * @return where needle first starts in haystack, or -1.
     */
    public static int indexOf(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
