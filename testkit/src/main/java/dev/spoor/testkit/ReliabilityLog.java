/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Where fault tests (kills, full disks, damaged files, hostile input) leave what they proved: one row per test,
 * {@code target/reliability/<fault>--<operation>.tsv} in the module the test ran in, replaced by each run.
 * {@link ReliabilityTable} gathers the rows of every module into {@code docs/reliability.md}.
 * <p>
 * Columns, tab separated, one line: fault, operation, runs, events acknowledged, events found afterwards, finished
 * at (UTC, seconds), the command that reproduces the row. Acknowledged and found are the sums over all runs; a
 * fault that loses nothing has them equal.
 */
public final class ReliabilityLog {
    /** System property naming the directory rows go to; default {@code target/reliability} of the working dir. */
    public static final String DIR_PROPERTY = "spoor.reliability.dir";
    /** The columns of a row, in order. */
    static final String[] COLUMNS = {"fault", "operation", "runs", "acknowledged", "found", "finished", "command"};

    private ReliabilityLog() {
    }

    /**
     * Writes (replaces) the row of one fault and operation.
     *
     * @param fault        what was injected: "SIGKILL", "disk full", "truncated cycle file", ...
     * @param operation    what ran when it struck: "ingest", "seal", "erase", "repair", ...
     * @param runs         faults injected (runs made).
     * @param acknowledged events acknowledged to the caller before the faults, summed over the runs.
     * @param found        of those, events found afterwards, summed over the runs.
     * @param command      a shell command, run from the repository root, that reproduces the row.
     * @throws IllegalArgumentException when a text holds a tab or line end, or a count is negative.
     * @throws UncheckedIOException     when the row cannot be written.
     */
    public static void record(final String fault, final String operation, final long runs, final long acknowledged,
        final long found, final String command) {
        checkText("fault", fault);
        checkText("operation", operation);
        checkText("command", command);
        if (runs < 0 || acknowledged < 0 || found < 0) {
            throw new IllegalArgumentException("negative count in the row of " + fault + " / " + operation + ": runs="
                + runs + ", acknowledged=" + acknowledged + ", found=" + found);
        }
        final String row = String.join("\t", fault, operation, Long.toString(runs), Long.toString(acknowledged),
            Long.toString(found), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command) + "\n";
        final Path dir = directory();
        try {
            Files.createDirectories(dir);
            final Path file = dir.resolve(fileName(fault, operation));
            final Path temporary = dir.resolve(file.getFileName() + ".tmp");
            Files.writeString(temporary, row, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the reliability row of " + fault + " / " + operation
                + " under " + dir, e);
        }
    }

    /**
     * @return the directory rows of this process go to.
     */
    public static Path directory() {
        final String configured = System.getProperty(DIR_PROPERTY);
        return configured != null && !configured.isBlank() ? Paths.get(configured)
            : Paths.get("target", "reliability").toAbsolutePath();
    }

    static String fileName(final String fault, final String operation) {
        return (slug(fault) + "--" + slug(operation) + ".tsv");
    }

    private static String slug(final String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static void checkText(final String what, final String text) {
        if (text == null || text.isBlank() || text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the " + what + " of a reliability row must be one non-blank line "
                + "without tabs, was: " + text);
        }
    }
}
