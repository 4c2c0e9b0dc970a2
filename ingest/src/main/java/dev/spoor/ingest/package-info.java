/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Bulk ingest as a library. A {@link dev.spoor.ingest.RecordingFormat} opens one input file as a
 * {@link dev.spoor.ingest.SourceReader}, which streams its events into an {@link dev.spoor.ingest.EventBuffer}
 * one complete line at a time, reporting every line it cannot take as a {@link dev.spoor.ingest.Rejection}
 * (file, line, field, value) through {@link dev.spoor.ingest.Diagnostics}. {@code Ingest} runs readers in
 * parallel into one journal writer and records what each source contributed in the journal's ingest ledger,
 * so that a re-run after a crash stores the missing events exactly once.
 */
package dev.spoor.ingest;
