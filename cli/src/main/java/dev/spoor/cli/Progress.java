/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar (rate, ETA) on a terminal; nothing at all when output is not a terminal.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(final ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(final SpoorCli cli, final String task, final long total, final String unit) {
        return start(cli, task, total, unit, 1);
    }

    /**
     * @param unitSize counts per shown unit (1 MiB to show bytes as MB).
     */
    static Progress start(final SpoorCli cli, final String task, final long total, final String unit,
        final long unitSize) {
        if (!cli.isTerminal) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" " + unit, unitSize).showSpeed()
            .setUpdateIntervalMillis(250).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(cli.err))
            .build());
    }

    /**
     * A bar for a scan or export of {@code scan}, its total the events of the blocks the index plans (an upper bound:
     * the bar ends at the rows written, {@link #finish}); planned only on a terminal.
     */
    static Progress forScan(final SpoorCli cli, final String task, final Journal journal, final Scan scan) {
        if (!cli.isTerminal) {
            return new Progress(null);
        }
        try (Scanner scanner = new Scanner(journal)) {
            return start(cli, task, scanner.eventsPlanned(scan), "rows");
        }
    }

    /** Shows {@code done} as the whole: what a bar whose total was an upper bound ends at. */
    void finish(final long done) {
        if (bar != null) {
            bar.maxHint(done);
            bar.stepTo(done);
        }
    }

    void stepTo(final long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** Steps to {@code done} and shows {@code extra} after the bar (e.g. events so far). */
    void stepTo(final long done, final String extra) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(extra);
        }
    }

    void maxHint(final long total) {
        if (bar != null) {
            bar.maxHint(total);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
