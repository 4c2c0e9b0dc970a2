/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.DiskFullException;
import dev.spoor.core.JournalException;
import net.openhft.posix.PosixAPI;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Disk space for memory-mapped writes. A store into a mapped page the file system cannot back (a sparse hole on a
 * full disk) is a SIGBUS: a JVM crash or an {@code InternalError}, never an exception a caller can handle. So every
 * mapped region Spoor writes is backed first by writing zeros through a {@link FileChannel}, which fails cleanly
 * with "No space left on device"; this class does that and turns the failure into a {@link DiskFullException}.
 */
public final class FileSpace {
    /** The page size assumed when looking for holes; a larger real page only makes the checks finer. */
    public static final int PAGE = 4096;
    private static final int O_RDWR = 2;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;
    private static final int ZEROS_LENGTH = 64 * 1024;

    private FileSpace() {
    }

    /**
     * @return a direct buffer of zeros to back regions with, reused by one thread.
     */
    public static ByteBuffer zeros() {
        return ByteBuffer.allocateDirect(ZEROS_LENGTH);
    }

    /**
     * Writes zeros over [from, to) of a region nobody else writes (beyond everything written so far).
     *
     * @param channel the file, open for writing.
     * @param from    first byte.
     * @param to      end, exclusive.
     * @param zeros   from {@link #zeros()}.
     * @throws IOException ENOSPC and other write failures.
     */
    public static void writeZeros(final FileChannel channel, final long from, final long to, final ByteBuffer zeros)
        throws IOException {
        long at = from;
        while (at < to) {
            zeros.clear().limit((int)Math.min(zeros.capacity(), to - at));
            while (zeros.hasRemaining()) {
                at += channel.write(zeros, at);
            }
        }
    }

    /**
     * Gives the disk space of whole pages back without changing the file's size (Linux {@code fallocate} with
     * {@code FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE}, through Chronicle's POSIX binding): the pages then read as
     * zeros. Only for regions whose contents are no longer needed and that no one writes meanwhile.
     *
     * @param file   the file.
     * @param offset first byte, a multiple of {@link #PAGE}.
     * @param length bytes, a multiple of {@link #PAGE}.
     * @return true when the space was given back; false where the platform cannot (nothing changed).
     */
    public static boolean punchHole(final Path file, final long offset, final long length) {
        try {
            final PosixAPI posix = PosixAPI.posix();
            final int fd = posix.open(file.toString(), O_RDWR, 0);
            if (fd < 0) {
                return false;
            }
            try {
                return posix.fallocate(fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, offset, length) == 0;
            } finally {
                posix.close(fd);
            }
        } catch (final RuntimeException | LinkageError unavailable) {
            return false; // no native binding here: the space stays held until the file is deleted
        }
    }

    /**
     * Backs [from, to) page by page without changing any byte: a page that reads all zeros (a hole, or beyond the
     * end of the file) is written with zeros; a page holding data is allocated already and left alone. Only for
     * regions no other thread or process writes meanwhile.
     *
     * @param channel the file, open for reading and writing.
     * @param from    first byte (rounded down to a page).
     * @param to      end, exclusive.
     * @param zeros   from {@link #zeros()}; used as the read buffer too.
     * @throws IOException ENOSPC and other failures.
     */
    public static void fillHoles(final FileChannel channel, final long from, final long to, final ByteBuffer zeros)
        throws IOException {
        for (long page = from - from % PAGE; page < to; page += PAGE) {
            if (isZeroPage(channel, page, zeros)) {
                clear(zeros);
                writeZeros(channel, page, page + PAGE, zeros);
            }
        }
        clear(zeros);
    }

    /**
     * Where the data written from {@code from} on ends, page-wise: the first page at or after {@code from}'s page
     * that reads all zeros (a hole, an unwritten page, or the end of the file).
     *
     * @param channel the file, open for reading.
     * @param from    a position at or before the end of the data.
     * @param zeros   from {@link #zeros()}; used as the read buffer.
     * @return the offset of that page.
     * @throws IOException when reading fails.
     */
    public static long firstZeroPage(final FileChannel channel, final long from, final ByteBuffer zeros)
        throws IOException {
        long page = from - from % PAGE;
        while (true) {
            if (isZeroPage(channel, page, zeros)) {
                clear(zeros);
                return page;
            }
            page += PAGE;
        }
    }

    /** Reads the page at {@code page} into {@code zeros}: true when it is all zeros (or past the end). */
    private static boolean isZeroPage(final FileChannel channel, final long page, final ByteBuffer zeros)
        throws IOException {
        zeros.clear().limit(PAGE);
        int read = 0;
        while (zeros.hasRemaining()) {
            final int n = channel.read(zeros, page + read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        for (int i = 0; i < read; i++) {
            if (zeros.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void clear(final ByteBuffer zeros) {
        zeros.clear();
        for (int i = 0; i < zeros.capacity(); i += Long.BYTES) {
            zeros.putLong(i, 0L);
        }
    }

    /**
     * @param e an I/O failure.
     * @return true when it says the file system is full (or the user's quota is).
     */
    public static boolean isNoSpace(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            final String message = t.getMessage();
            if (message != null && (message.contains("No space left on device")
                || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param dir the directory.
     * @return bytes usable there, -1 when unknown.
     */
    public static long usableBytes(final Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (final IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The exception for a write that failed: a {@link DiskFullException} naming the directory, file and bytes
     * needed and free when the file system is full, else a {@link JournalException}.
     *
     * @param journalDir the journal directory.
     * @param file       the file that could not be written.
     * @param what       what was being written, e.g. "a new staging slot".
     * @param bytesNeeded bytes the write needed.
     * @param cause      the failure.
     * @return the exception to throw.
     */
    public static JournalException failure(final Path journalDir, final Path file, final String what,
        final long bytesNeeded, final IOException cause) {
        if (isNoSpace(cause)) {
            return diskFull(journalDir, file, what, bytesNeeded, cause);
        }
        return new JournalException("cannot write " + what + " to " + file + ": " + cause.getMessage(), cause);
    }

    /**
     * @param journalDir  the journal directory.
     * @param file        the file that could not grow.
     * @param what        what was being written.
     * @param bytesNeeded bytes the write needed.
     * @param cause       the failure, or null.
     * @return the exception, with a message naming the directory, file, and bytes needed and free.
     */
    public static DiskFullException diskFull(final Path journalDir, final Path file, final String what,
        final long bytesNeeded, final Throwable cause) {
        final long free = usableBytes(file.getParent() != null ? file.getParent() : journalDir);
        return new DiskFullException("journal " + journalDir + ": no space left on device for " + what + " in "
            + file.getFileName() + ": needs " + bytesNeeded + " bytes, " + (free < 0 ? "unknown" : free)
            + " free; free space there and retry (everything accepted so far is kept)", journalDir, bytesNeeded,
            cause);
    }
}
