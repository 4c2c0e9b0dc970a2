/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

import dev.spoor.core.Journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What {@link Journal#open} recovered from the staging files of writers that did not close. */
public final class RecoveryReport {
    long blocksSealed;
    long eventsRecovered;
    long blocksAlreadyInQueue;
    long ingestSessionsEnded;
    long eventsDropped;
    long bytesReleased;
    final List<String> dropped = new ArrayList<>();

    /**
     * @return open blocks sealed into the queue by recovery.
     */
    public long blocksSealed() {
        return blocksSealed;
    }

    /**
     * @return events in those blocks.
     */
    public long eventsRecovered() {
        return eventsRecovered;
    }

    /**
     * @return blocks found staged as SEALING that the queue already held (released, not written again).
     */
    public long blocksAlreadyInQueue() {
        return blocksAlreadyInQueue;
    }

    /**
     * @return ingest ledger sessions of killed writers that recovery ended in the ledger (SESSION_END).
     */
    public long ingestSessionsEnded() {
        return ingestSessionsEnded;
    }

    /**
     * @return events of damaged staging slots dropped ({@code spoor repair} only); 0 otherwise.
     */
    public long eventsDropped() {
        return eventsDropped;
    }

    /**
     * @return disk space recovery gave back from staging slots it was done with, before deleting their files
     *         (whole pages; 0 where the platform cannot), so that a full disk's staged blocks can be sealed.
     */
    public long bytesReleased() {
        return bytesReleased;
    }

    /**
     * @return each dropped slot: file, slot, events, device and why.
     */
    public List<String> dropped() {
        return Collections.unmodifiableList(dropped);
    }

    @Override
    public String toString() {
        return "RecoveryReport[blocksSealed=" + blocksSealed + ", eventsRecovered=" + eventsRecovered
            + ", blocksAlreadyInQueue=" + blocksAlreadyInQueue + ", ingestSessionsEnded=" + ingestSessionsEnded
            + ", bytesReleased=" + bytesReleased + "]";
    }
}
