/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.nio.file.Paths;
import java.util.Random;

/**
 * Child process of {@link IngestCrashTest}: runs (or resumes) the {@link IngestDriver} ingest of a seed's sources
 * into a journal, printing {@code batch N} after each batch's events are appended, {@code block} once the queue
 * holds a block (at the first batch when it had one already), and {@code done} at the end, until it is
 * killed.
 * <pre>args: journalDir seed sources maxSpinNs batchSeed</pre>
 */
public final class IngestCrashMain {
    private IngestCrashMain() {
    }

    /**
     * @param args journal directory, seed, source count, busy time per event (ns, up to), seed of batch sizes.
     */
    public static void main(final String[] args) {
        final long seed = Long.parseLong(args[1]);
        try (Journal journal = Journal.open(Paths.get(args[0]), IngestDriver.config())) {
            final boolean[] isBlockSeen = {false};
            IngestDriver.run(journal, IngestDriver.sources(seed, Integer.parseInt(args[2])),
                new Random(Long.parseLong(args[4])), Long.parseLong(args[3]), n -> {
                    if (!isBlockSeen[0] && journal.stats().blocks() > 0) {
                        isBlockSeen[0] = true;
                        System.out.println("block");
                    }
                    System.out.println("batch " + n);
                });
        }
        System.out.println("done");
    }
}
