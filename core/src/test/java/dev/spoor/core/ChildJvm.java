/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Builds a real second JVM with this test JVM's classpath and module flags (shared with other modules' tests). Start
 * it with testkit's {@code ChildProcesses}, which kills it when the test ends, however it ends.
 */
public final class ChildJvm {
    /** Every this many quick children keeps the default tiered compilation (C2 included). */
    static final int FULL_JIT_EVERY = 4;
    private static final List<String> QUICK_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:-UsePerfData",
        "-Xshare:auto");
    private static final AtomicInteger QUICK_CHILDREN = new AtomicInteger();

    private ChildJvm() {
    }

    public static ProcessBuilder builder(final Class<?> main, final boolean isWithoutJunit, final String... args) {
        return builder(main, isWithoutJunit, List.of("-Xmx256m"), args);
    }

    /**
     * @param main           the class whose main runs.
     * @param isWithoutJunit true to leave JUnit off the classpath.
     * @param jvmOptions     heap and other options for the child.
     * @param args           main's arguments.
     * @return a builder for the child.
     */
    public static ProcessBuilder builder(final Class<?> main, final boolean isWithoutJunit,
        final List<String> jvmOptions, final String... args) {
        final List<String> command = new ArrayList<>();
        command.addAll(java());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(isWithoutJunit ? classpathWithoutJunit() : System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /**
     * A child that a kill test starts and kills many times over, started in about half the CPU time of
     * {@link #builder}'s: its classes are mapped from a class-data-sharing archive recorded once per test JVM and
     * classpath ({@link ChildClassArchive}), it collects with the serial GC, writes no perf-data file and compiles
     * with C1 only (it lives a second or two: C2 would compile little of the operation before the kill, and on a
     * 2-core machine takes a core from it), except every {@value #FULL_JIT_EVERY}th child, which keeps the default
     * tiered compilation so that code C2 compiled is killed too. Heap 256 MiB, as {@link #builder}'s.
     *
     * @param main           the class whose main runs.
     * @param isWithoutJunit true to leave JUnit off the classpath.
     * @param args           main's arguments.
     * @return a builder for the child.
     */
    public static ProcessBuilder quick(final Class<?> main, final boolean isWithoutJunit, final String... args) {
        final List<String> options = new ArrayList<>(java());
        options.addAll(QUICK_OPTIONS);
        final ChildClassArchive archive = ChildClassArchive.of(isWithoutJunit ? classpathWithoutJunit()
            : System.getProperty("java.class.path"), options);
        final List<String> command = new ArrayList<>(options);
        if (QUICK_CHILDREN.getAndIncrement() % FULL_JIT_EVERY != FULL_JIT_EVERY - 1) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        if (archive.archive != null) {
            command.add("-XX:SharedArchiveFile=" + archive.archive);
        }
        command.add("-cp");
        command.add(archive.classpath);
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The java launcher and this JVM's module flags (--add-exports, --add-opens, native access). */
    private static List<String> java() {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native") || arg.startsWith("--sun-misc")) {
                command.add(arg);
            }
        }
        return command;
    }

    /** Surefire's classpath less JUnit, for checks that must not run with JUnit loaded. */
    private static String classpathWithoutJunit() {
        final String separator = System.getProperty("path.separator");
        final String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(classpath.split(separator)).stream()
            .filter(entry -> !entry.contains("junit") && !entry.contains("opentest4j") && !entry.contains("apiguardian")
                && !entry.contains("surefire"))
            .collect(Collectors.joining(separator));
    }
}
