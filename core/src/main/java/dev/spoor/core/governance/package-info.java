/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * What data leaves a journal and how, and the record of it: retention of whole roll cycles, erasure of a
 * device, compaction that removes erased bytes from disk, and the audit log. The entry point is
 * {@link dev.spoor.core.governance.Governance} ({@code journal.governance()}).
 */
package dev.spoor.core.governance;
