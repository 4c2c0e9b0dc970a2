/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Coming back from faults: {@link dev.spoor.core.recovery.Recovery} seals, exactly once, what killed writers
 * left in their staging files when a journal is opened for writing; {@link dev.spoor.core.recovery.Verifier}
 * checks every block's framing, header, checksum and decode, and the index against the queue.
 */
package dev.spoor.core.recovery;
