/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Scans: what to read ({@link dev.spoor.query.scan.Scan}), how ({@link dev.spoor.query.scan.Scanner}: per
 * device in time order, merged across devices, parallel), the shapes events arrive in (a reused
 * {@link dev.spoor.query.scan.EventView}, {@link dev.spoor.query.scan.ColumnBatch} columns,
 * {@link dev.spoor.query.scan.Event} records) and what a scan did ({@link dev.spoor.query.scan.ScanStats}).
 * Damage ({@link dev.spoor.query.scan.DamagePolicy}): under FAIL, the default, a damaged block stops a scan where it
 * is met and a journal with damaged cycle files (cut, missing) stops it before it starts, so no result misses events
 * unseen; under SKIP the intact blocks are read and the stats list what was left out.
 */
package dev.spoor.query.scan;
