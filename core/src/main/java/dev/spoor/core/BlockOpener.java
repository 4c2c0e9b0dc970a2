/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockLayout;
import dev.spoor.core.internal.BlockCipher;
import dev.spoor.core.internal.SealedExcerpt;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Turns an excerpt into the block a {@link BlockHandler} sees, for {@link JournalReader} and
 * {@link JournalTailer}: the seal id says whether the block is encrypted, and an encrypted one is decrypted with
 * its device's key. The result lies in {@link #view()} until the next call. One per reader; not thread safe.
 */
final class BlockOpener {
    /** {@link #open} found an encrypted block whose device's keys were destroyed (an erased device). */
    static final int ERASED = -1;

    private final Journal journal;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private BlockCipher cipher;

    BlockOpener(final Journal journal) {
        this.journal = journal;
    }

    /**
     * @param excerpt       an excerpt as the queue stores it (seal id, then the block), from offset 0.
     * @param excerptLength its length.
     * @return the block's length in {@link #view()} from offset 0, or {@link #ERASED}.
     * @throws JournalException when an encrypted block fails authentication (damaged or altered).
     */
    int open(final byte[] excerpt, final int excerptLength) {
        int length = SealedExcerpt.blockLength(excerptLength);
        if (SealedExcerpt.isEncrypted(excerpt) && length >= BlockLayout.HEADER_LENGTH) {
            view.wrap(excerpt, SealedExcerpt.BLOCK_OFFSET, length);
            final long device = view.getLong(BlockLayout.DEVICE_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
            length = cipher().decrypt(device, excerpt, SealedExcerpt.BLOCK_OFFSET, length);
            if (length < 0) {
                return ERASED;
            }
            view.wrap(cipher.output(), 0, length);
        } else {
            view.wrap(excerpt, SealedExcerpt.BLOCK_OFFSET, length);
        }
        return length;
    }

    /**
     * @return the block {@link #open} found, from offset 0.
     */
    DirectBuffer view() {
        return view;
    }

    /**
     * @param length what {@link #open} returned.
     * @return the block's device, or 0 when the block is too short to name one (a damaged block).
     */
    long deviceId(final int length) {
        return BlockLayout.HEADER_LENGTH <= length ? view.getLong(BlockLayout.DEVICE_ID_OFFSET, ByteOrder.LITTLE_ENDIAN)
            : 0;
    }

    private BlockCipher cipher() {
        if (cipher == null) {
            cipher = new BlockCipher(journal.keys());
        }
        return cipher;
    }
}
