/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.SourceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Single-thread parse throughput per format, by hand (not a benchmark: JMH lives in bench/):
 * {@code ./mvnw -B -o verify -pl ingest -Dtest=FormatThroughputTest -Dspoor.throughput=true}. Writes
 * {@value #LINES} generated lines per format, shaped like {@code spoor scan --format csv|jsonl} output (mostly
 * moves, some buttons, wheel and keys over a few devices) and like the Balabit and Aalto files, reads each file
 * {@value #RUNS} times through the format into a 4096-event buffer, and prints the best run's lines/s. The file
 * is in the page cache after the first run, so this is parsing, not the disk. Prints lines per second of wall
 * time and of the reading thread's CPU time: on a shared machine the second is the one that says what one core
 * does (GC threads' time is in neither).
 */
@EnabledIfSystemProperty(named = "spoor.throughput", matches = "true")
class FormatThroughputTest {
    private static final int LINES = 2_000_000;
    private static final int RUNS = 7;

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void measuresLinesPerSecondPerFormat() throws IOException {
        final StringBuilder report = new StringBuilder("\nformat   lines/s wall  lines/s thread-cpu  (best of "
            + RUNS + ", 1 thread, " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
            + " cpus, load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ")\n");
        for (final RecordingFormat format : EveryFormatTest.formats()) {
            final Path file = generate(format);
            final double[] best = new double[2];
            for (int run = 0; run < RUNS; run++) {
                final double[] rates = linesPerSecond(format, file);
                best[0] = Math.max(best[0], rates[0]);
                best[1] = Math.max(best[1], rates[1]);
            }
            report.append(String.format("%-8s %,13.0f %,19.0f   (%,d bytes)%n", format.name(), best[0], best[1],
                Files.size(file)));
        }
        System.out.println(report);
    }

    /** Lines per second of wall time and of this thread's CPU time (which other processes' load leaves out). */
    private static double[] linesPerSecond(final RecordingFormat format, final Path file) throws IOException {
        final EventBuffer buffer = new EventBuffer(4096);
        final Diagnostics none = new Diagnostics() {
            @Override
            public void reject(final Rejection rejection) {
                throw new AssertionError(rejection.toString());
            }

            @Override
            public void warn(final Path path, final String message) {
                throw new AssertionError(message);
            }
        };
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long cpuStarted = threads.getCurrentThreadCpuTime();
        final long started = System.nanoTime();
        long events = 0;
        final long lines;
        try (SourceReader reader = format.open(file, Reads.options(format, ParseOptions.defaults()), none)) {
            for (int n = reader.read(buffer); n > 0; n = reader.read(buffer)) {
                events += n;
                buffer.clear();
            }
            lines = reader.linesRead();
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        final double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        assertEquals(format instanceof AaltoFormat ? 2L * LINES : LINES, events);
        return new double[] {lines / seconds, lines / cpuSeconds};
    }

    private Path generate(final RecordingFormat format) throws IOException {
        final Random random = new Random(42);
        final Path folder = Files.createDirectories(dir.resolve("user7"));
        final Path file;
        try (BufferedWriter out = Files.newBufferedWriter(file = folder.resolve(name(format)),
            StandardCharsets.UTF_8)) {
            out.write(EveryFormatTest.header(format));
            long ts = 1_700_000_000_000_000_000L;
            for (int i = 0; i < LINES; i++) {
                ts += random.nextInt(16_000_000);
                out.write(line(format, random, i, ts));
            }
        }
        return file;
    }

    private static String name(final RecordingFormat format) {
        switch (format.name()) {
            case BalabitFormat.NAME:
                return "session_1";
            case AaltoFormat.NAME:
                return "5_keystrokes.txt";
            case PynputFormat.NAME:
                return PynputFormat.EVENTS_FILE;
            default:
                return "scan." + format.name();
        }
    }

    private static String line(final RecordingFormat format, final Random random, final int i, final long ts) {
        final int x = random.nextInt(1920);
        final int y = random.nextInt(1080);
        final String device = "ws-" + (i % 4);
        final int kind = random.nextInt(100);
        switch (format.name()) {
            case BalabitFormat.NAME:
                final double seconds = (ts - 1_700_000_000_000_000_000L) / 1_000_000 / 1000.0;
                return seconds + "," + seconds + "," + (kind < 90 ? "NoButton,Move," : "Left,Pressed,") + x + ","
                    + y + "\n";
            case AaltoFormat.NAME:
                final long press = ts / 1_000_000;
                return AaltoFormatTest.row("5", press, press + 100, "k", 65 + random.nextInt(26));
            case CsvFormat.NAME:
                if (kind < 85) {
                    return device + "," + ts + ",move," + x + "," + y + ",,,,,,\r\n";
                } else if (kind < 92) {
                    return device + "," + ts + ",button_down," + x + "," + y + ",left,,,,,\r\n";
                } else if (kind < 96) {
                    return device + "," + ts + ",wheel," + x + "," + y + ",,,0,-1,,\r\n";
                }
                return device + "," + ts + ",key_down,,,,,,,letter,1\r\n";
            case PynputFormat.NAME:
                return PynputFormatTest.line(random, ts - 1_700_000_000_000_000_000L);
            default:
                final String head = "{\"device\":\"" + device + "\",\"ts_nanos\":" + ts;
                if (kind < 85) {
                    return head + ",\"type\":\"move\",\"x\":" + x + ",\"y\":" + y + ",\"button\":null,\"buttons\":\"\","
                        + "\"dx\":null,\"dy\":null,\"key\":null,\"modifiers\":null}\n";
                } else if (kind < 96) {
                    return head + ",\"type\":\"wheel\",\"x\":" + x + ",\"y\":" + y + ",\"button\":null,"
                        + "\"buttons\":null,\"dx\":0,\"dy\":-1,\"key\":null,\"modifiers\":null}\n";
                }
                return head + ",\"type\":\"key_down\",\"x\":null,\"y\":null,\"button\":null,\"buttons\":null,"
                    + "\"dx\":null,\"dy\":null,\"key\":\"letter\",\"modifiers\":1}\n";
        }
    }
}
