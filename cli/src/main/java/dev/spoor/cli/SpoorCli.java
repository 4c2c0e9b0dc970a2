/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code spoor} command. Exit codes: 0 success, 1 failure (a message names the file, line and field),
 * 2 bad usage. Long work shows a progress bar on a terminal and stays quiet otherwise.
 */
@Command(name = "spoor", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Storage engine for human-input telemetry: ingest, scan, report and export journals.",
    subcommands = {DemoCommand.class, IngestCommand.class, StatsCommand.class, ScanCommand.class,
        SessionsCommand.class, ExportCommand.class, HeatmapCommand.class, VerifyCommand.class, RetainCommand.class,
        EraseCommand.class, CompactCommand.class, RepairCommand.class, AuditCommand.class,
        CommandLine.HelpCommand.class})
public final class SpoorCli implements Runnable {
    final PrintStream out;
    final PrintStream err;
    final boolean isTerminal;

    @Spec
    CommandSpec spec;

    SpoorCli(final PrintStream out, final PrintStream err, final boolean isTerminal) {
        this.out = out;
        this.err = err;
        this.isTerminal = isTerminal;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand (see spoor --help)");
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        System.setProperty("chronicle.disk.monitor.disable", "true");
        System.setProperty("disable.perf.info", "true");
        System.exit(execute(args, System.out, System.err, System.console() != null));
    }

    /**
     * Runs a command line, for {@link #main} and for tests.
     *
     * @param args       command line.
     * @param out        standard output.
     * @param err        standard error.
     * @param isTerminal true to show progress bars.
     * @return the exit code.
     */
    public static int execute(final String[] args, final PrintStream out, final PrintStream err,
        final boolean isTerminal) {
        System.setProperty("spoor.tool", "spoor" + (args.length > 0 ? " " + args[0] : ""));
        final CommandLine cli = new CommandLine(new SpoorCli(out, err, isTerminal));
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("spoor " + commandLine.getCommandName() + ": " + describe(e));
            return 1;
        });
        return cli.execute(args);
    }

    private static String describe(final Throwable e) {
        final String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof UncheckedIOException || e instanceof IllegalArgumentException
            || e instanceof CliException || e.getClass().getName().startsWith("dev.spoor") ? message : e.toString();
    }
}
