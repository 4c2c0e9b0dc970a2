/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.compare;

/**
 * One peer's figures on one dataset.
 *
 * @param peer            the peer.
 * @param ingestPerSec    events/s written by one thread, close included.
 * @param diskPerEvent    bytes allocated on disk per event after close.
 * @param scanPerSec      full scan events/s (best of three after a warm-up).
 * @param queryMedianMs   one device, one hour: median latency.
 * @param queryP99Ms      the same, 99th percentile.
 * @param queries         queries timed.
 * @param coldFirstMs     open a fresh instance and answer the first query.
 */
record Result(String peer, double ingestPerSec, double diskPerEvent, double scanPerSec, double columnarScanPerSec,
              double queryMedianMs, double queryP99Ms, int queries, double coldFirstMs) {
}
