/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.JournalException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Checks, before any Chronicle class is touched, that the JVM was started with the {@code --add-exports} and
 * {@code --add-opens} flags Chronicle Queue needs on Java 17+. Without them Chronicle fails deep inside with
 * an {@code AssertionError} or {@code IllegalAccessException} that names none of them; this names each
 * missing flag and where to put it. The list is the build's own ({@code spoor.jvm.flags} in the parent pom),
 * copied into {@code jvm-flags.properties} when the module is built. Flags for modules the runtime lacks (a
 * trimmed JRE without {@code jdk.compiler}) are not required.
 */
public final class JvmFlags {
    private static final String RESOURCE = "jvm-flags.properties";
    private static volatile boolean isChecked;

    private JvmFlags() {
    }

    /**
     * @return every flag of the build's list, in order.
     */
    public static List<String> required() {
        final Properties properties = new Properties();
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the spoor-core jar");
            }
            properties.load(in);
        } catch (final IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        return Arrays.asList(properties.getProperty("flags", "").trim().split("\\s+"));
    }

    /**
     * @return the required flags this JVM was not started with.
     */
    public static List<String> missing() {
        final Module spoor = JvmFlags.class.getModule();
        final List<String> missing = new ArrayList<>();
        for (final String flag : required()) {
            if (!isGranted(flag, spoor)) {
                missing.add(flag);
            }
        }
        return missing;
    }

    /**
     * Throws unless every required flag is in force; checks once per JVM.
     *
     * @throws JournalException naming each missing flag, the whole list, and where flags go.
     */
    public static void check() {
        if (isChecked) {
            return;
        }
        final List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new JournalException("Chronicle Queue, which Spoor's journal is built on, needs JVM flags this JVM"
                + " was started without: " + String.join(" ", missing) + ". Add them to the java command line"
                + " (or the JDK_JAVA_OPTIONS environment variable), to surefire's argLine for tests, or as"
                + " Add-Exports/Add-Opens entries in an executable jar's manifest. The whole list: "
                + String.join(" ", required()));
        }
        isChecked = true;
    }

    /** {@code --add-exports=M/P=ALL-UNNAMED} or {@code --add-opens=M/P=ALL-UNNAMED}, read from the module. */
    private static boolean isGranted(final String flag, final Module target) {
        final int equals = flag.indexOf('=');
        final int slash = flag.indexOf('/');
        final int lastEquals = flag.lastIndexOf('=');
        if (equals < 0 || slash < equals || lastEquals <= slash) {
            return true; // not an export or open: nothing this check can read
        }
        final String option = flag.substring(0, equals);
        final String moduleName = flag.substring(equals + 1, slash);
        final String packageName = flag.substring(slash + 1, lastEquals);
        final Optional<Module> module = ModuleLayer.boot().findModule(moduleName);
        if (module.isEmpty()) {
            return true;
        }
        return "--add-opens".equals(option) ? module.get().isOpen(packageName, target)
            : module.get().isExported(packageName, target);
    }
}
