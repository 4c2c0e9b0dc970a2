/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Coming back from faults: {@link dev.spoor.core.recovery.Recovery} seals, exactly once, what killed writers
 * left in their staging files when a journal is opened for writing, and ends a killed ingest writer's ledger
 * session with its append count; {@link dev.spoor.core.recovery.Verifier} checks every block's framing, header,
 * checksum and decode, the index against the queue, and the ingest ledger. {@code CycleCheck} (internal)
 * checks every cycle file against the cycle summary before Chronicle maps one ({@link
 * dev.spoor.core.recovery.DamagedCycle}: missing, cut short) and, with {@code CycleTail}, the last excerpt
 * headers of the newest file against their blocks (a damaged one there would send Chronicle's search for the end
 * of the queue past the end of the mapping: readers then walk to the end, writers wait for repair), and
 * {@link dev.spoor.core.recovery.Repair} rewrites damaged cycle files from their whole excerpts, salvaging the
 * blocks past a damaged excerpt header ({@code CycleSalvage}); {@link dev.spoor.core.recovery.SalvagedCycles}
 * gives readers the same salvage before any repair, so they read past such a header too.
 */
package dev.spoor.core.recovery;
