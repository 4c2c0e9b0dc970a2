/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

/**
 * A block failed validation: its bytes cannot be what an encoder wrote. The message names what was wrong
 * and where (byte offset within the block, expected and found values) so a tool can report it as is.
 * Decoders never return events from a block that throws this.
 */
public final class CorruptBlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int blockOffset;

    /**
     * @param reason      what was wrong, with the values involved.
     * @param blockOffset the byte offset within the block where the problem was found, or -1 when it concerns
     *                    the block as a whole.
     */
    public CorruptBlockException(final String reason, final int blockOffset) {
        super("corrupt block: " + reason + (blockOffset >= 0 ? " [offset=" + blockOffset + "]" : ""));
        this.blockOffset = blockOffset;
    }

    /**
     * @return the byte offset within the block where the problem was found, or -1 when not tied to one.
     */
    public int blockOffset() {
        return blockOffset;
    }
}
