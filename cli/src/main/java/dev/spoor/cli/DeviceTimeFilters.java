/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.query.scan.Scan;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code --device KEY... --from T --to T}: which devices and when. */
final class DeviceTimeFilters {
    @Option(names = "--device", paramLabel = "KEY", description = "device key (repeatable; all when none)")
    List<String> devices = new ArrayList<>();

    @Option(names = "--from", paramLabel = "T", description = "inclusive start: ISO-8601 or epoch ms (none: no start)")
    String from;

    /** Left out, or the last instant epoch ns can hold (Long.MAX_VALUE): no end, an event at that instant included. */
    @Option(names = "--to", paramLabel = "T", description = "exclusive end: ISO-8601 or epoch ms (none: no end, "
        + "events at the last storable instant, " + Times.LAST_INSTANT + ", included)")
    String to;

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
        if (from != null && to != null && Times.epochNs("--from", from) >= Times.epochNs("--to", to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to + " (the range is"
                + " [from, to): this one is empty or reversed)");
        }
        return builder;
    }

    String describeDevices() {
        return devices.isEmpty() ? "all devices" : String.join(", ", devices);
    }

    /** @return a heading: the devices and the range. */
    String describe() {
        return describeDevices() + ", " + (from == null ? "start" : Times.iso(Times.epochNs("--from", from))) + " to "
            + (to == null ? "end" : Times.iso(Times.epochNs("--to", to)));
    }
}
