/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.EventBatch;

/**
 * A consumer that also takes runs of consecutive wanted events of one decoded block at once, where the scan has
 * them (a block in time order): the columnar path, one copy a column instead of a call an event. Events that must
 * be merged across blocks still come one at a time through {@link #onEvent}.
 */
interface RunHandler extends EventHandler {
    /**
     * @param device the device.
     * @param events the decoded block.
     * @param from   the run's first event.
     * @param count  events in the run, at least 1, all wanted by the scan, in time order.
     */
    void onRun(long device, EventBatch events, int from, int count);
}
