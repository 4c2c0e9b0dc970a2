/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;

/**
 * Child process of {@link ErasureProcessesTest}.
 * <pre>
 * args: read DIR   opens DIR read only, prints "opened", waits for a line on stdin, then reads every block with a
 *                  reader and a tailer made before that line and prints "reader|tailer DEVICE_HEX EVENTS" lines
 *                  and "done"
 * args: erase DIR KEY   opens DIR read only, erases KEY, prints "erase returned", then sleeps (to be killed)
 * </pre>
 */
public final class ErasureChildMain {
    private ErasureChildMain() {
    }

    /**
     * @param args see the class comment.
     * @throws Exception on failure (exit code 1).
     */
    public static void main(final String[] args) throws Exception {
        try (Journal journal = Journal.openReadOnly(Paths.get(args[1]))) {
            if (args[0].equals("erase")) {
                journal.governance().erase(args[2]);
                System.out.println("erase returned");
                System.out.flush();
                Thread.sleep(120_000);
                return;
            }
            try (JournalReader reader = journal.newReader(); JournalTailer tailer = journal.newTailer()) {
                final ErasureEvents.Collector before = new ErasureEvents.Collector();
                reader.readRange(Long.MIN_VALUE, Long.MAX_VALUE, before);
                System.out.println("opened " + before.lines.size());
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                final ErasureEvents.Collector read = new ErasureEvents.Collector();
                reader.readRange(Long.MIN_VALUE, Long.MAX_VALUE, read);
                final ErasureEvents.Collector tailed = new ErasureEvents.Collector();
                while (tailer.poll(tailed, 100) > 0) {
                    continue;
                }
                print("reader", read);
                print("tailer", tailed);
                System.out.println("done");
            }
        }
    }

    private static void print(final String what, final ErasureEvents.Collector events) {
        final Map<String, Integer> byDevice = new TreeMap<>();
        for (final String line : events.lines) {
            byDevice.merge(line.substring(0, line.indexOf(' ')), 1, Integer::sum);
        }
        byDevice.forEach((device, n) -> System.out.println(what + " " + device + " " + n));
    }
}
