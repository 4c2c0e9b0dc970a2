/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One peer's full scan of the Balabit set in a loop, for profiles and for comparing two builds on a noisy host:
 * ingests the set as {@link Compare} does into a temporary directory, then scans it 20 times per round and prints
 * the round's rate every 5 rounds until the time is up. Run the jars of two builds one after the other, alternated.
 *
 * <pre>
 *   java &lt;spoor.jvm.flags&gt; -cp bench/target/benchmarks.jar dev.spoor.bench.compare.ScanLoop \
 *       ../shared/data/balabit-mouse-dynamics callback|columns SECONDS [spoor|questdb]
 * </pre>
 */
public final class ScanLoop {
    private static final int SCANS_PER_ROUND = 20;
    private static final int ROUNDS_PER_LINE = 5;

    private ScanLoop() {
    }

    /**
     * @param args the Balabit folder, {@code callback} or {@code columns}, seconds, and optionally the peer.
     * @throws Exception when the set cannot be read or a peer fails.
     */
    public static void main(final String[] args) throws Exception {
        if (args.length < 3 || !("callback".equals(args[1]) || "columns".equals(args[1]))) {
            throw new IllegalArgumentException("usage: ScanLoop BALABIT_DIR callback|columns SECONDS [spoor|questdb]");
        }
        final Dataset data = Dataset.balabit(Path.of(args[0]));
        final boolean isColumns = "columns".equals(args[1]);
        final long endNs = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        final Path dir = Files.createTempDirectory("spoor-scan-loop");
        try (Peer peer = args.length > 3 && "questdb".equals(args[3]) ? new QuestDbPeer() : new SpoorPeer()) {
            final Path stored = Files.createDirectories(dir.resolve("data"));
            peer.ingest(data, stored);
            peer.open(stored);
            for (int round = 1; System.nanoTime() < endNs; round++) {
                final long start = System.nanoTime();
                long events = 0;
                for (int i = 0; i < SCANS_PER_ROUND; i++) {
                    events += isColumns ? peer.columnarScan() : peer.fullScan();
                }
                if (round % ROUNDS_PER_LINE == 0) {
                    System.out.printf(Locale.ROOT, "%s %s %.1f M events/s%n", peer.name(), args[1],
                        events * 1e3 / (System.nanoTime() - start));
                }
            }
        } finally {
            Compare.delete(dir);
        }
    }
}
