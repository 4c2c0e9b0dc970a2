/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;

/**
 * The {@code spoor} command. Exit codes: 0 success, 1 failure (a message names the file, line and field),
 * 2 bad usage. Long work shows a progress bar on a terminal and stays quiet otherwise.
 */
@Command(name = "spoor", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Storage engine for human-input telemetry: ingest, scan, report and export journals.",
    footer = {"", "Spoor reports problems on standard error in its own words. What the libraries underneath print "
        + "(Chronicle Queue, Parquet) goes to ${sys:" + LibraryLog.SHOWN_PROPERTY
        + ":-$SPOOR_LOG or ~/.local/state/spoor/spoor.log}, never to the terminal or into a journal; "
        + "set SPOOR_LOG=FILE to choose another file."},
    subcommands = {DemoCommand.class, IngestCommand.class, StatsCommand.class, DevicesCommand.class, ScanCommand.class,
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
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
    }

    /**
     * Runs the command; library output goes to the log file ({@link LibraryLog}), Spoor's own to the terminal.
     *
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        System.setProperty("chronicle.disk.monitor.disable", "true");
        System.setProperty("disable.perf.info", "true");
        final PrintStream terminalErr = LibraryLog.install(args);
        System.exit(execute(args, System.out, terminalErr, System.console() != null));
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
        // Every subcommand lists -V, --version (mixinStandardHelpOptions): each answers as the top command does.
        cli.getSubcommands().values().forEach(c -> c.getCommandSpec().versionProvider(new Version()));
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setParameterExceptionHandler(SpoorCli::badUsage);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("spoor " + commandLine.getCommandName() + ": " + describe(e));
            return isBadOptionValue(e) ? commandLine.getCommandSpec().exitCodeOnInvalidInput() : 1;
        });
        try {
            return cli.execute(args);
        } catch (final Error e) { // picocli hands Errors on, past the handler above: never end without a word
            err.println("spoor " + (args.length > 0 ? args[0] : "") + ": " + describe(e) + (isMappedFileFault(e)
                ? "; a memory-mapped file changed under the reader, most likely a damaged or cut cycle file:"
                + " `spoor verify --journal DIR` names it, `spoor repair --journal DIR` keeps what is intact" : ""));
            return 1;
        }
    }

    /**
     * Bad usage (an unknown option, a missing value, a value picocli cannot convert): one line naming the command,
     * the problem, picocli's guesses at what was meant and where the options are listed, not the whole usage text
     * after it; exit 2.
     */
    private static int badUsage(final CommandLine.ParameterException e, final String[] args) {
        final CommandLine command = e.getCommandLine();
        final String name = command.getCommandSpec().qualifiedName();
        // A mistyped option also leaves a required one missing: the mistyped one is the news.
        final CommandLine.ParameterException shown = e instanceof CommandLine.MissingParameterException
            && !command.getUnmatchedArguments().isEmpty()
            ? new CommandLine.UnmatchedArgumentException(command, command.getUnmatchedArguments()) : e;
        final List<String> guesses = shown instanceof CommandLine.UnmatchedArgumentException
            ? ((CommandLine.UnmatchedArgumentException)shown).getSuggestions() : List.of();
        command.getErr().println(name + ": " + shown.getMessage() + (guesses.isEmpty() ? "" : "; did you mean "
            + String.join(" or ", guesses) + "?") + " (`" + name + " --help` lists the options)");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The JVM's word for a SIGBUS in a mapped file's pages: read past a file's end, or a file cut under it. */
    private static boolean isMappedFileFault(final Error e) {
        return e instanceof InternalError && e.getMessage() != null
            && e.getMessage().contains("fault occurred in a recent unsafe memory access");
    }

    /**
     * A value an option cannot take, found by the command rather than by picocli ({@code --from yesterday},
     * {@code --on-damage maybe}): bad usage, exit 2, as picocli's own checks. The commands throw these as
     * IllegalArgumentException with the option first in the message.
     */
    private static boolean isBadOptionValue(final Throwable e) {
        return e.getClass() == IllegalArgumentException.class && e.getMessage() != null
            && e.getMessage().startsWith("--");
    }

    private static String describe(final Throwable e) {
        final Throwable cause = e.getCause();
        if (e instanceof UncheckedIOException && cause != null && String.valueOf(cause).equals(e.getMessage())) {
            return describe(cause);    // wrapped with no words of its own
        }
        if (e instanceof FileSystemException) {
            return fileProblem((FileSystemException) e);
        }
        final String message = e.getMessage();
        final boolean isBlank = message == null || message.isBlank();
        if (e instanceof UncheckedIOException || e instanceof IllegalArgumentException
            || e instanceof CliException || e.getClass().getName().startsWith("dev.spoor")) {
            if (!isBlank && cause instanceof FileSystemException && message.endsWith(": " + cause.getMessage())) {
                // "cannot write x.csv: x.csv" (a NoSuchFileException's message is its file) says why instead
                return message.substring(0, message.length() - cause.getMessage().length())
                    + reason((FileSystemException)cause);
            }
            return isBlank ? e.getClass().getSimpleName() : message;
        }
        if (e instanceof IOException) {
            return isBlank ? e.getClass().getSimpleName() : message;      // e.g. "No space left on device"
        }
        // Not one of Spoor's own: say so in one line; the stack trace goes to the library log (System.err).
        e.printStackTrace();
        return "unexpected " + e.getClass().getSimpleName() + (isBlank ? "" : ": " + message.lines().findFirst()
            .orElse("")) + " (stack trace in " + System.getProperty(LibraryLog.SHOWN_PROPERTY, "standard error") + ")";
    }

    private static String fileProblem(final FileSystemException e) {
        return e.getFile() + ": " + reason(e);
    }

    private static String reason(final FileSystemException e) {
        final String what = e instanceof NoSuchFileException ? "no such file or directory"
            : e instanceof AccessDeniedException ? "permission denied"
            : e instanceof FileAlreadyExistsException ? "already exists"
            : e instanceof NotDirectoryException ? "not a directory"
            : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        return what + (e.getOtherFile() != null ? " (" + e.getOtherFile() + ")" : "");
    }
}
