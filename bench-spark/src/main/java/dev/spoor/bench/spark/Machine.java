/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** What a result needs beside it: the CPU, and the files and bytes of each source. */
final class Machine {
    private Machine() {
    }

    /** @return e.g. {@code 2 x Intel(R) Xeon(R) Processor}. */
    static String cpu() {
        final int cores = Runtime.getRuntime().availableProcessors();
        try {
            final List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (final String line : lines) {
                if (line.startsWith("model name")) {
                    return cores + " x " + line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (final IOException notLinux) {
            // Fall through to the core count alone.
        }
        return cores + " cores";
    }

    /** @return e.g. {@code 4 files, 52.3 MB}: files, and bytes allocated on disk as {@code du} counts them. */
    static String describe(final Path root) throws IOException {
        long files = 0;
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (final Path p : (Iterable<Path>)walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files++;
                    bytes += Files.size(p);
                }
            }
        }
        final long allocated = allocatedBytes(root);
        return String.format(Locale.ROOT, "%,d files, %.1f MB", files, (allocated >= 0 ? allocated : bytes) / 1e6);
    }

    /** Chronicle's cycle files are sparse: their length is not what they take. @return -1 without du. */
    private static long allocatedBytes(final Path root) {
        try {
            final Process du = new ProcessBuilder("du", "-s", "-B1", root.toString()).redirectErrorStream(true).start();
            final String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return du.waitFor() == 0 ? Long.parseLong(out.trim().split("\\s+")[0]) : -1;
        } catch (final IOException | NumberFormatException e) {
            return -1;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
