/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.compare;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.query.scan.EventHandler;
import dev.spoor.query.scan.EventView;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;

import java.nio.file.Path;

/** Spoor with default settings: one writer, the index, scans through the zero-allocation callback. */
final class SpoorPeer implements Peer, EventHandler {
    private Journal journal;
    private Scanner scanner;
    /** Rows per column batch of the columnar scan. */
    private static final int BATCH_ROWS = 4096;
    private long checksum;

    @Override
    public String name() {
        return "Spoor";
    }

    @Override
    public void ingest(final Dataset data, final Path dir) {
        try (Journal j = Journal.open(dir, new JournalConfig()); JournalWriter writer = j.newWriter()) {
            final long[] deviceIds = new long[data.devices];
            for (int d = 0; d < data.devices; d++) {
                deviceIds[d] = j.devices().register("d" + d);
            }
            for (int i = 0; i < data.size(); i++) {
                data.rows.appendTo(writer, deviceIds, i);
            }
        }
    }

    @Override
    public void open(final Path dir) {
        journal = Journal.openReadOnly(dir);
        scanner = new Scanner(journal);
    }

    @Override
    public long fullScan() {
        return scanner.scan(Scan.builder().build(), this).eventsReturned();
    }

    @Override
    public long columnarScan() {
        return scanner.scanColumns(Scan.builder().build(), BATCH_ROWS, batch -> {
            final int[] xs = batch.xs();
            final long[] ts = batch.timestamps();
            long sum = 0;
            for (int i = 0, n = batch.size(); i < n; i++) {
                sum += xs[i] + ts[i];
            }
            checksum += sum;
        }).eventsReturned();
    }

    @Override
    public long query(final int device, final long fromNs, final long toNs) {
        return scanner.scan(Scan.builder().deviceIds(journal.devices().lookup("d" + device)).from(fromNs).to(toNs)
            .build(), this).eventsReturned();
    }

    @Override
    public void onEvent(final EventView event) {
        checksum += event.x() + event.timestampNs();
    }

    @Override
    public void close() {
        if (scanner != null) {
            scanner.close();
            journal.close();
            scanner = null;
        }
    }

    @Override
    public long checksum() {
        return checksum;
    }
}
