/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive locks on a journal's lock files ({@code journal.lock}, {@code compaction.lock},
 * {@code ingest-ledger.lock}), held at most once per process.
 * <p>Why a register of what this process holds: on Linux a {@link FileLock} is a POSIX record lock, and POSIX drops
 * every such lock a process holds on a file as soon as the process closes any descriptor of that file (the caveat in
 * {@link FileLock}'s documentation). So a second channel opened on a lock file this process already holds (a second
 * open of the same journal, a delete or repair while it is open, all refused) must never be opened at all: closing
 * it would silently release the first holder's lock, and another process could then take it (two writers of one
 * journal). {@link #tryHold} consults the register before it opens anything. Nothing else may open these files.
 */
public final class LockFiles {
    /** The lock files this process holds, by absolute path with the directory's symbolic links resolved. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private LockFiles() {
    }

    /** A lock file held by this process; {@link #close()} releases it. */
    public static final class Held implements AutoCloseable {
        private final Path key;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean isReleased;

        private Held(final Path key, final FileChannel channel, final FileLock lock) {
            this.key = key;
            this.channel = channel;
            this.lock = lock;
        }

        /**
         * @return the lock file.
         */
        public Path file() {
            return key;
        }

        /** Releases the lock and closes the file; a second call does nothing. */
        @Override
        public synchronized void close() {
            if (isReleased) {
                return;
            }
            isReleased = true;
            try {
                lock.release();
                channel.close();
            } catch (final IOException ignored) {
                // Closing the descriptor releases the lock whatever the release said; nothing to report.
            } finally {
                HELD.remove(key);
            }
        }
    }

    /**
     * Takes a lock file's exclusive lock without waiting.
     *
     * @param file the lock file; created when missing.
     * @return the lock, or null when this process or another holds it (this process then opens nothing).
     * @throws IOException when the file cannot be created, opened or locked.
     */
    public static Held tryHold(final Path file) throws IOException {
        final Path key = key(file);
        if (!HELD.add(key)) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close(); // no lock of this process is on the file: closing releases nothing
                HELD.remove(key);
                return null;
            }
            return new Held(key, channel, lock);
        } catch (final IOException | RuntimeException | Error e) {
            HELD.remove(key);
            if (channel != null) {
                try {
                    channel.close();
                } catch (final IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * @param file a lock file.
     * @return true when this process holds it.
     * @throws IOException when its directory cannot be resolved.
     */
    public static boolean isHeldHere(final Path file) throws IOException {
        return HELD.contains(key(file));
    }

    private static Path key(final Path file) throws IOException {
        final Path absolute = file.toAbsolutePath().normalize();
        final Path parent = absolute.getParent();
        return parent != null && Files.isDirectory(parent) ? parent.toRealPath().resolve(absolute.getFileName())
            : absolute;
    }
}
