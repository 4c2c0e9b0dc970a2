/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.ledger.LedgerFile;
import dev.spoor.core.ledger.LedgerSalvage;
import dev.spoor.core.recovery.RepairReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.util.concurrent.Callable;

/** {@code spoor repair}: bring a journal with damaged cycle files back to a consistent state. */
@Command(name = "repair", mixinStandardHelpOptions = true,
    description = "Bring a journal with damaged or missing cycle files back to a consistent state, holding the"
        + " writer lock: keep every intact block, rewrite a cut or damaged cycle file from its whole excerpts (a"
        + " damaged one left as a tombstone), accept a missing one as lost, rebuild the cycle summary and the index,"
        + " and write what was dropped to the audit log.")
final class RepairCommand implements Callable<Integer> {
    /** Dropped blocks a cycle's line lists on the terminal; the audit log lists them all. */
    private static final int LISTED_BLOCKS = 10;

    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Option(names = "--dry-run", description = "print the plan and change nothing")
    boolean isDryRun;

    /** One line for a record file rewritten from its whole records. */
    private String salvaged(final String file, final int bytesDropped, final int recordsKept, final int recordsAfter,
        final String consequence) {
        return (isDryRun ? "plan: " + file + ": would drop " : "done: " + file + ": dropped ") + bytesDropped
            + " damaged bytes and " + (isDryRun ? "keep " : "kept ") + recordsKept + " whole records (" + recordsAfter
            + " of them after the damage); " + consequence;
    }

    @Override
    public Integer call() {
        journal.checkIsJournal();
        final RepairReport report = Journal.repair(journal.dir, isDryRun);
        if (report.summaryProblem() != null) {
            cli.out.println("cycle summary: " + report.summaryProblem() + " (rebuilt)");
        }
        final DeviceRegistry.Salvage dictionary = report.dictionary();
        if (dictionary != null && dictionary.bytesDropped() > 0) {
            cli.out.println(salvaged(DeviceRegistry.FILE_NAME, dictionary.bytesDropped(), dictionary.recordsKept(),
                dictionary.recordsAfter(), "the keys in the dropped bytes are lost: their devices show by id until a"
                + " writer registers their key again"));
        }
        final LedgerSalvage ledger = report.ledger();
        if (ledger != null && !ledger.isSound()) {
            if (ledger.bytesDropped() > 0) {
                cli.out.println(salvaged(LedgerFile.FILE_NAME, ledger.bytesDropped(), ledger.recordsKept(),
                    ledger.recordsAfter(), "a file whose records were in the dropped bytes goes back to the progress"
                    + " the records before them show, so its next ingest may store some of its events twice"));
            }
            ledger.sessionsEnded().forEach(ended -> cli.out.println((isDryRun ? "plan: " : "done: ")
                + LedgerFile.FILE_NAME + ": " + ended));
        }
        if (report.recovery() != null) {
            report.recovery().dropped().forEach(slot -> cli.out.println("done: dropped a damaged staging slot, "
                + slot));
        }
        if (report.isClean()) {
            cli.out.println("ok: no damaged cycle file, staging slot or ingest ledger" + (isDryRun ? "; nothing to"
                + " do (a damaged staging slot shows only when repair runs)" : ""));
            return 0;
        }
        final String prefix = isDryRun ? "plan: " : "done: ";
        for (final RepairReport.Action action : report.actions()) {
            cli.out.println(prefix + action.describe(LISTED_BLOCKS));
        }
        final long stagedDropped = report.recovery() == null ? 0 : report.recovery().eventsDropped();
        if (report.actions().isEmpty() && stagedDropped == 0) {
            return 0; // only devices.dict or the ledger, said above
        }
        cli.out.println((isDryRun ? "dry run: would drop " : "repaired: dropped ") + report.blocksDropped()
            + " blocks, " + report.eventsDropped() + " events in " + report.actions().size() + " cycle(s)"
            + (stagedDropped == 0 ? "" : " and " + stagedDropped + " staged events of damaged staging slots")
            + (isDryRun ? "; nothing changed" : "; written to the audit log"));
        if (report.eventsDropped() > 0 && Files.exists(journal.dir.resolve(LedgerFile.FILE_NAME))) {
            cli.out.println("note: the ingest ledger still counts the dropped events as stored (it knows which files"
                + " were ingested, not which cycle file holds each of their events), so `spoor ingest` will not take"
                + " their files again, not even with --force, which only re-reads files that changed. They are the"
                + " files ingested while the cycle files above were written: to have their events again, ingest them"
                + " into a new journal.");
        }
        return 0;
    }
}
