/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.recovery.VerifyReport;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** A fresh process for {@link ErasureTest}: prints "device-hex events" per device readable, then "verify". */
public final class DeviceEventsMain {
    private DeviceEventsMain() {
    }

    /**
     * @param args the journal directory.
     */
    public static void main(final String[] args) {
        final Map<String, Integer> events = new TreeMap<>();
        try (Journal journal = Journal.openReadOnly(Path.of(args[0])); JournalReader reader = journal.newReader()) {
            final BlockDecoder decoder = new BlockDecoder();
            final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
            reader.readAll((q, device, buffer, offset, length) -> {
                decoder.decode(buffer, offset, length, batch);
                events.merge(Long.toHexString(device), batch.size(), Integer::sum);
                return true;
            });
            events.forEach((device, n) -> System.out.println(device + " " + n));
            final VerifyReport report = journal.verify();
            System.out.println("verify clean=" + report.isClean() + " events=" + report.events() + " erased="
                + report.erasedBlocks());
        }
    }
}
