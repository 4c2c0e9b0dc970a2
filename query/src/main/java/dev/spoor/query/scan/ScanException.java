/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.core.recovery.DamagedCycle;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A scan stopped under {@link DamagePolicy#FAIL}: at a damaged block, or before it started because the journal has
 * damaged cycle files (missing or cut short) whose lost blocks the result would miss.
 */
public final class ScanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DamagedBlock block;
    private final transient List<DamagedCycle> damagedCycles;

    /**
     * @param block the damaged block.
     * @param cause the check that failed.
     */
    public ScanException(final DamagedBlock block, final Throwable cause) {
        super("damaged block at " + block + " (scan with DamagePolicy.SKIP, --on-damage skip, to leave it out)", cause);
        this.block = block;
        this.damagedCycles = List.of();
    }

    /**
     * @param journal the journal's directory.
     * @param cycles  its damaged cycle files (not empty).
     */
    public ScanException(final Path journal, final List<DamagedCycle> cycles) {
        super("journal " + journal + " has " + cycles.size() + " damaged cycle file" + (cycles.size() == 1 ? "" : "s")
            + ", whose lost events this scan would miss: " + cycles.stream().map(DamagedCycle::describe)
            .collect(Collectors.joining("; ")) + ". Run `spoor repair --journal " + journal + "` (Journal.repair) to"
            + " keep what is intact, or scan with DamagePolicy.SKIP (--on-damage skip) to read the intact blocks");
        this.block = null;
        this.damagedCycles = List.copyOf(cycles);
    }

    /**
     * @return the damaged cycle files that stopped the scan, empty when a block did.
     */
    public List<DamagedCycle> damagedCycles() {
        return damagedCycles;
    }

    /**
     * @return the damaged block, null when damaged cycle files stopped the scan.
     */
    public DamagedBlock block() {
        return block;
    }
}
