/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import org.agrona.DirectBuffer;

/**
 * Receives sealed blocks from a {@link JournalReader} or a {@link JournalTailer}. The buffer is valid only during
 * the call: decode or copy what you keep. Return false to stop the read.
 */
@FunctionalInterface
public interface BlockHandler {
    /**
     * @param queueIndex the block's position in the journal: an opaque long that increases along the journal
     *                   (see {@link JournalTailer#position()}).
     * @param deviceId   its device.
     * @param buffer     holds the block (dev.spoor.codec.BlockLayout) ...
     * @param offset     ... from this offset ...
     * @param length     ... for this many bytes.
     * @return false to stop.
     */
    boolean onBlock(long queueIndex, long deviceId, DirectBuffer buffer, int offset, int length);
}
