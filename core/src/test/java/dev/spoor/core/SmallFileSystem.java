/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, small file system for full-disk tests: a tmpfs of a few MiB mounted on a fresh directory (needs root;
 * the test is skipped, saying why, where mounting is not allowed), unmounted on close.
 */
final class SmallFileSystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFileSystem(final Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /**
     * @param sizeMiB its size.
     * @return the mounted file system; the calling test is skipped when it cannot be mounted.
     */
    static SmallFileSystem mount(final int sizeMiB) throws IOException, InterruptedException {
        final Path dir = Files.createTempDirectory("spoor-small-fs");
        final int exit = run("mount", "-t", "tmpfs", "-o", "size=" + sizeMiB + "m", "tmpfs", dir.toString());
        if (exit != 0) {
            Files.deleteIfExists(dir);
        }
        Assumptions.assumeTrue(exit == 0, "cannot mount a " + sizeMiB + " MiB tmpfs on " + dir + " (exit " + exit
            + "; needs root): full-disk test skipped");
        return new SmallFileSystem(dir);
    }

    Path root() {
        return mountPoint;
    }

    /**
     * Removes everything on it, and waits (up to 10 s) until the space is free: a deleted file's pages stay taken
     * while a mapping of it lives, and a writer's staging mapping is released by the garbage collector.
     */
    void clear() throws IOException {
        try (Stream<Path> files = Files.list(mountPoint)) {
            for (final Path top : (Iterable<Path>)files::iterator) {
                deleteTree(top);
            }
        }
        final long total = Files.getFileStore(mountPoint).getTotalSpace();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (freeBytes() < total - (256 << 10) && System.nanoTime() < deadline) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Takes space with a file of zeros (tmpfs backs every page written).
     *
     * @param name  its name.
     * @param bytes its size; stops quietly when the file system is full first.
     * @return the file.
     */
    Path fill(final String name, final long bytes) throws IOException {
        final Path file = mountPoint.resolve(name);
        final ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long at = 0;
            while (at < bytes) {
                zeros.clear().limit((int)Math.min(zeros.capacity(), bytes - at));
                at += channel.write(zeros, at);
            }
        } catch (final IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return file;
    }

    /** @return bytes free. */
    long freeBytes() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    static void deleteTree(final Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(top)) {
            for (final Path p : (Iterable<Path>)walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        clear();
        try {
            if (run("umount", mountPoint.toString()) != 0) {
                run("umount", "-l", mountPoint.toString()); // a mapping not yet released: detach, freed when it is
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted unmounting " + mountPoint, e);
        }
        Files.deleteIfExists(mountPoint);
    }

    private static int run(final String... command) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
