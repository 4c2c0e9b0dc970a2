/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.codec.BlockLayout;

/**
 * The sealed excerpt: what the journal appends to its Chronicle Queue for each block, in one place. Every
 * class that writes or reads excerpts (sealer, recovery, reader, tailer, verifier, compaction, the block
 * cipher) takes its offsets from here. Little-endian.
 * <pre>
 * plain block (seal id's top bit clear):
 *   0          8                                   8+56
 *   +----------+-----------------------------------+------------------------------------------------+
 *   | sealId   | block header (BlockLayout, 56 B)  | block body (BlockLayout)                       |
 *   +----------+-----------------------------------+------------------------------------------------+
 * encrypted block (seal id | ENCRYPTED), AES-256-GCM with the device's data key:
 *   0          8                                   8+56       8+60          8+72
 *   +----------+-----------------------------------+----------+-------------+-----------------------+
 *   | sealId|E | block header, plaintext (= AAD)   | keyId u32| nonce (12 B)| ciphertext of the body |
 *   |          |                                   |          |             | then the 16-byte tag   |
 *   +----------+-----------------------------------+----------+-------------+-----------------------+
 * </pre>
 * compacted block (a tombstone that compaction leaves where it removed an erased block, so that every later
 * excerpt of the cycle keeps its queue index):
 *   0          8
 *   +----------+
 *   | sealId   |   nothing else: no header, no device id; readers skip it, the index leaves it out
 *   +----------+
 * The seal id ({@link SealIds}) names the staging slot occupancy the block came from; recovery uses it to
 * seal each block exactly once. The header stays plaintext so the index works without keys; its CRC32C
 * covers the whole plaintext block, checked after decryption.
 */
public final class SealedExcerpt {
    /** Offset of the seal id in an excerpt. */
    public static final int SEAL_ID_OFFSET = 0;
    /** Offset of the block (plain or encrypted) in an excerpt. */
    public static final int BLOCK_OFFSET = 8;
    /** Set on the seal id of an excerpt whose block is encrypted. */
    public static final long ENCRYPTED = 1L << 63;
    /** Offset of the data key id in an encrypted block (after the plaintext header). */
    public static final int KEY_ID_OFFSET = BlockLayout.HEADER_LENGTH;
    /** Offset of the GCM nonce in an encrypted block. */
    public static final int NONCE_OFFSET = KEY_ID_OFFSET + 4;
    /** Length of the GCM nonce, bytes. */
    public static final int NONCE_LENGTH = 12;
    /** Offset of the ciphertext in an encrypted block. */
    public static final int CIPHERTEXT_OFFSET = NONCE_OFFSET + NONCE_LENGTH;
    /** Length of the GCM authentication tag that ends an encrypted block, bytes. */
    public static final int TAG_LENGTH = 16;
    /** Bytes encryption adds to a block: key id, nonce and tag. */
    public static final int ENCRYPTION_OVERHEAD = 4 + NONCE_LENGTH + TAG_LENGTH;

    private SealedExcerpt() {
    }

    /**
     * @param excerpt an excerpt's bytes.
     * @return its seal id, without the {@link #ENCRYPTED} flag.
     */
    public static long sealId(final byte[] excerpt) {
        return LittleEndian.getLong(excerpt, SEAL_ID_OFFSET) & ~ENCRYPTED;
    }

    /**
     * @param excerpt an excerpt's bytes.
     * @return true when its block is encrypted.
     */
    public static boolean isEncrypted(final byte[] excerpt) {
        return (LittleEndian.getLong(excerpt, SEAL_ID_OFFSET) & ENCRYPTED) != 0;
    }

    /**
     * @param excerptLength an excerpt's length, bytes.
     * @return the length of the block it holds (0 or less when it holds none).
     */
    public static int blockLength(final int excerptLength) {
        return excerptLength - BLOCK_OFFSET;
    }

    /**
     * @param excerptLength an excerpt's length, bytes.
     * @return true when it is a tombstone compaction left in place of an erased block (a seal id only).
     */
    public static boolean isCompacted(final int excerptLength) {
        return excerptLength == BLOCK_OFFSET;
    }

    /**
     * The length an excerpt has when it holds exactly its block as sealed: the seal id, the block header, the stored
     * body its header counts, and for an encrypted block the key id, nonce and tag. A header whose length was damaged
     * frames more or fewer bytes than that.
     *
     * @param excerpt an excerpt's bytes.
     * @param length  its length as its header frames it.
     * @return the length it should have, or -1 when it holds no block (too short, or no block magic); a
     *         tombstone's own length.
     */
    public static int wholeLength(final byte[] excerpt, final int length) {
        if (isCompacted(length)) {
            return length;
        }
        if (length < BLOCK_OFFSET + BlockLayout.HEADER_LENGTH
            || LittleEndian.getInt(excerpt, BLOCK_OFFSET) != BlockLayout.MAGIC) {
            return -1;
        }
        final long whole = wholeLength(LittleEndian.getInt(excerpt, BLOCK_OFFSET + BlockLayout.STORED_LENGTH_OFFSET),
            isEncrypted(excerpt));
        return whole <= Integer.MAX_VALUE ? (int)whole : -1;
    }

    /**
     * The length of an excerpt that holds exactly its block as sealed, from the block header's stored length.
     *
     * @param storedLength the block header's stored length field, read as u32.
     * @param isEncrypted  whether the seal id carries {@link #ENCRYPTED}.
     * @return bytes: the seal id, the header, the stored body and, encrypted, the key id, nonce and tag.
     */
    public static long wholeLength(final int storedLength, final boolean isEncrypted) {
        return (long)BLOCK_OFFSET + BlockLayout.HEADER_LENGTH + (storedLength & 0xFFFF_FFFFL)
            + (isEncrypted ? ENCRYPTION_OVERHEAD : 0);
    }

    /**
     * @param excerpt an excerpt's bytes, at least {@link #BLOCK_OFFSET} + header long.
     * @return the device id its block header names.
     */
    public static long deviceId(final byte[] excerpt) {
        return LittleEndian.getLong(excerpt, BLOCK_OFFSET + BlockLayout.DEVICE_ID_OFFSET);
    }

    /**
     * @param excerpt an encrypted excerpt's bytes.
     * @return true when it is long enough to hold a header and a key id.
     */
    public static boolean hasKeyId(final byte[] excerpt) {
        return excerpt.length >= BLOCK_OFFSET + KEY_ID_OFFSET + 4;
    }

    /**
     * @param block  bytes holding an encrypted block.
     * @param offset where the block starts.
     * @return the id of the data key it was encrypted with.
     */
    public static int keyId(final byte[] block, final int offset) {
        return LittleEndian.getInt(block, offset + KEY_ID_OFFSET);
    }

    /**
     * @param sealId a seal id.
     * @return the id stored in an excerpt of an encrypted block.
     */
    public static long encryptedSealId(final long sealId) {
        return sealId | ENCRYPTED;
    }
}
