/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

/**
 * Progress of a running ingest, for a progress bar. Called from the writer's thread, at most every batch.
 */
public interface IngestListener {
    /** A listener that ignores everything. */
    IngestListener NONE = (bytesDone, bytesTotal, events) -> { };

    /**
     * @param bytesDone  input bytes parsed so far (including bytes of sources skipped as already ingested).
     * @param bytesTotal input bytes of every file.
     * @param events     events appended so far in this run.
     */
    void progress(long bytesDone, long bytesTotal, long events);
}
