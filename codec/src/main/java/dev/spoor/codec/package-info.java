/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The event model and the block format: {@link dev.spoor.codec.EventBatch} holds one device's events as
 * primitive columns, {@link dev.spoor.codec.BlockEncoder} turns them into a self-checking block
 * ({@link dev.spoor.codec.BlockLayout}) and {@link dev.spoor.codec.BlockDecoder} checks and decodes it,
 * reporting any damage as a {@link dev.spoor.codec.CorruptBlockException}. {@link dev.spoor.codec.EventCursor}
 * walks decoded events without allocating. Timestamps are deltas in the block's tick, or, for a block whose times sit
 * on a coarse clock (a Windows client's 15.6 ms), counts of that clock's periods ({@code ClockLattice}). Encoders and
 * decoders are reusable, single-threaded and allocation-free per event. The format is drawn in
 * {@code docs/format.md}.
 */
package dev.spoor.codec;
