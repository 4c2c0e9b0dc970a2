/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.JournalException;
import dev.spoor.core.RollPeriod;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The journal's identity and recorded settings, {@code journal.spoor} in its directory. Little-endian:
 * <pre>
 *  0        4     6     8                                       24        28        32                  40
 *  +--------+-----+-----+---------------------------------------+---------+---------+-------------------+--------+
 *  | magic  | ver | 0   | journalId (UUID, 16 bytes)            | blkEvts | roll    | createdAtMs       | crc32c |
 *  +--------+-----+-----+---------------------------------------+---------+---------+-------------------+--------+
 * </pre>
 * magic "SPJR"; roll is the {@link RollPeriod} ordinal; crc32c covers bytes 0..40. Written once, atomically
 * (temporary file and rename), when the journal is created.
 */
public final class JournalMeta {
    /** File name inside the journal directory. */
    public static final String FILE_NAME = "journal.spoor";
    /** The file is written here first, then renamed over {@link #FILE_NAME}. */
    public static final String TEMPORARY_FILE_NAME = FILE_NAME + ".tmp";
    /** "SPJR" little-endian. */
    public static final int MAGIC = 0x524A5053;
    /** Journal format version. */
    public static final int VERSION = 1;
    /** File length. */
    public static final int LENGTH = 44;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int JOURNAL_ID_OFFSET = 8;
    private static final int BLOCK_EVENTS_OFFSET = 24;
    private static final int ROLL_OFFSET = 28;
    private static final int CREATED_AT_OFFSET = 32;
    private static final int CHECKSUM_OFFSET = 40;

    private final UUID journalId;
    private final int blockEvents;
    private final RollPeriod rollPeriod;
    private final long createdAtMs;

    /**
     * @param journalId   identity.
     * @param blockEvents events per block.
     * @param rollPeriod  roll cycle.
     * @param createdAtMs creation time.
     */
    public JournalMeta(final UUID journalId, final int blockEvents, final RollPeriod rollPeriod,
        final long createdAtMs) {
        this.journalId = journalId;
        this.blockEvents = blockEvents;
        this.rollPeriod = rollPeriod;
        this.createdAtMs = createdAtMs;
    }

    /**
     * @return the journal's identity.
     */
    public UUID journalId() {
        return journalId;
    }

    /**
     * @return events per block.
     */
    public int blockEvents() {
        return blockEvents;
    }

    /**
     * @return the roll cycle.
     */
    public RollPeriod rollPeriod() {
        return rollPeriod;
    }

    /**
     * @return when the journal was created.
     */
    public long createdAtMs() {
        return createdAtMs;
    }

    /**
     * Writes the file atomically.
     *
     * @param dir the journal directory.
     */
    public void write(final Path dir) {
        final ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC_OFFSET, MAGIC).putShort(VERSION_OFFSET, (short)VERSION);
        b.putLong(JOURNAL_ID_OFFSET, journalId.getMostSignificantBits())
            .putLong(JOURNAL_ID_OFFSET + Long.BYTES, journalId.getLeastSignificantBits());
        b.putInt(BLOCK_EVENTS_OFFSET, blockEvents).putInt(ROLL_OFFSET, rollPeriod.ordinal())
            .putLong(CREATED_AT_OFFSET, createdAtMs);
        b.putInt(CHECKSUM_OFFSET, checksum(b.array()));
        final Path target = dir.resolve(FILE_NAME);
        final Path temporary = dir.resolve(TEMPORARY_FILE_NAME);
        try {
            Files.write(temporary, b.array());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw new JournalException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks the file.
     *
     * @param dir the journal directory.
     * @return the metadata.
     * @throws JournalException when the file is missing, damaged or from an unknown version.
     */
    public static JournalMeta read(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (final IOException e) {
            throw new JournalException(dir + " is not a Spoor journal: cannot read " + file + " ("
                + e.getMessage() + ")", e);
        }
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length != LENGTH || b.getInt(MAGIC_OFFSET) != MAGIC) {
            throw new JournalException(file + " is not a Spoor journal file: [length=" + bytes.length
                + ", magic=0x" + (bytes.length >= 4 ? Integer.toHexString(b.getInt(MAGIC_OFFSET)) : "-") + "]");
        }
        final int version = b.getShort(VERSION_OFFSET) & 0xFFFF;
        if (version != VERSION) {
            throw new JournalException(file + " has journal format version " + version + "; this build reads "
                + VERSION);
        }
        final int stored = b.getInt(CHECKSUM_OFFSET);
        final int computed = checksum(bytes);
        if (stored != computed) {
            throw new JournalException(file + " is damaged: crc32c stored=0x" + Integer.toHexString(stored)
                + " computed=0x" + Integer.toHexString(computed));
        }
        final int roll = b.getInt(ROLL_OFFSET);
        if (roll < 0 || roll >= RollPeriod.values().length) {
            throw new JournalException(file + " names unknown roll period " + roll);
        }
        return new JournalMeta(new UUID(b.getLong(JOURNAL_ID_OFFSET), b.getLong(JOURNAL_ID_OFFSET + Long.BYTES)),
            b.getInt(BLOCK_EVENTS_OFFSET), RollPeriod.values()[roll], b.getLong(CREATED_AT_OFFSET));
    }

    private static int checksum(final byte[] bytes) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, CHECKSUM_OFFSET);
        return (int)crc.getValue();
    }
}
