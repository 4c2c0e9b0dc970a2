/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Keeps what the libraries underneath print (Chronicle Queue's warnings, e.g. "Failback to readonly tablestore"
 * after a writer was killed, Parquet's and Hadoop's, stack traces of background threads) off the user's terminal:
 * the CLI's standard error becomes a log file, appended to, and SLF4J's simple logger writes to it. Spoor's own
 * messages go to the real standard error, which {@link #install} returns. The log is never in a journal: a
 * read-only command must not write there.
 * <p>
 * The file is {@code $SPOOR_LOG}, else the system property {@value #FILE_PROPERTY}, else
 * {@code $XDG_STATE_HOME/spoor/spoor.log}, else {@code ~/.local/state/spoor/spoor.log}. Past
 * {@value #MAX_BYTES} bytes it moves to {@code spoor.log.1} (replacing the previous one) and starts again. When it
 * cannot be written, library output is dropped. Library log lines are at warn and above unless
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=...} says otherwise ({@code SPOOR_JAVA_OPTS} in ./spoor).
 */
final class LibraryLog {
    /** The system property (and, as {@code SPOOR_LOG}, the environment variable) naming the log file. */
    static final String FILE_PROPERTY = "spoor.log";
    /** Where {@code spoor --help} finds the path it shows. */
    static final String SHOWN_PROPERTY = "spoor.log.shown";
    /** Size past which the log moves aside on the next run. */
    static final long MAX_BYTES = 8L << 20;
    private static final String SLF4J = "org.slf4j.simpleLogger.";

    private LibraryLog() {
    }

    /**
     * Redirects {@code System.err} to the log and points SLF4J's simple logger at it. Call before any library class
     * loads.
     *
     * @param args the command line, written at the head of this run's lines.
     * @return the terminal's standard error, for Spoor's own messages.
     */
    static PrintStream install(final String[] args) {
        final PrintStream terminal = System.err;
        final Path file = file();
        System.setProperty(SHOWN_PROPERTY, file.toString());
        PrintStream log;
        try {
            log = open(file);
            log.println("--- " + Instant.now().truncatedTo(ChronoUnit.MILLIS) + " pid "
                + ProcessHandle.current().pid() + ": spoor " + String.join(" ", args));
        } catch (final IOException | SecurityException e) {
            log = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            System.setProperty(SHOWN_PROPERTY, file + " (cannot be written: library output is dropped)");
        }
        System.setErr(log);
        setDefault(SLF4J + "logFile", "System.err");
        setDefault(SLF4J + "showDateTime", "true");
        setDefault(SLF4J + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        return terminal;
    }

    /** The log file's path, from the environment, the system property or the XDG state directory. */
    static Path file() {
        final String env = System.getenv("SPOOR_LOG");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        final String property = System.getProperty(FILE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        final String state = System.getenv("XDG_STATE_HOME");
        final Path base = state != null && !state.isBlank() ? Path.of(state)
            : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("spoor").resolve("spoor.log").toAbsolutePath();
    }

    private static PrintStream open(final Path file) throws IOException {
        final Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        final PrintStream log = new PrintStream(new FileOutputStream(file.toFile(), true), true,
            StandardCharsets.UTF_8);
        ownerOnly(file);
        return log;
    }

    /**
     * The log holds command lines, and with them device keys (a person's name, often): readable by its owner only,
     * as the journals are.
     */
    private static void ownerOnly(final Path file) {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (final IOException | UnsupportedOperationException e) {
            // Not ours to change (another user's log given as $SPOOR_LOG): it is written as it is.
        }
    }

    private static void setDefault(final String property, final String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
