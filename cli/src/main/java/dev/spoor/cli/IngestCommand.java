/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalStats;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PrivacyPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code spoor ingest}: recordings into a journal through the real writer. Files are parsed first, then
 * appended (Balabit and Aalto merged across files in timestamp order, as a collector receives many devices
 * at once; CSV and JSONL in file order). A malformed line is reported and skipped; with {@code --strict}
 * the first one stops the ingest before anything is appended.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Ingest balabit, aalto, jsonl or csv recordings (files or folders, searched recursively).")
final class IngestCommand implements Callable<Integer> {
    private static final int REJECTIONS_SHOWN = 20;

    @ParentCommand
    SpoorCli cli;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal (created if missing)")
    Path dir;

    @Option(names = "--format", required = true, paramLabel = "balabit|aalto|jsonl|csv", description = "input format")
    String format;

    @Option(names = "--epoch", paramLabel = "INSTANT",
        description = "balabit: the instant client time 0 maps to (default 2016-01-01T00:00:00Z)")
    String epoch = "2016-01-01T00:00:00Z";

    @Option(names = "--wall-clock", paramLabel = "INSTANT", hidden = true,
        description = "the writer's wall clock starts at INSTANT and runs at real speed (roll cycles, block age);"
            + " for tests that need closed cycles without waiting an hour")
    String wallClock;

    @Option(names = "--strict", description = "stop at the first malformed line, having appended nothing")
    boolean isStrict;

    @Option(names = "--keys", paramLabel = "drop|class|code",
        description = "set the journal's keystroke policy (default: keep the journal's; class for a new one)")
    String keys;

    @Option(names = "--pseudonym-key", paramLabel = "FILE",
        description = "key file (outside the journal, created 0600) that turns device keys into keyed pseudonyms")
    Path pseudonymKey;

    @Option(names = "--no-device-dictionary", description = "never write device keys to the journal")
    boolean isWithoutDictionary;

    @Option(names = "--encryption", paramLabel = "on|off",
        description = "set the journal's policy: encrypt each device's blocks with its own key (needed by erase)")
    String encryption;

    @Option(names = "--consent", paramLabel = "FILE",
        description = "set the journal's consent list: one device key per line; other devices are dropped")
    Path consent;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or folders")
    List<Path> paths;

    @Override
    public Integer call() {
        final InputFormat input = parseFormat(format);
        final long epochNs = Times.epochNs("--epoch", epoch);
        final List<Path> files = files(input);
        final EventTable table = new EventTable();
        final List<Rejection> rejected = new ArrayList<>();
        final long started = System.nanoTime();
        try (Progress parsing = Progress.start(cli, "parse", files.size(), "files")) {
            for (int i = 0; i < files.size(); i++) {
                final Path file = files.get(i);
                input.read(file, table, rejection -> {
                    if (isStrict) {
                        throw new CliException("--strict: " + rejection + " (nothing was ingested)");
                    }
                    rejected.add(rejection);
                }, epochNs);
                parsing.stepTo(i + 1);
            }
        }
        final int[] order = input == InputFormat.BALABIT || input == InputFormat.AALTO ? table.timeOrder()
            : table.addedOrder();
        final JournalStats after;
        final long[] dropped = new long[3];
        final JournalConfig config = new JournalConfig().privacyPolicy(policy()).pseudonymKeyFile(pseudonymKey)
            .deviceDictionary(!isWithoutDictionary);
        if (wallClock != null) {
            final long offsetMs = Instant.parse(wallClock).toEpochMilli() - System.currentTimeMillis();
            config.clock(InstantSource.offset(Clock.systemUTC(),
                Duration.ofMillis(offsetMs)));
        }
        try (Journal journal = Journal.open(dir, config)) {
            final long[] ids = new long[table.devices()];
            for (int d = 0; d < ids.length; d++) {
                ids[d] = journal.devices().register(table.deviceKeys().get(d));
            }
            try (JournalWriter writer = journal.newWriter();
                 Progress appending = Progress.start(cli, "ingest", order.length, "events")) {
                table.appendTo(writer, ids, order, appending);
                writer.flush();
                dropped[0] = writer.droppedWithoutConsent();
                dropped[1] = writer.droppedSecureInput();
                dropped[2] = writer.droppedKeystrokes();
            }
            cli.out.println("privacy policy v" + journal.policyVersion().version() + ": "
                + journal.policy().describe());
            journal.writeIndex();
            after = journal.stats();
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        cli.out.printf("ingested %,d events from %,d files (%,d devices) into %s in %.2f s: %,.0f events/s%n",
            order.length, files.size(), table.devices(), dir, seconds, order.length / Math.max(seconds, 1e-9));
        cli.out.printf("rejected %,d lines%n", rejected.size());
        if (dropped[0] + dropped[1] + dropped[2] > 0) {
            cli.out.printf("dropped by the policy: %,d events of devices without consent, %,d secure-input keys,"
                + " %,d keystrokes%n", dropped[0], dropped[1], dropped[2]);
        }
        printRejections(rejected);
        cli.out.printf("journal: %,d events, %,d bytes of blocks, %.3f bytes/event%n", after.events(),
            after.blockBytes(), after.bytesPerEvent());
        return 0;
    }

    private void printRejections(final List<Rejection> rejected) {
        rejected.stream().limit(REJECTIONS_SHOWN).forEach(r -> cli.out.println("  " + r));
        if (rejected.size() > REJECTIONS_SHOWN) {
            final Map<String, Long> byReason = new TreeMap<>(rejected.stream().collect(Collectors.groupingBy(
                r -> r.reason().replaceAll("'[^']*'", "'...'"), Collectors.counting())));
            cli.out.println("  ... and " + (rejected.size() - REJECTIONS_SHOWN) + " more; by reason:");
            byReason.forEach((reason, n) -> cli.out.printf("  %,8d  %s%n", n, reason));
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
            try {
                policy = policy.consentedDevices(Files.readAllLines(consent).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toSet()));
            } catch (final IOException e) {
                throw new UncheckedIOException("--consent: cannot read " + consent + ": " + e.getMessage(), e);
            }
        }
        return policy;
    }

    private PrivacyPolicy currentPolicy() {
        try (Journal journal = Journal.openReadOnly(dir, pseudonymKey)) {
            return journal.policy();
        }
    }

    private static InputFormat parseFormat(final String name) {
        try {
            return InputFormat.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("--format: '" + name + "' is not a format (balabit, aalto, jsonl, csv)");
        }
    }

    private List<Path> files(final InputFormat input) {
        final List<Path> files = new ArrayList<>();
        for (final Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> found = Files.walk(path)) {
                    found.filter(Files::isRegularFile).filter(input::accepts).sorted().forEach(files::add);
                } catch (final IOException e) {
                    throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
                }
            } else {
                throw new CliException(path + ": no such file or folder");
            }
        }
        if (files.isEmpty()) {
            throw new CliException("no " + input.name().toLowerCase(Locale.ROOT) + " files in " + paths);
        }
        return files;
    }
}
