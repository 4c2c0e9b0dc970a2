/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code spoor erase}: destroy a device's data keys, so none of its events can be read again. */
@Command(name = "erase", mixinStandardHelpOptions = true,
    description = "Erase a device: destroy its data keys (journals written with encryption on). Immediate, any size.")
final class EraseCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Option(names = "--device", required = true, paramLabel = "KEY", description = "the device to erase")
    String device;

    @Override
    public Integer call() {
        try (Journal j = journal.openReadOnly()) {
            final int keys = j.governance().erase(device);
            cli.out.println("erased " + device + ": " + keys + " data key(s) destroyed; its blocks can no longer be"
                + " read by any process");
        }
        return 0;
    }
}
