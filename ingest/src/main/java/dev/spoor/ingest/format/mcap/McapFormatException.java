/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format.mcap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An MCAP file that is not what the spec says: damaged, cut short, or not MCAP at all. Names the file, the byte
 * offset (from the start of the file) of the record where reading stopped, and the record.
 */
public final class McapFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file. */
    private final transient Path file;
    private final long offset;
    private final String record;
    private final String problem;
    private final boolean isTruncated;

    /**
     * @param file        the file.
     * @param offset      byte offset of the record (or field) at fault, from the start of the file.
     * @param record      the record's name ({@code Chunk}, {@code Message}, ...) or the part of the file.
     * @param problem     what is wrong, with the expected and found values.
     * @param isTruncated true when the file ends early: cut short, or still being written.
     */
    public McapFormatException(final Path file, final long offset, final String record, final String problem,
        final boolean isTruncated) {
        super(file + ": offset " + offset + ": " + record + ": " + problem);
        this.file = file;
        this.offset = offset;
        this.record = record;
        this.problem = problem;
        this.isTruncated = isTruncated;
    }

    /**
     * @return the file.
     */
    public Path file() {
        return file;
    }

    /**
     * @return byte offset of the record at fault, from the start of the file.
     */
    public long offset() {
        return offset;
    }

    /**
     * @return the record's name, e.g. {@code Chunk}.
     */
    public String record() {
        return record;
    }

    /**
     * @return what is wrong, without the file, offset and record the message starts with.
     */
    public String problem() {
        return problem;
    }

    /**
     * @return true when the file ends early (no closing Footer and magic): cut short or still being written.
     */
    public boolean isTruncated() {
        return isTruncated;
    }
}
