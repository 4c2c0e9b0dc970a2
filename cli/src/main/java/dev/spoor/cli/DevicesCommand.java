/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.governance.Erasure;
import dev.spoor.core.governance.Erasures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code spoor devices}: the device keys a journal knows, for {@code --device}. */
@Command(name = "devices", mixinStandardHelpOptions = true,
    description = "List the journal's devices: key and id (hex), by key; devices written with no device dictionary"
        + " by id only.")
final class DevicesCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Override
    public Integer call() {
        final Map<String, Long> byKey = new TreeMap<>();
        final String damage;
        final long[] withoutKey;
        final int[] keysLeft = {0};
        final long erased;
        final long withoutEvents;
        try (Journal j = journal.openReadOnly()) {
            final Erasures erasures = j.erasures();
            erased = erasures.records().stream().filter(Erasure::isWholeDevice).mapToLong(Erasure::deviceId)
                .distinct().count();
            j.devices().all().forEach((id, key) -> {
                if (erasures.isWholeDevice(id)) {
                    keysLeft[0]++; // its events are gone: its name is not shown either
                } else {
                    byKey.put(key, id);
                }
            });
            damage = j.devices().damage();
            final long[] withBlocks = KnownDevices.idsWithBlocks(j);
            withoutKey = Arrays.stream(withBlocks).filter(id -> j.devices().keyOf(id) == null).toArray();
            withoutEvents = byKey.values().stream().filter(id -> Arrays.binarySearch(withBlocks, id) < 0).count();
        }
        // A key may hold a tab, line feed or carriage return (CSV quotes them, JSON escapes them): escaped here, so
        // each device stays one line of key, tab, id.
        byKey.forEach((key, id) -> cli.out.printf("%s\t%016x%n", DeviceRegistry.printable(key), id));
        for (final long id : withoutKey) {
            cli.out.printf("(no key stored)\t%016x%n", id);
        }
        cli.out.println((byKey.size() + withoutKey.length) + " devices" + (withoutKey.length == 0 ? "" : " ("
            + withoutKey.length + " written with no device dictionary: shown by id only)") + (erased == 0 ? ""
            : "; " + erased + " erased whole, not listed") + (keysLeft[0] == 0 ? "" : " (" + keysLeft[0] + " of their"
            + " keys still in devices.dict, left by erasures made before erasing took keys out: `spoor compact"
            + " --journal " + journal.dir + "` takes them out)") + (withoutEvents == 0 ? "" : "; " + withoutEvents
            + " of them with no events stored now (removed by `spoor retain`, or not yet sealed by a writer)"));
        if (damage != null) {
            cli.err.println("warning: the device dictionary is damaged (" + damage + "); devices after the damage are"
                + " not listed");
        }
        return 0;
    }
}
