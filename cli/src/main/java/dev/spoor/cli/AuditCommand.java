/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.governance.AuditEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code spoor audit}: the journal's audit log, oldest first. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Print the audit log: policy changes, retention runs, erasures, compactions, repairs and exports,"
        + " with time and tool.")
final class AuditCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Override
    public Integer call() {
        final List<AuditEntry> entries;
        try (Journal j = journal.openReadOnly()) {
            entries = j.governance().auditLog();
        }
        entries.forEach(cli.out::println);
        cli.out.println(entries.size() + " entries");
        return 0;
    }
}
