/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.JournalMeta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Where a tool may write a file it makes (a scan's rows, an export, a heatmap, an ingest's rejections): every writer
 * of Spoor's asks here first, because they write to {@code <file>.partial} and rename it over the path given, which
 * would replace whatever is there.
 * <ul>
 *   <li>never inside a journal (a directory holding {@code journal.spoor}, or any folder under one): a rename over
 *       {@code policy.spoor} or {@code devices.dict} would destroy the journal;</li>
 *   <li>never over an input of the same run (an ingest's rejections over the file it reads);</li>
 *   <li>through a symbolic link to the file it names (the link stays a link);</li>
 *   <li>a FIFO or a device is a <em>stream</em>: written in place, never renamed over (see {@link #isStream}).</li>
 * </ul>
 */
public final class OutputFile {
    private OutputFile() {
    }

    /**
     * Checks an output path and says where to write.
     *
     * @param out    the path given.
     * @param option how the user named it, for messages ({@code "--out"}, {@code "--rejections"}).
     * @param inputs files the same run reads (may be empty).
     * @return the path to write: {@code out}, or the file a symbolic link {@code out} names.
     * @throws IllegalArgumentException naming the path and the reason when it is a directory, lies inside a journal
     *                                  or is one of the inputs.
     */
    public static Path target(final Path out, final String option, final Collection<Path> inputs) {
        try {
            final Path target = Files.exists(out) ? out.toRealPath() : realParent(out).resolve(out.getFileName());
            if (Files.isDirectory(target)) {
                throw new IllegalArgumentException(option + ": " + out + " is a directory, not a file");
            }
            final Path journal = enclosingJournal(target);
            if (journal != null) {
                throw new IllegalArgumentException(option + ": " + out + " lies inside journal " + journal
                    + ", whose files it could replace; write it outside the journal's folder");
            }
            for (final Path input : inputs) {
                if (Files.exists(target) && Files.exists(input) && Files.isSameFile(target, input)) {
                    throw new IllegalArgumentException(option + ": " + out + " is " + input + ", an input of this"
                        + " run, which writing it would empty");
                }
            }
            return target;
        } catch (final IOException e) {
            throw new UncheckedIOException(option + ": cannot resolve " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param target a path {@link #target} returned.
     * @return true when it is a FIFO, a device or another file that is not regular: a reader may be waiting on it,
     *         so it is written in place, never replaced by a rename.
     */
    public static boolean isStream(final Path target) {
        return Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
    }

    /**
     * @param path a path.
     * @return the journal directory the path lies in (the nearest folder, the path's own or one above, holding
     *         {@code journal.spoor}), or null.
     */
    public static Path enclosingJournal(final Path path) {
        for (Path folder = path.toAbsolutePath().normalize().getParent(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(JournalMeta.FILE_NAME))) {
                return folder;
            }
        }
        return null;
    }

    private static Path realParent(final Path out) throws IOException {
        final Path parent = out.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            return out.toAbsolutePath().getRoot();
        }
        return Files.isDirectory(parent) ? parent.toRealPath() : parent;
    }
}
