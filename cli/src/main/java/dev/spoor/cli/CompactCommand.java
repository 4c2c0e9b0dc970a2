/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.governance.CompactionReport;
import dev.spoor.core.governance.Governance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code spoor compact}: rewrite closed cycles without erased data, beside a running collector. */
@Command(name = "compact", mixinStandardHelpOptions = true,
    description = "Rewrite closed roll cycles without the events of erased devices and time ranges (whole blocks"
        + " dropped, blocks erased in part re-encoded without those events), so their bytes are gone, and write"
        + " the block index again."
        + " Online: beside a running collector, closed cycles only (before the current one, and rolled past by the"
        + " writer); with no writer, every cycle. Readers may stay open; queue positions stay valid.")
final class CompactCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Override
    public Integer call() {
        journal.checkIsJournal();
        final CompactionReport report = Governance.compact(journal.dir);
        cli.out.println("compaction " + Governance.describe(report));
        if (report.cyclesRewritten() > 0) {
            // Compaction removes the block index (positions moved); without this every command until the next
            // writer's close would rebuild it from the queue on open.
            try (Journal opened = journal.openReadOnly()) {
                opened.writeIndex();
            }
        }
        return 0;
    }
}
