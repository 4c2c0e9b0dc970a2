/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.codec.BlockLayout;
import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalStats;
import dev.spoor.core.OutputFile;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.ingest.Ingest;
import dev.spoor.ingest.IngestException;
import dev.spoor.ingest.IngestReport;
import dev.spoor.ingest.InputFiles;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.RejectionLog;
import dev.spoor.ingest.format.Formats;
import dev.spoor.ingest.format.PynputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code spoor ingest}: recordings into a journal through {@link Ingest}: files parsed in parallel, streamed in
 * bounded memory into one writer, and recorded in the journal's ingest ledger so that running the same command
 * again after a crash stores only what is missing, and after success stores nothing. A malformed line is
 * reported and skipped; with {@code --strict} one stops the ingest before anything is appended.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Ingest recordings (files or folders, searched recursively). Re-running the same command after a"
        + " crash stores only the missing events; after success it stores nothing.")
final class IngestCommand implements Callable<Integer> {
    private static final int REJECTIONS_SHOWN = 20;
    private static final String DEFAULT_EPOCH = "2016-01-01T00:00:00Z";
    /** Consented keys without events a warning names at most. */
    private static final int MISSING_SHOWN = 10;

    @ParentCommand
    SpoorCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal (created if missing)")
    Path dir;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
        description = "input format: ${COMPLETION-CANDIDATES}", completionCandidates = FormatNames.class)
    String format;

    @Option(names = "--epoch", paramLabel = "INSTANT",
        description = "balabit: the instant client time 0 maps to (default 2016-01-01T00:00:00Z)")
    String epoch = DEFAULT_EPOCH;

    @Option(names = "--start", paramLabel = "INSTANT",
        description = "pynput: the wall-clock time of each recording's first event (2023-10-20T15:19:53Z); wins over"
            + " --time-zone")
    String start;

    @Option(names = "--time-zone", paramLabel = "ZONE",
        description = "pynput: the zone of start_time in each recording's metadata.json (Europe/Berlin), which then"
            + " places its first event (to about a second)")
    String timeZone;

    @Option(names = "--device", paramLabel = "KEY",
        description = "pynput: the device key of every recording given (default: each recording folder's name)")
    String device;

    @Option(names = "--ts-unit", paramLabel = "ns|us|ms|s",
        description = "unit of integer timestamps (csv ts_nanos, jsonl ts) without a suffix; default ns")
    String tsUnit = "ns";

    @Option(names = "--threads", paramLabel = "N", description = "parse workers (default: processors, at most 4)")
    Integer threads;

    @Option(names = "--wall-clock", paramLabel = "INSTANT", hidden = true,
        description = "the writer's wall clock starts at INSTANT and runs at real speed (roll cycles, block age);"
            + " for tests that need closed cycles without waiting an hour")
    String wallClock;

    @Option(names = "--strict", description = "read everything first; stop at the first malformed line, having"
        + " appended nothing")
    boolean isStrict;

    @Option(names = "--force", description = "ingest again whole a file that changed since it was ingested (its"
        + " earlier events stay), and store as one device recordings that share a folder or file name")
    boolean isForced;

    @Option(names = "--rejections", paramLabel = "FILE",
        description = "write every rejected line to FILE (one JSON object a line: file, line, kind, field, value,"
            + " reason); the report shows the first " + REJECTIONS_SHOWN)
    Path rejectionsFile;

    @Option(names = "--keys", paramLabel = "drop|class|code",
        description = "set the journal's keystroke policy (default: keep the journal's; class for a new one)")
    String keys;

    @Option(names = "--pseudonym-key", paramLabel = "FILE",
        description = "key file (outside the journal, created 0600) that turns device keys into keyed pseudonyms")
    Path pseudonymKey;

    @Option(names = "--device-dictionary", negatable = true, description = "write device keys to the journal's"
        + " dictionary (devices.dict), so tools show them (default: yes, but no with --pseudonym-key, whose point is"
        + " that the journal does not name people); --no-device-dictionary never writes them")
    Boolean isDictionary;

    @Option(names = "--encryption", paramLabel = "on|off",
        description = "set the journal's policy: encrypt each device's blocks with its own key, so erasing a whole"
            + " device also destroys its keys (erase works either way)")
    String encryption;

    @Option(names = "--consent", paramLabel = "FILE",
        description = "set the journal's consent list: UTF-8 text, one device key per line (exact, case included; #"
            + " starts a comment); other devices are dropped, and listed keys with no events are named")
    Path consent;

    @Option(names = "--block-format", paramLabel = "2|3",
        description = "block format version to seal blocks in: 2 (default) or 3 (4.6%% fewer bytes on Balabit, about a"
            + " tenth slower to decode there, not readable by builds before it)")
    Integer blockFormat;

    @Option(names = "--clock-lattice", paramLabel = "on|off",
        description = "on (default): blocks whose times sit on a Windows client's 15.6 ms clock store them in its"
            + " ticks (5.3%% fewer bytes on Balabit); off: blocks as builds before 2026-12-02 wrote them, for readers"
            + " still on such a build")
    String clockLattice;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or folders")
    List<Path> paths;

    @Override
    public Integer call() {
        final RecordingFormat input;
        try {
            input = Formats.byName(format);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("--format: " + e.getMessage(), e);
        }
        checkFormatOptions(input);
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads: " + threads + " must be at least 1");
        }
        final ParseOptions options = recorderOptions(input, new ParseOptions(Instant.ofEpochSecond(0,
            Times.epochNs("--epoch", epoch)), timeUnit(tsUnit), ParseOptions.DEFAULT_MAX_LINE_BYTES));
        final List<Path> files = InputFiles.find(input, paths);
        for (final Path file : files) {
            input.checkOptions(file, options); // before the journal is created or opened
        }
        final Path rejections = rejectionsFile == null ? null : rejectionsTarget(files);
        final JournalConfig config = new JournalConfig().privacyPolicy(policy()).pseudonymKeyFile(pseudonymKey);
        if (isDictionary != null) {
            config.deviceDictionary(isDictionary);
        }
        if (blockFormat != null) {
            if (blockFormat != BlockLayout.VERSION && blockFormat != BlockLayout.VERSION_SUBPIXEL) {
                throw new IllegalArgumentException("--block-format " + blockFormat + ": must be "
                    + BlockLayout.VERSION_SUBPIXEL + " or " + BlockLayout.VERSION);
            }
            config.blockFormatVersion(blockFormat);
        }
        if (clockLattice != null) {
            if (!clockLattice.equals("on") && !clockLattice.equals("off")) {
                throw new IllegalArgumentException("--clock-lattice: '" + clockLattice + "' is neither on nor off");
            }
            config.clockLattice(clockLattice.equals("on"));
        }
        if (wallClock != null) {
            final long offsetMs = Instant.parse(wallClock).toEpochMilli() - System.currentTimeMillis();
            config.clock(InstantSource.offset(Clock.systemUTC(), Duration.ofMillis(offsetMs)));
        }
        final IngestReport report;
        final JournalStats after;
        final boolean isCreated = !Files.exists(dir); // the folder too: an empty folder the user made stays
        final Thread onSignal = new Thread(this::sayStoppedBySignal, "spoor-ingest-stopped");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try (Journal journal = Journal.open(dir, config)) {
            final Ingest ingest = Ingest.into(journal).format(input).options(options).strict(isStrict)
                .force(isForced).rejectionsKept(REJECTIONS_SHOWN).rejectionsTo(rejections);
            if (threads != null) {
                ingest.threads(threads);
            }
            try (Progress progress = Progress.start(cli, "ingest", files.stream().mapToLong(IngestCommand::size)
                .sum(), "MB", 1 << 20)) {
                final long started = System.nanoTime();
                report = ingest.listener((done, total, events) -> progress.stepTo(done, String.format(
                    "%,d events, %,.0f events/s", events, events / Math.max((System.nanoTime() - started) / 1e9,
                        1e-3)))).run(files);
            }
            cli.out.println("privacy policy v" + journal.policyVersion().version() + ": "
                + journal.policy().describe());
            journal.writeIndex();
            after = journal.stats();
            warnOfConsentWithoutEvents(journal);
        } catch (final IngestException e) {
            // Refused before appending (changed files, recordings sharing a device, --strict): a journal this run
            // created is not left behind empty for the run that follows the advice.
            if (e.isNothingAppended() && isCreated && holdsNothing()) {
                removeEmptyJournal();
            }
            throw e;
        } finally {
            removeHook(onSignal);
        }
        printReport(report, files.size());
        cli.out.printf("journal: %,d events, %,d bytes of blocks, %.3f bytes/event%n", after.events(),
            after.blockBytes(), after.bytesPerEvent());
        if (!report.filesWithoutConsent().isEmpty()) {
            cli.out.printf("not recorded as ingested: %d file(s) of which every event is of a device without consent,"
                + " so nothing of them is stored: %s. A run whose --consent list names their devices takes them.%n",
                report.filesWithoutConsent().size(), report.filesWithoutConsent().stream().limit(MISSING_SHOWN)
                .map(Path::toString).collect(Collectors.joining(", "))
                + (report.filesWithoutConsent().size() > MISSING_SHOWN ? ", ..." : ""));
        }
        if (!report.filesRefused().isEmpty()) {
            cli.err.printf("spoor ingest: every line of %d file(s) was refused, so nothing of them is stored: %s."
                + " Read as --format %s; is it another format (%s)? They are not recorded as ingested: run again with"
                + " the right --format, no --force needed.%n", report.filesRefused().size(), report.filesRefused()
                .stream().map(Path::toString).collect(Collectors.joining(", ")), format, Formats.names());
            if (isCreated && after.events() == 0 && after.blocks() == 0) {
                removeEmptyJournal();
            }
            return 1;
        }
        return 0;
    }

    private void printReport(final IngestReport report, final int files) {
        if (report.isNothingToDo()) {
            cli.out.printf("nothing to do: all %,d files were ingested before and have not changed%s (the journal's"
                + " ingest ledger, %s)%n", files, report.rejections().warnings().isEmpty() ? ""
                : ", or hold the bytes of one that was (see the warnings)", dir.resolve("ingest-ledger.spoor"));
        } else {
            final long dropped = report.droppedWithoutConsent() + report.droppedSecureInput()
                + report.droppedKeystrokes() + report.droppedErased();
            final int read = files - report.filesAlreadyDone();
            cli.out.printf("ingested %,d events%s from %,d files%s into %s in %.2f s: %,.0f events/s, %.1f MB/s%n",
                report.eventsAppended() - dropped, dropped == 0 ? "" : String.format(" (%,d read, %,d of them not"
                + " stored: policy or erasures, below)", report.eventsAppended(), dropped), read,
                read == files ? "" : String.format(" (of %,d given)", files), dir, report.seconds(),
                report.eventsPerSecond(), report.bytesRead() / 1e6 / Math.max(report.seconds(), 1e-9));
            if (report.filesAlreadyDone() + report.filesResumed() > 0) {
                cli.out.printf("skipped: %,d files already stored whole (by an earlier run, or a copy of one in this"
                    + " run); %,d stored in part by an earlier run were resumed, %,d events already stored not"
                    + " appended again%n", report.filesAlreadyDone(), report.filesResumed(), report.eventsSkipped());
            }
        }
        final RejectionLog rejections = report.rejections();
        cli.out.printf("rejected %,d lines%s%n", rejections.total(), rejections.total() == 0 ? ""
            : " " + rejections.byKind());
        rejections.first().forEach(r -> cli.out.println("  " + r));
        if (rejections.total() > rejections.first().size()) {
            cli.out.printf("  ... and %,d more%s%n", rejections.total() - rejections.first().size(),
                rejectionsFile == null ? " (--rejections FILE writes them all)" : " (all of them in " + rejectionsFile
                    + ")");
        }
        rejections.warnings().forEach(w -> cli.out.println("warning: " + w));
        if (report.droppedWithoutConsent() + report.droppedSecureInput() + report.droppedKeystrokes() > 0) {
            cli.out.printf("dropped by the policy: %,d events of devices without consent, %,d secure-input keys,"
                + " %,d keystrokes%n", report.droppedWithoutConsent(), report.droppedSecureInput(),
                report.droppedKeystrokes());
        }
        if (report.droppedErased() > 0) {
            cli.out.printf("not stored: %,d events of erased devices or time ranges (`spoor audit` lists the"
                + " erasures)%n", report.droppedErased());
        }
    }

    /**
     * A consented key that matches no device is most often a typing slip (case, a path prefix, a stray character),
     * and every event of the person it meant is dropped: say which.
     */
    private void warnOfConsentWithoutEvents(final Journal journal) {
        if (consent == null) {
            return;
        }
        final Set<Long> stored = Arrays.stream(KnownDevices.idsWithBlocks(journal)).boxed()
            .collect(Collectors.toSet());
        // From the file: a pseudonymous journal's policy holds the list as ids only.
        final Set<String> listed = ConsentList.read(consent);
        final List<String> missing = listed.stream().sorted()
            .filter(key -> !stored.contains(journal.devices().lookup(key))).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            cli.out.printf("warning: %,d of the %,d device keys in %s have no events in this journal, so nothing"
                + " of theirs is stored (keys match exactly, case included): %s%n", missing.size(),
                listed.size(), consent, missing.stream().limit(MISSING_SHOWN)
                .map(key -> "'" + DeviceRegistry.printable(key) + "'").collect(Collectors.joining(", "))
                + (missing.size() > MISSING_SHOWN ? ", ..." : ""));
        }
    }

    /** Ctrl-C or SIGTERM ends the JVM mid-run: say that nothing appended is lost, and how to go on. */
    private void sayStoppedBySignal() {
        cli.err.println("spoor ingest: stopped by a signal before the end; every event appended so far is kept (the"
            + " next open of " + dir + " seals what was staged): run the same command again to go on");
        cli.err.flush();
    }

    private static void removeHook(final Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException shuttingDown) {
            // The JVM is stopping: the hook runs.
        }
    }

    /** Whether the journal holds no event and no block (false when it cannot be read without a key, say). */
    private boolean holdsNothing() {
        try (Journal journal = Journal.openReadOnly(dir)) {
            final JournalStats stats = journal.stats();
            return stats.events() == 0 && stats.blocks() == 0;
        } catch (final RuntimeException e) {
            return false;
        }
    }

    /** The journal this run created and stored nothing in: not left behind for the run with the right format. */
    private void removeEmptyJournal() {
        try {
            Journal.delete(dir);
            cli.err.println("spoor ingest: " + dir + ", created by this run, holds nothing and was removed");
        } catch (final JournalException e) {
            cli.err.println("spoor ingest: " + dir + ", created by this run, holds nothing but stays: "
                + e.getMessage());
        }
    }

    /** --ts-unit and --epoch, refused for the formats that would ignore them. */
    private void checkFormatOptions(final RecordingFormat input) {
        final ParseResult given = spec.commandLine().getParseResult();
        if (given.hasMatchedOption("--ts-unit") && !List.of("csv", "jsonl").contains(input.name())) {
            throw new IllegalArgumentException("--ts-unit is for --format csv and jsonl (bare integer timestamps), not "
                + input.name() + ", whose timestamps have their own unit");
        }
        if (given.hasMatchedOption("--epoch") && !"balabit".equals(input.name())) {
            throw new IllegalArgumentException("--epoch is for --format balabit, not " + input.name());
        }
    }

    /** The pynput options, refused for other formats, which would ignore them. */
    private ParseOptions recorderOptions(final RecordingFormat input, final ParseOptions options) {
        if (start == null && timeZone == null && device == null) {
            return options;
        }
        if (!input.name().equals(PynputFormat.NAME)) {
            throw new IllegalArgumentException("--start, --time-zone and --device are for --format "
                + PynputFormat.NAME + ", not " + input.name());
        }
        ParseOptions with = options.withDeviceKey(device);
        if (start != null) {
            with = with.withStart(Instant.ofEpochSecond(0, Times.epochNs("--start", start)));
        }
        if (timeZone != null) {
            try {
                with = with.withTimeZone(ZoneId.of(timeZone));
            } catch (final DateTimeException e) {
                throw new IllegalArgumentException("--time-zone: '" + timeZone + "' is not a time zone (Europe/Berlin,"
                    + " UTC, +02:00)");
            }
        }
        return with;
    }

    private static long size(final Path file) {
        try {
            return Files.size(file);
        } catch (final IOException e) {
            throw new UncheckedIOException(file + ": cannot read its size: " + e.getMessage(), e);
        }
    }

    private static TimeUnit timeUnit(final String unit) {
        final TimeUnit parsed = ParseOptions.timeUnitOf(unit);
        if (parsed == null) {
            throw new IllegalArgumentException("--ts-unit: '" + unit + "' is not ns, us, ms or s");
        }
        return parsed;
    }

    /** The format names, for the help text. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Formats.all().stream().map(RecordingFormat::name).iterator();
        }
    }

    /** The policy the options ask for, starting from the journal's, or null to keep it. */
    private PrivacyPolicy policy() {
        if (keys == null && consent == null && encryption == null) {
            return null;
        }
        PrivacyPolicy policy = Journal.isJournal(dir) ? currentPolicy() : PrivacyPolicy.defaults();
        if (keys != null) {
            try {
                policy = policy.keystrokes(KeystrokeMode.valueOf(keys.toUpperCase(Locale.ROOT)));
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException("--keys: '" + keys
                    + "' is not a keystroke policy (drop, class, code)");
            }
        }
        if (encryption != null) {
            if (!encryption.equals("on") && !encryption.equals("off")) {
                throw new IllegalArgumentException("--encryption: '" + encryption + "' is neither on nor off");
            }
            policy = policy.encryption(encryption.equals("on"));
        }
        if (consent != null) {
            policy = policy.consentedDevices(ConsentList.read(consent));
        }
        return policy;
    }

    private PrivacyPolicy currentPolicy() {
        try (Journal journal = Journal.openReadOnly(dir, pseudonymKey)) {
            return journal.policy();
        }
    }

    /**
     * Where {@code --rejections} may write: not over an input (writing it would empty the recording), not in any
     * journal, nor in the folder the journal is to be made in (checked before anything is opened or created).
     */
    private Path rejectionsTarget(final List<Path> files) {
        final Path target = OutputFile.target(rejectionsFile, "--rejections", files);
        final Path journalDir = dir.toAbsolutePath().normalize();
        try {
            final Path real = Files.isDirectory(journalDir) ? journalDir.toRealPath() : journalDir;
            if (target.startsWith(real)) {
                throw new IllegalArgumentException("--rejections: " + rejectionsFile + " lies inside the journal's"
                    + " folder " + dir + "; write it outside the journal");
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("--journal: cannot resolve " + dir + ": " + e.getMessage(), e);
        }
        return target;
    }
}
