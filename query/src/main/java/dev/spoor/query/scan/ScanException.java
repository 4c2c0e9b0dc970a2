/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

/** A scan stopped: a damaged block under {@link DamagePolicy#FAIL}, or the journal could not be read. */
public final class ScanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DamagedBlock block;

    /**
     * @param block the damaged block.
     * @param cause the check that failed.
     */
    public ScanException(final DamagedBlock block, final Throwable cause) {
        super("damaged block at " + block + " (scan with DamagePolicy.SKIP to leave it out)", cause);
        this.block = block;
    }

    /**
     * @return the damaged block.
     */
    public DamagedBlock block() {
        return block;
    }
}
