/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive for the children of one classpath, recorded once per test JVM: a child started from
 * it maps the JDK's and the application's classes (Chronicle's some 2,000 among them) parsed and verified, instead of
 * loading them from the jars, which is most of what a kill test's child spends before its operation begins. The JVM
 * archives classes from jars only and refuses a classpath with a non-empty directory in it, so each directory of
 * the classpath (target/classes, target/test-classes) is copied into a jar first. Archive and jars live in a
 * temporary directory removed when the test JVM exits. When recording fails, {@link #archive} is null and children
 * start without it, as before.
 */
final class ChildClassArchive {
    private static final Map<String, ChildClassArchive> BY_CLASSPATH = new HashMap<>();
    private static final long RECORD_TIMEOUT_S = 180;

    /** The classpath children start with: the given one, each directory replaced by a jar of it. */
    final String classpath;
    /** The archive, or null when none could be recorded. */
    final Path archive;

    private ChildClassArchive(final String classpath, final Path archive) {
        this.classpath = classpath;
        this.archive = archive;
    }

    /**
     * @param classpath   the children's classpath.
     * @param command     java and the options of the children (module flags, heap, compiler, GC).
     * @return the archive for that classpath, recorded on the first call (a few seconds: one child run to its end).
     */
    static synchronized ChildClassArchive of(final String classpath, final List<String> command) {
        return BY_CLASSPATH.computeIfAbsent(classpath, cp -> record(cp, command));
    }

    private static ChildClassArchive record(final String classpath, final List<String> command) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("spoor-child-classes");
            final Path tmp = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(tmp), "spoor-child-classes-cleanup"));
            final String jarred = jarDirectories(classpath, dir);
            final Path archive = dir.resolve("children.jsa");
            final List<String> warmup = new ArrayList<>(command);
            warmup.add("-XX:ArchiveClassesAtExit=" + archive);
            warmup.add("-cp");
            warmup.add(jarred);
            warmup.add(KillWarmupMain.class.getName());
            warmup.add(dir.resolve("scratch").toString());
            final Path log = dir.resolve("warmup.log");
            final Process child = new ProcessBuilder(warmup).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
            if (!child.waitFor(RECORD_TIMEOUT_S, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            deleteQuietly(dir.resolve("scratch"));
            if (child.isAlive() || child.exitValue() != 0 || !Files.isRegularFile(archive)) {
                System.out.println("ChildClassArchive: none recorded, children start without one: "
                    + Files.readString(log));
                return new ChildClassArchive(classpath, null);
            }
            return new ChildClassArchive(jarred, archive);
        } catch (final IOException e) {
            System.out.println("ChildClassArchive: none recorded (" + e + "), children start without one");
            return new ChildClassArchive(classpath, null);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ChildClassArchive(classpath, null);
        }
    }

    /** @return the classpath with each directory replaced by a jar of it in {@code into}, missing entries left out. */
    private static String jarDirectories(final String classpath, final Path into) throws IOException {
        final String separator = System.getProperty("path.separator");
        final List<String> entries = new ArrayList<>();
        for (final String entry : classpath.split(separator)) {
            final Path path = Paths.get(entry);
            if (Files.isDirectory(path)) {
                final Path jar = into.resolve("dir-" + entries.size() + ".jar");
                jar(path, jar);
                entries.add(jar.toString());
            } else if (Files.isRegularFile(path)) {
                entries.add(entry);
            }
        }
        return String.join(separator, entries);
    }

    private static void jar(final Path dir, final Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
            Stream<Path> files = Files.walk(dir)) {
            for (final Path path : (Iterable<Path>)files.sorted()::iterator) {
                if (Files.isRegularFile(path)) {
                    out.putNextEntry(new JarEntry(dir.relativize(path).toString().replace('\\', '/')));
                    Files.copy(path, out);
                    out.closeEntry();
                }
            }
        }
    }

    private static void deleteQuietly(final Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException ignored) {
            // a temporary directory: the OS cleans it up in the end
        }
    }
}
