/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

/** What a scan does when a block fails its checks. */
public enum DamagePolicy {
    /** Stop with a {@link ScanException} naming the cycle, queue index and reason (the default). */
    FAIL,
    /** Leave the block out, record it in {@link ScanStats#damagedBlocks()}, and go on. */
    SKIP
}
