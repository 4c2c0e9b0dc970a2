/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code spoor devices}: the device keys a journal knows, for {@code --device}. */
@Command(name = "devices", mixinStandardHelpOptions = true,
    description = "List the journal's devices: key and id (hex), by key.")
final class DevicesCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Override
    public Integer call() {
        final Map<String, Long> byKey = new TreeMap<>();
        final String damage;
        try (Journal j = journal.openReadOnly()) {
            j.devices().all().forEach((id, key) -> byKey.put(key, id));
            damage = j.devices().damage();
        }
        byKey.forEach((key, id) -> cli.out.printf("%s\t%016x%n", key, id));
        cli.out.println(byKey.size() + " devices");
        if (damage != null) {
            cli.err.println("warning: the device dictionary is damaged (" + damage + "); devices after the damage are"
                + " not listed");
        }
        return 0;
    }
}
