/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;

import java.nio.file.Paths;

/**
 * Child process of {@link CrossProcessReaderTest}: opens a journal read only, once, and re-reads it until it
 * has seen {@code expectedEvents}, printing {@code seen <blocks> <events>} whenever that grows. Every block
 * is fully decoded, so a torn or unchecked block would end the process with an error.
 * <pre>args: journalDir expectedEvents</pre>
 */
public final class ReaderMain {
    private ReaderMain() {
    }

    /**
     * @param args journal directory and the event count to wait for.
     * @throws InterruptedException when interrupted.
     */
    public static void main(final String[] args) throws InterruptedException {
        final long expected = Long.parseLong(args[1]);
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
        long lastEvents = -1;
        try (Journal journal = Journal.openReadOnly(Paths.get(args[0])); JournalReader reader = journal.newReader()) {
            final long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                final long[] events = {0};
                final int blocks = reader.readRange(0, Long.MAX_VALUE, (index, device, buffer, offset, length) -> {
                    decoder.decode(buffer, offset, length, batch);
                    events[0] += batch.size();
                    return true;
                });
                if (events[0] != lastEvents) {
                    lastEvents = events[0];
                    System.out.println("seen " + blocks + " " + events[0]);
                }
                if (events[0] >= expected) {
                    return;
                }
                Thread.sleep(20);
            }
        }
        System.out.println("timeout at " + lastEvents);
        System.exit(3);
    }
}
