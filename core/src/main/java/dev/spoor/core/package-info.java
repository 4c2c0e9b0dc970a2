/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The journal that collectors embed: {@link dev.spoor.core.Journal} opens a directory holding an append-only
 * Chronicle Queue of sealed blocks; each collector thread appends through its own
 * {@link dev.spoor.core.JournalWriter}, whose open blocks live in a memory-mapped staging file so that no
 * accepted event is lost if the process is killed; {@link dev.spoor.core.JournalReader} reads blocks by device
 * and time through the index, in this process or another; {@link dev.spoor.core.Journal#verify()} checks
 * every block. Privacy is applied here, at ingest: {@link dev.spoor.core.PrivacyPolicy} (keystroke classes,
 * secure input, consent, per-device encryption, keyed pseudonyms), stored and versioned in the journal;
 * {@link dev.spoor.core.Journal#retain(long)}, {@link dev.spoor.core.Journal#erase(String)},
 * {@link dev.spoor.core.Journal#compact(java.nio.file.Path)} and the audit log govern what stays. Only this
 * module touches Chronicle types. Layouts: {@code docs/format.md}.
 */
package dev.spoor.core;
