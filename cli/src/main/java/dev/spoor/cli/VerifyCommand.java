/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.recovery.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code spoor verify}: every block framed, checksummed, decoded and matched with the index. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check every block, the index and every side file; exit 0 when sound, 1 listing each problem"
        + " (a damaged file by name).")
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Override
    public Integer call() {
        try (Journal j = journal.openReadOnly()) {
            final VerifyReport report = j.verify();
            final String staged = StatsCommand.staged(j);
            report.notes().forEach(note -> cli.out.println("note: " + note));
            if (report.isClean()) {
                cli.out.println("ok: " + report.blocks() + " blocks, " + report.events() + " events, index consistent"
                    + (report.erasedBlocks() > 0 ? "; " + report.erasedBlocks() + " erased blocks not read" : ""));
                if (staged != null) {
                    cli.out.println("also staged: " + staged);
                }
                return 0;
            }
            if (staged != null) {
                cli.out.println("also staged: " + staged);
            }
            for (final VerifyReport.Problem problem : report.problems()) {
                cli.out.println("problem: " + problem);
            }
            cli.out.println(report.problems().size() + " problem(s); blocks read: " + report.blocks() + " sound, "
                + report.damagedBlocks() + " damaged" + (report.erasedBlocks() > 0 ? ", " + report.erasedBlocks()
                + " erased (not read)" : ""));
            return 1;
        }
    }
}
