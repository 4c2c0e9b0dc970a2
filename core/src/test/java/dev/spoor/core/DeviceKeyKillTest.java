/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keys are written to {@code devices.dict} in batches (those registered since the last write, before a writer
 * stages its next event), not at each register. A collector ({@link KeyedWriterMain}) registering devices and
 * appending to most of them (some before their key is registered) is killed with SIGKILL at a random moment, three
 * times over one journal, each run with keys of its own; after each kill every device whose events the journal holds
 * (sealed or recovered from staging) must have its key, but for at most one per run of those appended to before
 * their key was registered (the kill may fall between the two). Seed: {@code -Dspoor.test.seed=N} (random
 * otherwise, printed).
 */
class DeviceKeyKillTest {
    private static final long SEED = Long.getLong("spoor.test.seed", System.nanoTime());
    private static final int KILLS = 3;

    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyDeviceWithEventsKeepsItsKeyThroughAKill() throws Exception {
        System.out.println("DeviceKeyKillTest seed=" + SEED);
        final Random random = new Random(SEED);
        final Path dir = tmp.resolve("journal");
        int devicesChecked = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            final Process child = children.start(ChildJvm.builder(KeyedWriterMain.class, true, dir.toString(),
                Long.toString(random.nextLong()), Integer.toString(kill)).redirectErrorStream(true));
            final BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
            final StringBuilder output = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("acked")) {
                output.append(line).append('\n'); // Chronicle's and SLF4J's notes on stderr
            }
            assertTrue(line != null, "seed=" + SEED + ": the collector ended before appending:\n" + output);
            Thread.sleep(random.nextInt(300));
            children.kill(child);
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "seed=" + SEED + ": the collector survived SIGKILL");
            devicesChecked = checkKeys(dir, kill);
        }
        System.out.println("DeviceKeyKillTest seed=" + SEED + ": " + KILLS + " kills, " + devicesChecked
            + " devices with events");
    }

    /** Opens the journal to write (recovering what was staged) and checks every device's key; returns devices. */
    private static int checkKeys(final Path dir, final int kill) {
        try (Journal recovered = Journal.open(dir, new JournalConfig().blockEvents(64))) {
            assertTrue(recovered.stats().events() > 0, "seed=" + SEED + ": nothing stored before kill " + kill);
        }
        final Set<Long> devices = new HashSet<>();
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.newReader()) {
            reader.readAll((position, device, buffer, offset, length) -> devices.add(device));
            final Map<Long, Integer> appendedFirst = appendedBeforeRegistering(journal, kill, devices);
            final List<Long> keyless = devices.stream().filter(id -> journal.devices().keyOf(id) == null).toList();
            final List<String> unexplained = keyless.stream().filter(id -> !appendedFirst.containsKey(id))
                .map(DeviceRegistry::hex).sorted().toList();
            assertEquals(List.of(), unexplained, "seed=" + SEED + ": devices with events but no key after kill "
                + kill);
            final long runsWithOne = keyless.stream().map(appendedFirst::get).distinct().count();
            assertEquals(keyless.size(), runsWithOne, "seed=" + SEED + ": more than one keyless device of one run "
                + "after kill " + kill + ": " + keyless.stream().map(DeviceRegistry::hex).toList());
            System.out.println("DeviceKeyKillTest kill " + kill + ": " + devices.size() + " devices with events, "
                + keyless.size() + " without a key, each appended to before its register");
        }
        return devices.size();
    }

    /**
     * The devices among {@code devices} that a run appended to before registering their keys, by run. The collector's
     * last such device may lose its key to the kill: the kill can fall after its first event and before its key
     * reached the file (before the register, or before the next event wrote it), which is the application's order,
     * not a lost key. One per run at most.
     */
    private static Map<Long, Integer> appendedBeforeRegistering(final Journal journal, final int lastRun,
        final Set<Long> devices) {
        final Map<Long, Integer> runs = new HashMap<>();
        for (int run = 0; run <= lastRun; run++) {
            for (int n = 0, missed = 0; missed < 10_000; n += 5) {
                final long id = journal.devices().lookup("collector-" + run + "/device-" + n);
                if (devices.contains(id)) {
                    runs.put(id, run);
                    missed = 0;
                } else {
                    missed++;
                }
            }
        }
        return runs;
    }
}
