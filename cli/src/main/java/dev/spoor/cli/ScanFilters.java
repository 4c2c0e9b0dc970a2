/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.codec.EventType;
import dev.spoor.query.export.ExportRow;
import dev.spoor.query.scan.Scan;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code --device KEY... --from T --to T --type TYPE...}: what to read. */
final class ScanFilters {
    @Mixin
    DeviceTimeFilters range = new DeviceTimeFilters();

    @Option(names = "--type", paramLabel = "TYPE",
        description = "move, button_down, button_up, wheel, key_down, key_up (repeatable; all when none)")
    List<String> types = new ArrayList<>();

    @Mixin
    DamageOption damage = new DamageOption();

    /**
     * @return the scan: merged into one time-ordered stream (ties by device), so files written from it are
     *     the same whatever the journal's block layout (a journal re-ingested from them scans identically).
     */
    Scan.Builder builder() {
        final Scan.Builder builder = damage.apply(range.builder().merged(true));
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
        return range.describeDevices();
    }
}
