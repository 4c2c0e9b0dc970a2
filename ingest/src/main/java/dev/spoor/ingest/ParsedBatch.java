/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

/**
 * A filled buffer on its way from a parse worker to the writer, with where in its source it lies; or the end
 * of a source (no buffer), or a worker's failure.
 *
 * @param source       the source's index in the run's plan.
 * @param buffer       the events, or null for an end or a failure.
 * @param eventsBefore the source's events before this batch (counting those stored by earlier runs).
 * @param bytesBefore  coverage before the batch, bytes.
 * @param hashBefore   PrefixHash of that coverage.
 * @param linesBefore  lines before the batch.
 * @param bytesAfter   coverage after the batch, bytes.
 * @param hashAfter    PrefixHash of that coverage.
 * @param linesAfter   lines after the batch.
 * @param failure      what stopped the worker, or null.
 */
record ParsedBatch(int source, EventBuffer buffer, long eventsBefore, long bytesBefore, long hashBefore,
    long linesBefore, long bytesAfter, long hashAfter, long linesAfter, Throwable failure) {

    /**
     * @return true when this marks the end of its source (every complete line read).
     */
    boolean isEnd() {
        return buffer == null && failure == null;
    }

    /**
     * @return events in the batch.
     */
    int events() {
        return buffer == null ? 0 : buffer.size();
    }
}
