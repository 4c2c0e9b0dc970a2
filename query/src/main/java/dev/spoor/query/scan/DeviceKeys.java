/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.core.DeviceRegistry;

/** Device id to key, remembering the last answer: a scan asks for the same device many times in a row. */
final class DeviceKeys {
    private final DeviceRegistry registry;
    private long lastId;
    private String lastKey;
    private boolean hasLast;

    DeviceKeys(final DeviceRegistry registry) {
        this.registry = registry;
    }

    String keyOf(final long id) {
        if (!hasLast || id != lastId) {
            lastKey = registry.keyOf(id);
            lastId = id;
            hasLast = true;
        }
        return lastKey;
    }
}
