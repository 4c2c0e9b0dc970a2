/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

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
