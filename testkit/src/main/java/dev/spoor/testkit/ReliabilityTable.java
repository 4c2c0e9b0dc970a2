/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Renders the rows fault tests left with {@link ReliabilityLog} in every module's {@code target/reliability} into
 * one Markdown table. Run after the suite (and the soak), from the repository root:
 * <pre>
 * java -cp testkit/target/classes dev.spoor.testkit.ReliabilityTable . docs/reliability.md
 * </pre>
 * A row whose found events differ from its acknowledged ones is printed as a loss, never dropped.
 */
public final class ReliabilityTable {
    private ReliabilityTable() {
    }

    /**
     * @param args the repository root and the Markdown file to write.
     * @throws IOException when a row cannot be read or the table written.
     */
    public static void main(final String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ReliabilityTable <repository root> <output.md>");
            System.exit(2);
        }
        final List<String[]> rows = rows(Paths.get(args[0]));
        Files.writeString(Paths.get(args[1]), render(rows), StandardCharsets.UTF_8);
        System.out.println("wrote " + rows.size() + " rows to " + args[1]);
    }

    /**
     * @param root the repository root.
     * @return the latest row of each fault and operation found under {@code <root>/<module>/target/reliability}.
     * @throws IOException when a row file cannot be read, or is not one row of the expected columns.
     */
    static List<String[]> rows(final Path root) throws IOException {
        final Map<String, String[]> latest = new TreeMap<>();
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (final Path module : (Iterable<Path>)modules::iterator) {
                final Path dir = module.resolve("target").resolve("reliability");
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> listed = Files.list(dir)) {
                        listed.filter(f -> f.getFileName().toString().endsWith(".tsv")).forEach(files::add);
                    }
                }
            }
        }
        for (final Path file : files) {
            final String[] row = Files.readString(file, StandardCharsets.UTF_8).strip().split("\t", -1);
            if (row.length != ReliabilityLog.COLUMNS.length) {
                throw new IOException(file + ": expected " + ReliabilityLog.COLUMNS.length + " tab-separated columns, "
                    + "found " + row.length);
            }
            final String key = row[0] + "\t" + row[1];
            final String[] known = latest.get(key);
            if (known == null || known[5].compareTo(row[5]) < 0) {
                latest.put(key, row);
            }
        }
        final List<String[]> sorted = new ArrayList<>(latest.values());
        sorted.sort(Comparator.<String[], String>comparing(r -> r[0]).thenComparing(r -> r[1]));
        return sorted;
    }

    /**
     * @param rows rows as {@link #rows(Path)} returns them.
     * @return the Markdown page.
     */
    static String render(final List<String[]> rows) {
        final StringBuilder out = new StringBuilder(4096);
        out.append("# Reliability: faults injected and what survived\n\n")
            .append("Produced by the test suite and the soak profile, not typed in: every fault test writes its row ")
            .append("to `<module>/target/reliability/`, and\n`java -cp testkit/target/classes ")
            .append("dev.spoor.testkit.ReliabilityTable . docs/reliability.md` gathers them. ")
            .append("\"Acknowledged\" counts the events\nthe journal had accepted (an append or ingest that returned) ")
            .append("before the faults, summed over the runs; \"found\" counts those read back\nafterwards. ")
            .append("Equal means nothing accepted was lost.\n\n")
            .append("Kills and full disks must lose nothing. Where the fault destroys data itself (a cycle file cut ")
            .append("or deleted, a flipped byte, an essential file\ndamaged), \"lost\" is what the damage took, and ")
            .append("the test asserts that what is found is exactly the intact events (or a named refusal).\n\n")
            .append("| fault | during | runs | acknowledged | found afterwards | lost | finished (UTC) | reproduce |\n")
            .append("|---|---|---:|---:|---:|---:|---|---|\n");
        for (final String[] row : rows) {
            final long lost = Long.parseLong(row[3]) - Long.parseLong(row[4]);
            out.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" | ")
                .append(String.format("%,d", Long.parseLong(row[3]))).append(" | ")
                .append(String.format("%,d", Long.parseLong(row[4]))).append(" | ")
                .append(lost == 0 ? "0" : "**" + lost + "**").append(" | ").append(row[5]).append(" | `")
                .append(row[6].replace("|", "\\|")).append("` |\n");
        }
        return out.toString();
    }
}
