/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The journal that collectors embed: {@link dev.spoor.core.Journal} opens a directory holding an append-only
 * Chronicle Queue of sealed blocks; each collector thread appends through its own
 * {@link dev.spoor.core.JournalWriter}, whose open blocks live in a memory-mapped staging file so that no
 * accepted event is lost if the process is killed; {@link dev.spoor.core.JournalReader} reads blocks by device
 * and time through the index, in this process or another, and {@link dev.spoor.core.JournalTailer} follows
 * blocks as they are sealed, by a position a consumer stores to resume after a restart. Every time range, here
 * and in the modules above, follows {@link dev.spoor.core.TimeRange}: [from, to), where a {@code to} of
 * {@code Long.MAX_VALUE} has no end. The rest of the journal lives in sub-packages named for their concern:
 * <ul>
 *   <li>{@code privacy}: the privacy policy and where it is enforced at ingest (consent, keystroke classes,
 *       secure input), key classes, keyed device pseudonyms;</li>
 *   <li>{@code governance}: retention, erasure, compaction and the audit log, behind
 *       {@link dev.spoor.core.governance.Governance};</li>
 *   <li>{@code recovery}: sealing what a killed writer staged, and verifying every block;</li>
 *   <li>{@code index}: the derived block index;</li>
 *   <li>{@code ledger}: the ingest ledger, which makes bulk-ingest re-runs after a crash exactly-once;</li>
 *   <li>{@code internal}: file layouts and Chronicle access, not for use outside this module.</li>
 * </ul>
 * Only this module touches Chronicle types. Layouts: {@code docs/format.md}.
 */
package dev.spoor.core;
