/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The ingest ledger: what bulk ingest stored of each source file, so that re-running an ingest after a crash
 * appends exactly the missing events. {@link dev.spoor.core.ledger.IngestLedger} (from
 * {@code Journal.ingestLedger()}) answers each source's {@link dev.spoor.core.ledger.SourceProgress} and begins
 * a {@link dev.spoor.core.ledger.LedgerSession} on a writer; the session records batches against the writer's
 * append count, which the writer keeps in its staging file so that recovery can end a killed session with the
 * exact count. The session also records how each source is read (its format's options that change its events;
 * {@link dev.spoor.core.ledger.IngestLedger#readings()}), so a re-run that would read a file another way is
 * refused rather than finding nothing to do. A session's end is recorded only once its writer's blocks are sealed.
 * {@link dev.spoor.core.ledger.LedgerFile} owns the file layout ({@code ingest-ledger.spoor});
 * {@link dev.spoor.core.ledger.LedgerSalvage} is what {@code spoor repair} does to a damaged one.
 */
package dev.spoor.core.ledger;
