/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.codec.EventType;
import dev.spoor.query.ExportRow;
import dev.spoor.query.Scan;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code --device KEY... --from T --to T --type TYPE...}: what to read. */
final class ScanFilters {
    @Option(names = "--device", paramLabel = "KEY", description = "device key (repeatable; all when none)")
    List<String> devices = new ArrayList<>();

    @Option(names = "--from", paramLabel = "T", description = "inclusive start: ISO-8601 or epoch ms")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "exclusive end: ISO-8601 or epoch ms")
    String to;

    @Option(names = "--type", paramLabel = "TYPE",
        description = "move, button_down, button_up, wheel, key_down, key_up (repeatable; all when none)")
    List<String> types = new ArrayList<>();

    Scan.Builder builder() {
        final Scan.Builder builder = Scan.builder();
        if (!devices.isEmpty()) {
            builder.deviceKeys(devices.toArray(new String[0]));
        }
        if (from != null) {
            builder.from(Times.epochNs("--from", from));
        }
        if (to != null) {
            builder.to(Times.epochNs("--to", to));
        }
        if (!types.isEmpty()) {
            final List<EventType> wanted = new ArrayList<>();
            for (final String type : types) {
                try {
                    wanted.add(ExportRow.parseTypeName(type));
                } catch (final IllegalArgumentException e) {
                    throw new IllegalArgumentException("--type: " + e.getMessage(), e);
                }
            }
            builder.types(wanted.toArray(new EventType[0]));
        }
        return builder;
    }

    String describeDevices() {
        return devices.isEmpty() ? "all devices" : String.join(", ", devices);
    }
}
