/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

/**
 * Receives columnar batches. A parallel scan calls it from several threads, each with batches of its own
 * (each device's rows on one thread, in order).
 */
@FunctionalInterface
public interface ColumnBatchHandler {
    /**
     * @param batch rows; valid only during the call.
     */
    void onBatch(ColumnBatch batch);
}
