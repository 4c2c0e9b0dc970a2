/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Reports over a scan: sessions split by idle gaps and per-bucket aggregates (moves, clicks, keys, wheel
 * turns, real positions, path length in px), in {@link dev.spoor.query.report.ActivityReport}. Which pointer
 * positions are real (not a recorder's sentinel) is decided once, in {@link dev.spoor.query.report.Positions},
 * for these reports and the heatmap alike.
 */
package dev.spoor.query.report;
