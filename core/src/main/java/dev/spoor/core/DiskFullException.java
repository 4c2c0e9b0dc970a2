/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.nio.file.Path;

/**
 * The journal's file system has no room for what was asked: nothing of the refused call was accepted, whatever
 * was accepted before it is on disk, and the same writer (or a reopen) carries on once space is freed. The
 * message names the journal directory, the file, the bytes needed and the bytes free.
 */
public class DiskFullException extends JournalException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;
    private final long bytesNeeded;

    /**
     * @param message     what could not be written, with the directory, file and sizes.
     * @param directory   the journal directory (or the directory of the file that could not grow).
     * @param bytesNeeded bytes the refused write needed at least.
     * @param cause       the I/O error the file system gave, or null.
     */
    public DiskFullException(final String message, final Path directory, final long bytesNeeded,
        final Throwable cause) {
        super(message, cause);
        this.directory = directory;
        this.bytesNeeded = bytesNeeded;
    }

    /**
     * @return the journal directory (or the directory of the file that could not grow).
     */
    public Path directory() {
        return directory;
    }

    /**
     * @return bytes the refused write needed at least.
     */
    public long bytesNeeded() {
        return bytesNeeded;
    }
}
