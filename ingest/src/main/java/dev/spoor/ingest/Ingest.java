/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.BlockPlan;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalReader;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.ledger.IngestLedger;
import dev.spoor.core.ledger.LedgerSession;
import dev.spoor.core.ledger.SourceKeys;
import dev.spoor.core.ledger.SourceProgress;
import dev.spoor.core.privacy.KeystrokeMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Bulk ingest of recordings into a journal: parse workers stream files in parallel into a bounded pool of
 * {@link EventBuffer}s, one writer thread (the caller's) appends them, and the journal's ingest ledger records,
 * before each batch is appended, which events of which source it holds. Memory is the pool, whatever the input.
 *
 * <p>Re-runs are exactly-once: a file stored whole is skipped; a file stored in part (the run was killed, or the
 * file grew since) is read past the events the ledger says are stored and the rest appended; a file whose
 * ingested part changed is refused, nothing appended, unless {@link #force(boolean)}. A file with the same bytes
 * as one stored whole under another path (a copy, or a folder moved since), or as another file of the same run,
 * is skipped with a warning naming the other, unless {@link #force(boolean)}. Two different recordings that the
 * format would store as one device because it names devices by path ({@link RecordingFormat#deviceKeyOf}) are
 * refused, nothing appended, unless {@link #force(boolean)}; such a refusal, like the others made while planning,
 * says so ({@link IngestException#isNothingAppended()}). A file read whole of which every event is of a device
 * without consent stores nothing and is not recorded, so a run whose consent list names the device takes it. With
 * {@link #strict(boolean)} every file is read once before anything is appended, and one rejected line stops the
 * run. An unfinished last line is never taken: it is reported and taken by the run after it is finished.
 *
 * <pre>{@code
 * IngestReport report = Ingest.into(journal).format(Formats.byName("csv")).threads(2).run(files);
 * }</pre>
 */
public final class Ingest {
    /** Events per buffer handed from a parse worker to the writer. */
    public static final int BUFFER_EVENTS = 16_384;
    /** Bytes of a still unfinished last line a rejection quotes at most. */
    private static final int UNFINISHED_SHOWN = 80;
    /** A block plan's type mask for every event type. */
    private static final int ALL_TYPES = -1;

    private final Journal journal;
    private RecordingFormat format;
    private ParseOptions options = ParseOptions.defaults();
    private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private boolean isStrict;
    private boolean isForced;
    private int rejectionsKept = 20;
    private Path rejectionFile;
    private IngestListener listener = IngestListener.NONE;
    /** The files {@link #plan} found still being written, each as the rejection the run reports. */
    private final List<Rejection> heldBack = new ArrayList<>();

    private Ingest(final Journal journal) {
        this.journal = journal;
    }

    /**
     * @param journal an open, writable journal.
     * @return an ingest into it, to configure then {@link #run}.
     */
    public static Ingest into(final Journal journal) {
        return new Ingest(journal);
    }

    /**
     * @param value the input format.
     * @return this.
     */
    public Ingest format(final RecordingFormat value) {
        this.format = value;
        return this;
    }

    /**
     * @param value epoch, timestamp unit and line limit.
     * @return this.
     */
    public Ingest options(final ParseOptions value) {
        this.options = value;
        return this;
    }

    /**
     * @param value parse workers, at least 1 (default: processors, at most 4).
     * @return this.
     */
    public Ingest threads(final int value) {
        if (value < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + value);
        }
        this.threads = value;
        return this;
    }

    /**
     * @param value true: read everything first and stop, having appended nothing, at the first rejected line
     *              (an unfinished last line is not a rejection: it is held back).
     * @return this.
     */
    public Ingest strict(final boolean value) {
        this.isStrict = value;
        return this;
    }

    /**
     * @param value true: a file that changed since it was ingested is ingested again whole (the events of its
     *              earlier version stay in the journal), and recordings that the format would store as one device
     *              ({@link RecordingFormat#deviceKeyOf}) are, instead of being refused.
     * @return this.
     */
    public Ingest force(final boolean value) {
        this.isForced = value;
        return this;
    }

    /**
     * @param value rejected lines kept whole for the report (the rest are counted by kind).
     * @return this.
     */
    public Ingest rejectionsKept(final int value) {
        this.rejectionsKept = value;
        return this;
    }

    /**
     * @param value a file to write every rejection to as it happens ({@link RejectionFile}: one JSON object a
     *              line), beside the first few the report keeps; null for none.
     * @return this.
     */
    public Ingest rejectionsTo(final Path value) {
        this.rejectionFile = value;
        return this;
    }

    /**
     * @param value told of progress after every batch.
     * @return this.
     */
    public Ingest listener(final IngestListener value) {
        this.listener = value;
        return this;
    }

    /**
     * @return the options the readers get: a journal that keeps key codes refuses key classes, which a class
     *         journal's export holds, rather than turn each into the code standing for its class.
     */
    private ParseOptions parseOptions() {
        return options.withKeyClassesRefused(journal.policy().keystrokes() == KeystrokeMode.CODE);
    }

    /**
     * Ingests the files.
     *
     * @param files input files (see {@link InputFiles#find}); one file named twice is read once.
     * @return what was done.
     * @throws IngestException when an input changed since it was ingested (without force), when strict and a line
     *         is rejected, when another ingest into the journal is running, or when the options do not say all the
     *         format needs ({@link RecordingFormat#checkOptions}; nothing is appended then).
     * @throws UncheckedIOException when an input cannot be read.
     */
    public IngestReport run(final List<Path> files) {
        if (format == null) {
            throw new IllegalStateException("no format: call format(...) before run");
        }
        for (final Path file : files) {
            format.checkOptions(file, options);
        }
        final long started = System.nanoTime();
        final IngestLedger ledger = journal.ingestLedger();
        try (RejectionFile allRejections = rejectionFile == null ? null : new RejectionFile(rejectionFile);
            JournalWriter writer = journal.newWriter()) {
            final Run run;
            try (LedgerSession session = ledger.begin(writer)) {
                final SourcePlan[] plans = plan(ledger, files);
                if (isStrict) {
                    checkStrictly(plans, allRejections);
                }
                final String reading = format.readingOf(options);
                final Map<String, String> readings = ledger.readings();
                for (final SourcePlan plan : plans) {
                    final boolean isReset = plan.action() == SourcePlan.Action.NEW && plan.progress() != null;
                    if (isReset) {
                        session.reset(plan.sourceKey());
                    }
                    final boolean isRead = plan.action() == SourcePlan.Action.NEW
                        || plan.action() == SourcePlan.Action.RESUME;
                    if (isRead && (isReset || !reading.equals(readings.get(plan.sourceKey())))) {
                        session.reading(plan.sourceKey(), reading);
                    }
                }
                // Under --strict the check wrote them all (a run after it has only unfinished last lines, again).
                run = new Run(plans, new RejectionLog(rejectionsKept, isStrict ? null : allRejections));
                heldBack.forEach(run.rejections::reject);
                for (final SourcePlan plan : plans) {
                    if (plan.action() == SourcePlan.Action.DONE && plan.progress() == null) {
                        run.rejections.warn(plan.file(), plan.change());
                    } else if (plan.action() == SourcePlan.Action.DONE
                        && plan.size() > plan.progress().bytesCovered()) {
                        run.rejections.reject(stillUnfinished(plan));
                    }
                }
                run.pump(run.rejections, batch -> run.append(batch, writer, session));
            } // the session's close seals every open block, then records its end
            return run.report(writer, (System.nanoTime() - started) / 1e9);
        }
    }

    /** Plans every file under the session's lock, from one reading of the ledger. */
    private SourcePlan[] plan(final IngestLedger ledger, final List<Path> files) {
        final Map<String, SourceProgress> known = new HashMap<>();
        ledger.sources().forEach(p -> known.put(p.sourceKey(), p));
        final List<SourcePlan> plans = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        for (final Path file : files) {
            final String key;
            try {
                key = ledger.sourceKeyOf(file);
            } catch (final IOException e) {
                throw new IngestException(file + ": no such file (" + e.getMessage() + ")", e);
            }
            if (keys.add(key)) {
                plans.add(SourcePlan.of(file, key, known.get(key), format.isAppendStable()));
            }
        }
        final String reading = format.readingOf(options);
        final Map<String, String> readings = ledger.readings();
        final List<SourcePlan> readOtherwise = plans.stream().filter(p -> p.progress() != null
            && p.action() != SourcePlan.Action.CHANGED && readings.containsKey(p.sourceKey())
            && !readings.get(p.sourceKey()).equals(reading)).collect(Collectors.toList());
        if (!readOtherwise.isEmpty() && !isForced) {
            throw new IngestException(readOtherwise.size() + " input file(s) were ingested read another way than"
                + " this run reads them, so nothing was appended: " + readOtherwise.stream().map(p -> p.file()
                + " (ingested as '" + readings.get(p.sourceKey()) + "', now '" + reading + "'; "
                + p.progress().events() + " events of it are stored)").collect(Collectors.joining(", "))
                + ". Run with the options of that ingest to go on with it, or pass --force to ingest it again whole"
                + " the new way; its earlier events stay in the journal (to keep only the new reading, ingest into a"
                + " new journal: an erased device or time range takes no events again).", true);
        }
        final List<SourcePlan> changed = plans.stream().filter(p -> p.action() == SourcePlan.Action.CHANGED
            || isForced && readOtherwise.contains(p)).collect(Collectors.toList());
        if (!changed.isEmpty() && !isForced) {
            throw new IngestException(changed.size() + " input file(s) changed since they were ingested, so nothing"
                + " was appended: " + changed.stream().map(p -> p.file() + " (" + p.change() + "; "
                + p.progress().events() + " events of it are stored)").collect(Collectors.joining(", "))
                + ". Pass --force to ingest them again whole; their earlier events stay in the journal (to keep only"
                + " the new version, ingest into a new journal: an erased device or time range takes no events"
                + " again).", true);
        }
        final SourcePlan[] planned = plans.stream().map(p -> changed.contains(p)
            ? new SourcePlan(p.file(), p.sourceKey(), p.size(), SourcePlan.Action.NEW, p.progress(), null) : p)
            .toArray(SourcePlan[]::new);
        if (!isForced) {
            skipCopies(planned, known.values());
        }
        holdUnfinished(planned);
        if (!isForced) {
            refuseSharedDevices(planned);
        }
        return planned;
    }

    /**
     * Refuses, before anything is appended, a recording that the format would store as a device another recording
     * feeds, because it names devices by path ({@link RecordingFormat#deviceKeyOf}): two files of this run, or a file
     * never ingested (not a copy, not one that grew) whose device already has events in the journal. The ledger
     * cannot say which file fed a device (it may keep its source paths only hashed), so the journal's index does.
     */
    private void refuseSharedDevices(final SourcePlan[] plans) {
        final Map<String, SourcePlan> firstOfDevice = new HashMap<>();
        final List<String> shared = new ArrayList<>();
        try (JournalReader reader = journal.newReader()) {
            final BlockPlan blocks = new BlockPlan();
            for (final SourcePlan plan : plans) {
                final boolean isRead = plan.action() == SourcePlan.Action.NEW
                    || plan.action() == SourcePlan.Action.RESUME;
                final String device = isRead ? format.deviceKeyOf(plan.file(), options) : null;
                if (device == null) {
                    continue;
                }
                final SourcePlan first = firstOfDevice.putIfAbsent(device, plan);
                if (first != null) {
                    shared.add("'" + device + "' from " + first.file() + " and " + plan.file());
                } else if (plan.progress() == null) {
                    reader.plan(new long[] {journal.devices().lookup(device)}, Long.MIN_VALUE, Long.MAX_VALUE,
                        ALL_TYPES, blocks);
                    if (blocks.size() > 0) {
                        shared.add("'" + device + "' from a recording ingested earlier and " + plan.file());
                    }
                }
            }
        }
        if (!shared.isEmpty()) {
            throw new IngestException(shared.size() + " recording(s) would be stored as a device that another"
                + " recording feeds, so nothing was appended: " + String.join(", ", shared) + ". The " + format.name()
                + " format names a device by its recording's path; ingest such recordings with a device of their own"
                + " where the format takes one (pynput: --device KEY, a run each), rename one of them, or pass --force"
                + " to store them as one device.", true);
        }
    }

    /**
     * A file stored whole but for its last line, which still has no line end: said again on every run that finds
     * it so, as the run that stored the rest said it, so "nothing to do" does not hide it.
     */
    private static Rejection stillUnfinished(final SourcePlan plan) {
        final long covered = plan.progress().bytesCovered();
        final long tail = plan.size() - covered;
        final byte[] shown = new byte[(int)Math.min(tail, UNFINISHED_SHOWN)];
        try (SeekableByteChannel file = Files.newByteChannel(plan.file())) {
            file.position(covered);
            final ByteBuffer into = ByteBuffer.wrap(shown);
            while (into.hasRemaining() && file.read(into) >= 0) {
                continue;
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(plan.file() + ": cannot read: " + e.getMessage(), e);
        }
        return new Rejection(plan.file(), plan.progress().linesCovered() + 1, RejectionKind.INCOMPLETE_LAST_LINE,
            null, new String(shown, StandardCharsets.UTF_8) + (tail > shown.length ? "..." : ""), "the last line ("
            + tail + " bytes) still has no line end; left for a later run, once it is finished");
    }

    /** Turns each new file of a format read only whole that is still being written into a HELD plan. */
    private void holdUnfinished(final SourcePlan[] plans) {
        heldBack.clear();
        if (format.isAppendStable()) {
            return;
        }
        for (int i = 0; i < plans.length; i++) {
            final SourcePlan plan = plans[i];
            if (plan.action() != SourcePlan.Action.NEW) {
                continue;
            }
            final Rejection unfinished;
            try {
                unfinished = format.unfinished(plan.file(), options);
            } catch (final IOException e) {
                throw new UncheckedIOException(plan.file() + ": cannot read: " + e.getMessage(), e);
            }
            if (unfinished != null) {
                heldBack.add(unfinished);
                plans[i] = new SourcePlan(plan.file(), plan.sourceKey(), plan.size(), SourcePlan.Action.HELD,
                    plan.progress(), null);
            }
        }
    }

    /**
     * Turns each new file whose bytes are those of a source stored whole, or of a new file before it in the run, into
     * a DONE plan without progress, its {@code change} the warning that names the other file. Only files of equal
     * size are hashed (CRC-32C of the whole file, as the ledger keeps it), so a run without copies reads nothing more.
     */
    private static void skipCopies(final SourcePlan[] plans, final Iterable<SourceProgress> known) {
        final Map<Long, List<SourceProgress>> storedWholeBySize = new HashMap<>();
        for (final SourceProgress p : known) {
            if (p.isComplete() && p.bytesCovered() > 0) {
                storedWholeBySize.computeIfAbsent(p.bytesCovered(), size -> new ArrayList<>()).add(p);
            }
        }
        final Map<Long, Integer> newBySize = new HashMap<>();
        for (final SourcePlan plan : plans) {
            if (plan.action() == SourcePlan.Action.NEW && plan.progress() == null && plan.size() > 0) {
                newBySize.merge(plan.size(), 1, Integer::sum);
            }
        }
        final Map<String, SourcePlan> firstOfRun = new HashMap<>();
        for (int i = 0; i < plans.length; i++) {
            final SourcePlan plan = plans[i];
            if (plan.action() != SourcePlan.Action.NEW || plan.progress() != null || plan.size() == 0) {
                continue;
            }
            final List<SourceProgress> stored = storedWholeBySize.getOrDefault(plan.size(), List.of());
            if (stored.isEmpty() && newBySize.get(plan.size()) < 2) {
                continue;
            }
            final long hash;
            try {
                hash = PrefixHash.of(plan.file(), plan.size());
            } catch (final IOException e) {
                throw new UncheckedIOException(plan.file() + ": cannot read: " + e.getMessage(), e);
            }
            final String copyOf = stored.stream().filter(p -> p.coveredHash() == hash).map(SourceProgress::sourceKey)
                .findFirst().orElse(null);
            if (copyOf != null) {
                // The ledger names a file by a keyed hash of its path (SourceKeys), older ledgers by the path.
                plans[i] = copy(plan, "has the same " + plan.size() + " bytes as " + (SourceKeys.isPlain(copyOf)
                    ? copyOf + ", which is stored whole" : "a file stored whole by an earlier run") + " (a copy, or"
                    + " a file moved since it was ingested): skipped; pass --force to store its events again");
                continue;
            }
            final SourcePlan first = firstOfRun.putIfAbsent(plan.size() + ":" + hash, plan);
            if (first != null) {
                plans[i] = copy(plan, "has the same " + plan.size() + " bytes as " + first.file() + " of this run:"
                    + " skipped; pass --force to store its events twice");
            }
        }
    }

    private static SourcePlan copy(final SourcePlan plan, final String warning) {
        return new SourcePlan(plan.file(), plan.sourceKey(), plan.size(), SourcePlan.Action.DONE, null, warning);
    }

    private void checkStrictly(final SourcePlan[] plans, final RejectionFile allRejections) {
        final RejectionLog found = new RejectionLog(rejectionsKept, allRejections);
        new Run(plans, found).pump(found, batch -> { });
        final long rejected = found.total() - found.count(RejectionKind.INCOMPLETE_LAST_LINE);
        if (rejected > 0) {
            throw new IngestException("--strict: " + rejected + " line(s) rejected, so nothing was appended; first: "
                + found.first().stream().filter(r -> r.kind() != RejectionKind.INCOMPLETE_LAST_LINE).findFirst()
                .map(Rejection::toString).orElse("?"), true);
        }
    }

    /** Handles one batch on the writer's thread. */
    private interface BatchHandler {
        void handle(ParsedBatch batch);
    }

    /** One pass over the planned sources: workers, the pool and queue, the counts. */
    private final class Run {
        private final SourcePlan[] plans;
        private final RejectionLog rejections;
        private final Map<String, Long> deviceIds = new HashMap<>();
        private final List<Path> refused = new ArrayList<>();
        private final List<Path> withoutConsent = new ArrayList<>();
        /** Per input file: whether a device of it may be stored under the policy (consent). */
        private final boolean[] isAnyConsented;
        private final long[] bytesDone;
        private final long bytesTotal;
        private long eventsAppended;
        private long eventsSkipped;
        private int resumed;
        private int done;
        private int held;

        Run(final SourcePlan[] plans, final RejectionLog rejections) {
            this.plans = plans;
            this.rejections = rejections;
            this.bytesDone = new long[plans.length];
            this.isAnyConsented = new boolean[plans.length];
            long total = 0;
            for (int i = 0; i < plans.length; i++) {
                total += plans[i].size();
                if (plans[i].action() == SourcePlan.Action.DONE) {
                    bytesDone[i] = plans[i].size();
                    done++;
                } else if (plans[i].action() == SourcePlan.Action.HELD) {
                    held++;
                } else if (plans[i].action() == SourcePlan.Action.RESUME) {
                    resumed++;
                    eventsSkipped += plans[i].eventsStored();
                }
            }
            this.bytesTotal = total;
        }

        /** Runs the workers and hands every batch to the handler on this thread, until every source ended. */
        void pump(final Diagnostics diagnostics, final BatchHandler handler) {
            final int buffers = threads * 3;
            final BlockingQueue<EventBuffer> pool = new ArrayBlockingQueue<>(buffers);
            for (int i = 0; i < buffers; i++) {
                pool.add(new EventBuffer(BUFFER_EVENTS));
            }
            final BlockingQueue<ParsedBatch> out = new ArrayBlockingQueue<>(buffers + threads);
            final AtomicInteger next = new AtomicInteger();
            final List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final ParseWorker work = new ParseWorker(plans, next, format, parseOptions(), diagnostics, pool,
                    out);
                final Thread worker = new Thread(work, "spoor-ingest-parse-" + t);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            try {
                int open = plans.length - done - held;
                while (open > 0) {
                    final ParsedBatch batch = out.take();
                    if (batch.failure() != null) {
                        throw asUnchecked(batch.failure());
                    }
                    handler.handle(batch);
                    bytesDone[batch.source()] = batch.bytesAfter();
                    if (batch.isEnd()) {
                        open--;
                    } else {
                        batch.buffer().clear();
                        pool.put(batch.buffer());
                    }
                    listener.progress(sum(bytesDone), bytesTotal, eventsAppended);
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException("ingest interrupted", e);
            } finally {
                workers.forEach(Thread::interrupt);
                joinAll(workers);
            }
        }

        void append(final ParsedBatch batch, final JournalWriter writer, final LedgerSession session) {
            final SourcePlan plan = plans[batch.source()];
            if (batch.isEnd()) {
                if (batch.eventsBefore() == 0 && rejections.refusedIn(plan.file()) > 0) {
                    // Every line refused: most likely the wrong format. Not recorded as ingested, so a run with the
                    // right format takes it without --force (it stored nothing that could be stored twice).
                    session.reset(plan.sourceKey());
                    refused.add(plan.file());
                    return;
                }
                if (batch.eventsBefore() > 0 && !isAnyConsented[batch.source()] && plan.progress() == null) {
                    // Every event was of a device without consent, so nothing of it is stored: not recorded as
                    // ingested, so a run whose consent list names its device takes it (nothing can be stored twice).
                    session.reset(plan.sourceKey());
                    withoutConsent.add(plan.file());
                    return;
                }
                session.complete(plan.sourceKey(), batch.eventsBefore(), batch.bytesAfter(), batch.hashAfter(),
                    batch.linesAfter());
                return;
            }
            final EventBuffer events = batch.buffer();
            final long[] ids = new long[events.deviceKeys().size()];
            for (int d = 0; d < ids.length; d++) {
                ids[d] = deviceIds.computeIfAbsent(events.deviceKeys().get(d), journal.devices()::register);
                if (!isAnyConsented[batch.source()]) {
                    isAnyConsented[batch.source()] = journal.isConsented(events.deviceKeys().get(d));
                }
            }
            session.batch(plan.sourceKey(), batch.eventsBefore(), events.size(), batch.bytesBefore(),
                batch.hashBefore(), batch.linesBefore(), batch.bytesAfter(), batch.hashAfter(), batch.linesAfter());
            for (int i = 0, n = events.size(); i < n; i++) {
                final EventType type = EventType.fromCode(events.typeCode(i));
                if ((events.xFraction(i) | events.yFraction(i)) == 0) {
                    writer.append(ids[events.device(i)], events.timestampNs(i), type, events.x(i), events.y(i),
                        events.a(i), events.b(i));
                } else {
                    writer.appendSubPixel(ids[events.device(i)], events.timestampNs(i), type,
                        SubPixel.of(events.x(i), events.xFraction(i)), SubPixel.of(events.y(i), events.yFraction(i)),
                        events.a(i), events.b(i));
                }
            }
            eventsAppended += events.size();
        }

        IngestReport report(final JournalWriter writer, final double seconds) {
            return new IngestReport(plans.length, done, resumed, eventsAppended, eventsSkipped, sum(bytesDone),
                seconds, rejections, List.copyOf(refused), List.copyOf(withoutConsent),
                writer.droppedWithoutConsent(), writer.droppedSecureInput(),
                writer.droppedKeystrokes(), writer.droppedErased());
        }
    }

    private static long sum(final long[] values) {
        long total = 0;
        for (final long v : values) {
            total += v;
        }
        return total;
    }

    private static void joinAll(final List<Thread> workers) {
        for (final Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static RuntimeException asUnchecked(final Throwable failure) {
        if (failure instanceof RuntimeException) {
            return (RuntimeException)failure;
        }
        if (failure instanceof IOException) {
            return new UncheckedIOException(failure.getMessage(), (IOException)failure);
        }
        if (failure instanceof Error) {
            throw (Error)failure;
        }
        return new IngestException(failure.toString(), failure);
    }
}
