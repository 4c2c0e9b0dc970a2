/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Export of a scan to CSV (RFC 4180) or JSON Lines ({@link dev.spoor.query.export.Exporter}), with a
 * {@link dev.spoor.query.export.LineageManifest} beside every file naming the journal, the scan, the policy
 * versions read and what was left out.
 */
package dev.spoor.query.export;
