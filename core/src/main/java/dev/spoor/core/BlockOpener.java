/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.BlockHeaderFlyweight;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.CorruptBlockException;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.governance.Erasures;
import dev.spoor.core.internal.BlockCipher;
import dev.spoor.core.internal.LittleEndian;
import dev.spoor.core.internal.SealedExcerpt;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Turns an excerpt into the block a {@link BlockHandler} sees, for {@link JournalReader} and
 * {@link JournalTailer}: the seal id says whether the block is encrypted, and an encrypted one is decrypted with
 * its device's key. Then erasures ({@link Journal#erasures()}) are applied: a block lying entirely inside an erased
 * range is {@link #ERASED}; a block partly inside is decoded, its erased events dropped and the rest re-encoded
 * (same device and policy version, events in stored order) into a scratch block, which is what the caller sees.
 * So no erased event leaves a reader or tailer, whatever the caller does with the block. With no erasure of the
 * block's device, nothing is decoded or allocated. The result lies in {@link #view()} until the next call. One
 * per reader; not thread safe.
 */
final class BlockOpener {
    /** {@link #open} found an encrypted block whose device's keys were destroyed (an erased device). */
    static final int ERASED = -1;
    /**
     * What {@link #open} returns for an excerpt that holds no block and is not a compaction tombstone: too short for
     * one (a zero-length or torn excerpt, as a full disk could leave one before appends backed their pages), or not
     * starting with the block magic (bytes a damaged excerpt header made Chronicle take for an excerpt, or a block
     * whose first bytes were damaged). Readers ask the salvage of the cycle file for a block at that queue index, and
     * otherwise skip it (counted); verify reports it.
     */
    static final int NO_BLOCK = -2;

    private final Journal journal;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private BlockCipher cipher;
    private Erasures erasures = Erasures.NONE;
    private BlockDecoder decoder;
    private EventBatch decoded;
    private EventBatch kept;
    private final BlockHeaderFlyweight header = new BlockHeaderFlyweight();
    private BlockEncoder encoder;
    private long eventsErased;

    BlockOpener(final Journal journal) {
        this.journal = journal;
    }

    /**
     * @param snapshot the erasures the next {@link #open} calls apply.
     */
    void erasures(final Erasures snapshot) {
        this.erasures = snapshot;
    }

    /**
     * @return the erasures {@link #open} applies.
     */
    Erasures erasures() {
        return erasures;
    }

    /**
     * @return events dropped from blocks partly inside an erased range so far.
     */
    long eventsErased() {
        return eventsErased;
    }

    /**
     * @param excerpt       an excerpt as the queue stores it (seal id, then the block), from offset 0.
     * @param excerptLength its length.
     * @return the block's length in {@link #view()} from offset 0, or {@link #ERASED} (its keys are destroyed,
     *         every event of it is erased, or compaction removed it).
     * @throws JournalException when an encrypted block fails authentication (damaged or altered), or a block
     *                          partly inside an erased range is damaged (its events cannot be filtered).
     */
    int open(final byte[] excerpt, final int excerptLength) {
        if (SealedExcerpt.isCompacted(excerptLength)) {
            return ERASED; // compaction removed the block and left its place in the queue
        }
        int length = SealedExcerpt.blockLength(excerptLength);
        if (length < BlockLayout.HEADER_LENGTH
            || LittleEndian.getInt(excerpt, SealedExcerpt.BLOCK_OFFSET) != BlockLayout.MAGIC) {
            return NO_BLOCK;
        }
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
        if (erasures.isEmpty() || length < BlockLayout.HEADER_LENGTH) {
            return length;
        }
        return applyErasures(length);
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

    private int applyErasures(final int length) {
        final long device = view.getLong(BlockLayout.DEVICE_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (!erasures.hasDevice(device)) {
            return length;
        }
        final long min = view.getLong(BlockLayout.MIN_TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final long max = view.getLong(BlockLayout.MAX_TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (erasures.covers(device, min, max)) {
            return ERASED;
        }
        if (!erasures.overlaps(device, min, max)) {
            return length;
        }
        return filter(device, length);
    }

    /** Decodes the block in the view, keeps its events outside every erased range, re-encodes them. */
    private int filter(final long device, final int length) {
        final int count = view.getInt(BlockLayout.COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (decoder == null || decoded.capacity() < count) {
            // Sized for the journal's blocks; a larger (or lying) count is checked by the decoder first.
            final int capacity = Math.max(journal.config().blockEvents(), Math.min(count, BlockLayout.MAX_EVENTS));
            decoder = new BlockDecoder();
            decoded = new EventBatch(capacity);
            kept = new EventBatch(capacity);
            encoder = new BlockEncoder(capacity);
        }
        try {
            decoder.decode(view, 0, length, decoded);
        } catch (final CorruptBlockException e) {
            throw new JournalException("block of device 0x" + DeviceRegistry.hex(device) + " lies partly in an erased"
                + " range and is damaged, so its erased events cannot be removed: " + e.getMessage(), e);
        }
        kept.clear();
        for (int i = 0, n = decoded.size(); i < n; i++) {
            if (!erasures.isErased(device, decoded.timestampNs(i))) {
                kept.addFrom(decoded, i);
            }
        }
        eventsErased += decoded.size() - kept.size();
        if (kept.size() == 0) {
            return ERASED;
        }
        encoder.like(header.wrap(view, 0, length));
        final int encoded = encoder.encode(device, kept);
        view.wrap(encoder.blockBuffer(), 0, encoded);
        return encoded;
    }

    private BlockCipher cipher() {
        if (cipher == null) {
            cipher = new BlockCipher(journal.keys());
        }
        return cipher;
    }
}
