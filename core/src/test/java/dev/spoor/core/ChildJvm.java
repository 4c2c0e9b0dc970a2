/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds a real second JVM with this test JVM's classpath and module flags (shared with other modules' tests). Start
 * it with testkit's {@code ChildProcesses}, which kills it when the test ends, however it ends.
 */
public final class ChildJvm {
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
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native") || arg.startsWith("--sun-misc")) {
                command.add(arg);
            }
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(isWithoutJunit ? classpathWithoutJunit() : System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
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
