/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Field-by-field comparison of batches with a context (seed, device) in every message. */
final class BlockAssertions {
    private BlockAssertions() {
    }

    static void assertSameEvents(final EventBatch expected, final EventBatch actual, final String context) {
        assertEquals(expected.size(), actual.size(), context + ": event count");
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.sameEvent(i, actual, i)) {
                fail(context + ": event " + i + " expected " + expected.describe(i) + " but decoded "
                    + actual.describe(i));
            }
        }
    }
}
