/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The block index: derived from block headers, persisted compactly, rebuilt when missing or damaged; per
 * device sorted by time, and a sparse per-cycle time index for range scans.
 */
package dev.spoor.core.index;
