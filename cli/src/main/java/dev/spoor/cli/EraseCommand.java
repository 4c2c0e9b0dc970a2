/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.governance.Erasure;
import dev.spoor.core.governance.ErasureReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code spoor erase}: erase a device's events, all of them or those in [--from, --to), on any journal. Opens the
 * journal read only (an erasure is a record in its own file, so a running collector need not stop).
 */
@Command(name = "erase", mixinStandardHelpOptions = true,
    description = "Erase a device's events (all, or those in [--from, --to)) from every reader at once, on any"
        + " journal; with encryption on, erasing a whole device also destroys its data keys.")
final class EraseCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Option(names = "--device", paramLabel = "KEY", description = "the device to erase")
    String device;

    @Option(names = "--device-id", paramLabel = "HEX", description = "the device to erase by its id (16 hex digits),"
        + " as the audit log and verify name it: for a device whose key is gone (a lost erasures.spoor is restored by"
        + " erasing again what the audit log records)")
    String deviceId;

    @Option(names = "--from", paramLabel = "T", description = "inclusive start: ISO-8601 or epoch ms (default: all"
        + " time before --to)")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "exclusive end: ISO-8601 or epoch ms (default: no end)")
    String to;

    @Override
    public Integer call() {
        final long fromNs = from == null ? Erasure.WHOLE_FROM_NS : Times.epochNs("--from", from);
        final long toNs = to == null ? Erasure.WHOLE_TO_NS : Times.epochNs("--to", to);
        if (fromNs >= toNs) {
            // One line, exit 2, as scan and export say it; not the whole usage.
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to + " (an empty or"
                + " reversed range erases nothing)");
        }
        if ((device == null) == (deviceId == null)) {
            throw new IllegalArgumentException("--device KEY or --device-id HEX: name the device to erase one way");
        }
        final ErasureReport report;
        try (Journal j = journal.openReadOnly()) {
            report = device != null ? j.governance().erase(device, fromNs, toNs)
                : j.governance().eraseById(parseId(deviceId), fromNs, toNs);
        }
        final Erasure e = report.erasure();
        final String named = device != null ? device : "device";
        if (report.isAlreadyErased()) {
            final boolean isCompleted = report.isAuditCompleted() || report.keyRecordsRemoved() > 0
                || report.keysDestroyed() > 0;
            cli.out.println(named + " (id " + String.format("%016x", e.deviceId()) + ") is erased already, "
                + describe(e) + (isCompleted ? ": an earlier run recorded it and stopped before the end; done now: "
                + report.keyRecordsRemoved() + " key record(s) taken out of devices.dict, " + report.keysDestroyed()
                + " data key(s) destroyed" + (report.isAuditCompleted() ? ", the audit entry written" : "")
                : ": nothing new recorded") + " (`spoor audit` lists the erasures)");
            return 0;
        }
        cli.out.println("erased " + named + " (id " + String.format("%016x", e.deviceId()) + "), " + describe(e)
            + ": " + report.blocksWhole() + " whole blocks (" + report.eventsWhole() + " events) and "
            + report.blocksPartly() + " blocks in part (up to " + report.eventsPartly() + " events) as indexed now");
        if (report.keysDestroyed() > 0) {
            cli.out.println(report.keysDestroyed() + " data key(s) destroyed");
        }
        if (report.keyRecordsRemoved() > 0) {
            cli.out.println("its key taken out of " + DeviceRegistry.FILE_NAME + ": tools show the device by id only");
        }
        if (report.dictionaryProblem() != null) {
            cli.err.println("warning: " + report.dictionaryProblem() + "; the device's key may still be in it"
                + " (the erasure is in force; `spoor compact` tries again)");
        }
        cli.out.println("every read that starts from now on, in every process, leaves these events out (one already"
            + " running, an export say, may still hold them: its manifest lists the erasures it applied); the bytes"
            + " stay on disk until compaction");
        return 0;
    }

    private static String describe(final Erasure e) {
        if (e.isWholeDevice()) {
            return "all time";
        }
        return (e.fromNs() == Erasure.WHOLE_FROM_NS ? "start" : Times.iso(e.fromNs())) + " to "
            + (e.toNs() == Erasure.WHOLE_TO_NS ? "end" : Times.iso(e.toNs()));
    }

    private static long parseId(final String hex) {
        if (!hex.matches("[0-9a-fA-F]{1,16}")) {
            throw new IllegalArgumentException("--device-id '" + hex + "' is not a device id (up to 16 hex digits, as"
                + " the audit log names it)");
        }
        return Long.parseUnsignedLong(hex, 16);
    }
}
