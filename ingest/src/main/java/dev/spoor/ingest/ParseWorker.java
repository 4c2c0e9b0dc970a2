/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One parsing thread: takes the next planned source, streams it through its format's reader into buffers from
 * the shared pool and hands each filled buffer to the writer through a bounded queue, then an end marker. On a
 * resumed source it first reads past the events the ledger says are stored, without handing them on. Memory is
 * the pool's buffers, whatever the input size.
 */
final class ParseWorker implements Runnable {
    private final SourcePlan[] plans;
    private final AtomicInteger next;
    private final RecordingFormat format;
    private final ParseOptions options;
    private final Diagnostics diagnostics;
    private final BlockingQueue<EventBuffer> pool;
    private final BlockingQueue<ParsedBatch> out;

    ParseWorker(final SourcePlan[] plans, final AtomicInteger next, final RecordingFormat format,
        final ParseOptions options, final Diagnostics diagnostics, final BlockingQueue<EventBuffer> pool,
        final BlockingQueue<ParsedBatch> out) {
        this.plans = plans;
        this.next = next;
        this.format = format;
        this.options = options;
        this.diagnostics = diagnostics;
        this.pool = pool;
        this.out = out;
    }

    @Override
    public void run() {
        try {
            for (int i = next.getAndIncrement(); i < plans.length; i = next.getAndIncrement()) {
                if (plans[i].action() == SourcePlan.Action.NEW || plans[i].action() == SourcePlan.Action.RESUME) {
                    parse(i);
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final Throwable e) {
            try {
                out.put(new ParsedBatch(-1, null, 0, 0, 0, 0, 0, 0, 0, e));
            } catch (final InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void parse(final int source) throws Exception {
        final SourcePlan plan = plans[source];
        final Diagnostics reported = plan.linesSeen() == 0 ? diagnostics : new UnseenLines(plan.linesSeen());
        try (SourceReader reader = format.open(plan.file(), options, reported)) {
            long events = plan.eventsStored();
            EventBuffer buffer = pool.take();
            skipStored(reader, buffer, plan);
            long bytes = plan.action() == SourcePlan.Action.RESUME ? plan.progress().bytesCovered() : 0;
            long hash = plan.action() == SourcePlan.Action.RESUME ? plan.progress().coveredHash() : 0;
            long lines = plan.linesSeen();
            while (true) {
                if (buffer.remaining() > 0) {
                    reader.read(buffer);
                }
                if (buffer.size() == 0) {
                    break;
                }
                final int filled = buffer.size();
                out.put(new ParsedBatch(source, buffer, events, bytes, hash, lines, reader.bytesCovered(),
                    reader.coveredHash(), reader.linesRead(), null));
                events += filled; // not buffer.size(): the writer may have emptied it already
                bytes = reader.bytesCovered();
                hash = reader.coveredHash();
                lines = reader.linesRead();
                buffer = pool.take();
            }
            pool.put(buffer);
            out.put(new ParsedBatch(source, null, events, bytes, hash, lines, reader.bytesCovered(),
                reader.coveredHash(), reader.linesRead(), null));
        }
    }

    /** Reads past the events a resumed source already has in the journal; leaves any remainder in buffer. */
    private static void skipStored(final SourceReader reader, final EventBuffer buffer, final SourcePlan plan)
        throws Exception {
        long left = plan.eventsStored();
        while (left > 0) {
            if (reader.read(buffer) == 0) {
                throw new IngestException(plan.file() + ": the ingest ledger says " + plan.eventsStored()
                    + " events of it are stored, but it now gives only " + (plan.eventsStored() - left)
                    + " (ingested with other options, such as --epoch or --ts-unit?); pass --force to ingest it"
                    + " again whole");
            }
            final int dropped = (int)Math.min(left, buffer.size());
            buffer.dropFirst(dropped);
            if (buffer.size() == 0) {
                buffer.clear();
            }
            left -= dropped;
        }
    }

    /** Reports only what the run that stored the first lines did not: rejections past them, no warnings. */
    private final class UnseenLines implements Diagnostics {
        private final long linesSeen;

        UnseenLines(final long linesSeen) {
            this.linesSeen = linesSeen;
        }

        @Override
        public void reject(final Rejection rejection) {
            if (rejection.line() > linesSeen) {
                diagnostics.reject(rejection);
            }
        }

        @Override
        public void warn(final Path file, final String message) {
            // Said by the run that read the file's first lines.
        }
    }
}
