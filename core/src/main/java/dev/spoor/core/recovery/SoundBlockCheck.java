/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.CorruptBlockException;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.JournalException;
import dev.spoor.core.internal.BlockCipher;
import dev.spoor.core.internal.LittleEndian;
import dev.spoor.core.internal.SealedExcerpt;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Whether an excerpt holds a sound block: header, CRC32C and a whole decode (an encrypted block authenticated and
 * decrypted first). What repair keeps, and what a salvage of a cycle file trusts. Not thread safe.
 */
final class SoundBlockCheck implements CycleSalvage.BlockCheck {
    private final BlockCipher cipher;
    private final BlockDecoder decoder = new BlockDecoder();
    private final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);

    /**
     * @param cipher decrypts the journal's encrypted blocks.
     */
    SoundBlockCheck(final BlockCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * @return null when the excerpt is a sound block, a compaction tombstone, or an encrypted block of an erased
     *         device (compaction's to remove, not damage); else why it is not a sound block.
     */
    @Override
    public String problem(final byte[] excerpt, final int length) {
        if (SealedExcerpt.isCompacted(length)) {
            return null;
        }
        if (length <= SealedExcerpt.BLOCK_OFFSET) {
            return "excerpt of " + length + " bytes holds no block";
        }
        final int blockLength = length - SealedExcerpt.BLOCK_OFFSET;
        try {
            if (SealedExcerpt.isEncrypted(excerpt)) {
                final long device = LittleEndian.getLong(excerpt, SealedExcerpt.BLOCK_OFFSET
                    + BlockLayout.DEVICE_ID_OFFSET);
                final int plain = cipher.decrypt(device, excerpt, SealedExcerpt.BLOCK_OFFSET, blockLength);
                if (plain < 0) {
                    return null;
                }
                view.wrap(cipher.output(), 0, plain);
            } else {
                view.wrap(excerpt, SealedExcerpt.BLOCK_OFFSET, blockLength);
            }
            decoder.decode(view, 0, view.capacity(), batch);
            return null;
        } catch (final CorruptBlockException | JournalException e) {
            return "damaged block (" + e.getMessage() + ")";
        }
    }
}
