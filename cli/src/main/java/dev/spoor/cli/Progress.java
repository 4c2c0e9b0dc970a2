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
        if (!cli.isTerminal) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" " + unit, 1).showSpeed()
            .setUpdateIntervalMillis(250).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(cli.err))
            .build());
    }

    void stepTo(final long done) {
        if (bar != null) {
            bar.stepTo(done);
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
