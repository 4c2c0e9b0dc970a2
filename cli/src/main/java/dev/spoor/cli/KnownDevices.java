/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.BlockPlan;
import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalReader;
import dev.spoor.core.governance.Erasures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code --device} keys a reading command was given, checked against the journal's device dictionary: a key
 * the journal has never seen (a typo, another journal's device: not in its dictionary, no block of it in its index)
 * is an error naming it, not an empty result.
 */
final class KnownDevices {
    /** Known keys a message shows at most. */
    private static final int SHOWN = 8;
    private static final int ALL_TYPES = -1;

    private KnownDevices() {
    }

    /**
     * @param journal the open journal.
     * @param keys    the keys given with {@code --device}.
     * @throws CliException naming every unknown key, with some known ones and how to list them all; not thrown
     *                      when the dictionary is damaged (the keys after the damage are unknown).
     */
    static void check(final Journal journal, final List<String> keys) {
        final DeviceRegistry devices = journal.devices();
        if (keys.isEmpty() || devices.damage() != null) {
            return;
        }
        final List<String> unknown = new ArrayList<>();
        try (JournalReader reader = journal.newReader()) {
            final BlockPlan plan = new BlockPlan();
            for (final String key : keys) {
                final long id = devices.lookup(key);
                if (devices.keyOf(id) == null) {
                    // Not in the dictionary: unknown unless blocks of it are (a writer that keeps no dictionary).
                    reader.plan(new long[] {id}, Long.MIN_VALUE, Long.MAX_VALUE, ALL_TYPES, plan);
                    if (plan.size() == 0 && plan.erasedBlocks() == 0) {
                        unknown.add(key);
                    }
                }
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        final Erasures erasures = journal.erasures();
        final List<String> all = devices.all().entrySet().stream().filter(e -> !erasures.isWholeDevice(e.getKey()))
            .map(Map.Entry::getValue).sorted().toList();
        final List<String> known = all.subList(0, Math.min(SHOWN, all.size()));
        final long withoutKey = Arrays.stream(idsWithBlocks(journal)).filter(id -> devices.keyOf(id) == null).count();
        throw new CliException("--device: " + String.join(", ", unknown.stream().map(k -> "'" + k + "'").toList())
            + (unknown.size() == 1 ? " is" : " are") + " not a device of journal " + journal.directory() + " ("
            + all.size() + " devices with a stored key" + (known.isEmpty() ? "" : ": " + String.join(", ", known)
            + (all.size() > SHOWN ? ", ..." : "")) + (withoutKey == 0 ? "" : "; " + withoutKey + " more without"
            + " one, written with no device dictionary: a key finds them only if it is theirs, and with the"
            + " journal's --pseudonym-key if it has one") + "; `spoor devices --journal " + journal.directory()
            + "` lists them all)");
    }

    /**
     * @param journal an open journal.
     * @return the ids of the devices with at least one block, from the index, ascending.
     */
    static long[] idsWithBlocks(final Journal journal) {
        final BlockPlan plan = new BlockPlan();
        try (JournalReader reader = journal.newReader()) {
            reader.plan(null, Long.MIN_VALUE, Long.MAX_VALUE, ALL_TYPES, plan);
        }
        final long[] ids = new long[plan.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = plan.deviceId(i);
        }
        return Arrays.stream(ids).sorted().distinct().toArray();
    }
}
