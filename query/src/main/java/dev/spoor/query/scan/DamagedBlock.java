/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;
import dev.spoor.core.DeviceRegistry;

/**
 * A block a scan left out because it failed its checks.
 *
 * @param cycle      the block's roll cycle.
 * @param queueIndex its queue index.
 * @param deviceId   its device, as the index records it.
 * @param deviceKey  the device's key, or null when the journal keeps none for it.
 * @param reason     what the check found.
 */
public record DamagedBlock(int cycle, long queueIndex, long deviceId, String deviceKey, String reason) {
    @Override
    public String toString() {
        return "cycle " + cycle + ", queue index 0x" + Long.toHexString(queueIndex) + ", device 0x"
            + DeviceRegistry.hex(deviceId) + (deviceKey == null ? "" : " ('" + deviceKey + "')") + ": " + reason;
    }
}
