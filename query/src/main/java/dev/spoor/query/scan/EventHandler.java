/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

/**
 * The fast path of a scan: called once per matching event with a reusable view, valid only during the
 * call. A parallel scan calls it from several threads at once, each device's events from one thread in
 * order.
 */
@FunctionalInterface
public interface EventHandler {
    /**
     * @param event the current event.
     */
    void onEvent(EventView event);
}
