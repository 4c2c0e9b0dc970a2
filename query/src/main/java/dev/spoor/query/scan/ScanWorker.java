/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.core.BlockPlan;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalReader;
import dev.spoor.core.recovery.DamagedCycle;

import java.util.List;

/**
 * What one thread needs to scan: a journal reader, the block decoder, decoded batches and sort arrays, the
 * event view. A {@link Scanner} keeps idle workers between scans, so a query allocates only its plan; a
 * fresh worker (a Chronicle tailer, decoder tables, a block's worth of columns) cost more than decoding a
 * one-device hour.
 */
final class ScanWorker implements AutoCloseable {
    final JournalReader reader;
    final BlockLoader loader;
    final GroupScanner groups;
    final EventView view;
    final int blockCapacity;

    private final Journal journal;

    ScanWorker(final Journal journal) {
        this.journal = journal;
        this.reader = journal.newReader();
        this.loader = new BlockLoader(reader, journal.devices());
        this.view = new EventView(new DeviceKeys(journal.devices()));
        this.blockCapacity = journal.config().blockEvents();
        this.groups = new GroupScanner(loader, blockCapacity, view);
    }

    /** Sets up a scan on the calling thread. */
    ScanWorker prepare(final Scan scan, final ScanStats stats) {
        reader.handOver();
        loader.prepare(scan.damagePolicy(), stats);
        groups.prepare(scan, stats);
        return this;
    }

    /**
     * Plans a scan: the blocks the index chooses.
     *
     * @throws ScanException when the journal has damaged cycle files and the scan's policy is
     *                       {@link DamagePolicy#FAIL}: their lost blocks would be missing from the result unseen.
     */
    BlockPlan plan(final Scan scan, final ScanStats stats) {
        final List<DamagedCycle> damage = journal.damage();
        if (!damage.isEmpty()) {
            if (scan.damagePolicy() == DamagePolicy.FAIL) {
                throw new ScanException(journal.directory(), damage);
            }
            stats.damagedCycles(damage);
        }
        final BlockPlan plan = new BlockPlan();
        reader.plan(scan.deviceIds(journal), scan.fromNs(), scan.toNs(), scan.typeMask(), plan);
        stats.planned(plan.entriesExamined(), plan.size());
        if (!plan.erasures().isEmpty()) {
            stats.erasures(plan, scan.fromNs(), scan.toNs());
        }
        return plan;
    }

    MergedScanner merged(final BlockPlan plan, final Scan scan, final ScanStats stats) {
        return new MergedScanner(loader, plan, scan, blockCapacity, stats, view);
    }

    @Override
    public void close() {
        reader.close();
    }
}
