/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Reports over a scan: sessions split by idle gaps and per-bucket aggregates (moves, clicks, keys, wheel
 * turns, path length in px), in {@link dev.spoor.query.report.ActivityReport}.
 */
package dev.spoor.query.report;
