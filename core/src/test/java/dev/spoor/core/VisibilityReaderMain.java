/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;

import java.nio.file.Paths;
import java.util.BitSet;

/**
 * Child process of {@link VisibilityTest}: opens a journal read only and, every 10 ms, reads every sealed block
 * and prints {@code at <wallMs> <prefix>}: when the read started (epoch ms) and how many events, numbered by
 * their x from 0, are all visible (the first one missing). Exits when all {@code expectedEvents} are visible,
 * or with status 3 after 120 s.
 * <pre>args: journalDir expectedEvents</pre>
 */
public final class VisibilityReaderMain {
    private VisibilityReaderMain() {
    }

    /**
     * @param args journal directory and the event count to wait for.
     * @throws InterruptedException when interrupted.
     */
    public static void main(final String[] args) throws InterruptedException {
        final int expected = Integer.parseInt(args[1]);
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
        final BitSet visible = new BitSet(expected);
        try (Journal journal = Journal.openReadOnly(Paths.get(args[0])); JournalReader reader = journal.newReader()) {
            final long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                final long startedMs = System.currentTimeMillis();
                visible.clear();
                reader.readAll((index, device, buffer, offset, length) -> {
                    decoder.decode(buffer, offset, length, batch);
                    for (int i = 0; i < batch.size(); i++) {
                        visible.set(batch.x(i));
                    }
                    return true;
                });
                final int prefix = visible.nextClearBit(0);
                System.out.println("at " + startedMs + " " + prefix);
                if (prefix >= expected) {
                    return;
                }
                Thread.sleep(10);
            }
        }
        System.out.println("timeout");
        System.exit(3);
    }
}
