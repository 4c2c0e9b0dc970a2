/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.recovery.DamagedCycle;
import dev.spoor.query.scan.DamagePolicy;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * {@code --on-damage fail|skip}, for every command whose output stands for the journal's events (scan, export,
 * sessions, heatmap): by default a damaged block or a damaged cycle file (missing, cut short) stops the command,
 * so no result silently misses events; with {@code skip} the intact blocks are read and what was left out is
 * said on standard error (and in an export's manifest).
 */
final class DamageOption {
    @Option(names = "--on-damage", paramLabel = "fail|skip",
        description = "at a damaged block or cycle file (`spoor verify` finds both; `spoor stats` only damaged cycle"
            + " files): fail (default) or read the intact blocks and say on standard error what was left out")
    String onDamage = "fail";

    /**
     * @param builder the scan to set the policy on.
     * @return builder.
     * @throws IllegalArgumentException when the value is neither fail nor skip.
     */
    Scan.Builder apply(final Scan.Builder builder) {
        return builder.onDamage(policy());
    }

    DamagePolicy policy() {
        if ("skip".equals(onDamage)) {
            return DamagePolicy.SKIP;
        }
        if ("fail".equals(onDamage)) {
            return DamagePolicy.FAIL;
        }
        throw new IllegalArgumentException("--on-damage: " + onDamage + " is neither fail nor skip");
    }

    /**
     * Says on standard error which damaged cycle files the command reads around, before it starts.
     *
     * @param cli     where to write.
     * @param journal the open journal.
     */
    void warnOfDamagedCycles(final SpoorCli cli, final Journal journal) {
        final List<DamagedCycle> damage = journal.damage();
        if (policy() == DamagePolicy.SKIP && !damage.isEmpty()) {
            cli.err.println("warning: " + damage.size() + " damaged cycle file" + (damage.size() == 1 ? "" : "s")
                + " in " + journal.directory() + "; reading the intact blocks only (--on-damage skip):");
            damage.forEach(d -> cli.err.println("  " + d.describe()));
        }
    }

    /**
     * Says on standard error which damaged blocks a scan left out, and how many it read from a salvage of a cycle
     * file with a damaged excerpt header (a scan reads every planned block of such a file so), after it.
     *
     * @param cli   where to write.
     * @param stats what the scan did.
     */
    static void warnOfSkippedBlocks(final SpoorCli cli, final ScanStats stats) {
        if (stats.blocksReadPastDamage() > 0) {
            cli.err.println("warning: " + stats.blocksReadPastDamage() + " block"
                + (stats.blocksReadPastDamage() == 1 ? "" : "s") + " read from a salvage of a cycle file with a"
                + " damaged excerpt header (every event as stored): spoor verify names the damage, spoor repair"
                + " rewrites the file");
        }
        if (!stats.damagedBlocks().isEmpty()) {
            cli.err.println("warning: " + stats.damagedBlocks().size() + " damaged block"
                + (stats.damagedBlocks().size() == 1 ? "" : "s") + " left out (--on-damage skip):");
            stats.damagedBlocks().forEach(b -> cli.err.println("  " + b));
        }
    }
}
