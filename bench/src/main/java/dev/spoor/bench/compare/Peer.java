/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.compare;

import java.nio.file.Path;

/** One storage system under comparison. Every method runs on the calling thread. */
interface Peer extends AutoCloseable {
    /** @return the name in the table. */
    String name();

    /** Writes every event into {@code dir}, then closes whatever it wrote with (durable as the peer allows). */
    void ingest(Dataset data, Path dir) throws Exception;

    /** Opens what {@link #ingest} wrote, for reading. */
    void open(Path dir) throws Exception;

    /** Reads every event, touching its fields; @return events read. */
    long fullScan() throws Exception;

    /**
     * Reads every event in batches of primitive columns, the shape exporters and the Spark source consume; a peer
     * whose {@link #fullScan} reads columns already reads the same way. @return events read.
     */
    default long columnarScan() throws Exception {
        return fullScan();
    }

    /** One device's events in [fromNs, toNs), fields touched; @return events returned. */
    long query(int device, long fromNs, long toNs) throws Exception;

    /** @return how many one-device queries are worth timing (a peer without an index scans everything). */
    default int queryRuns() {
        return 200;
    }

    /** @return a sum over the fields read, printed so the reads cannot be optimised away. */
    long checksum();

    @Override
    void close();
}
