/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.core.Journal;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user of core and query can reach (public and protected members of public types outside the
 * {@code .internal} packages) names only plain Java, Spoor or codec types: no Agrona collection or clock and
 * no internal type. Agrona's buffers stay, as the codec's documented buffer API.
 */
class PublicApiTest {
    /** The codec's buffer API: blocks are handed over as Agrona buffers, as the codec takes them. */
    private static final Set<String> ALLOWED = Set.of("org.agrona.DirectBuffer", "org.agrona.MutableDirectBuffer");

    @Test
    void noAgronaOrInternalTypeInThePublicApi() throws Exception {
        final List<String> leaks = new ArrayList<>();
        int types = 0;
        for (final Class<?> type : publicTypes(Journal.class, "dev/spoor/core/")) {
            leaks.addAll(leaksOf(type));
            types++;
        }
        for (final Class<?> type : publicTypes(Scanner.class, "dev/spoor/query/")) {
            leaks.addAll(leaksOf(type));
            types++;
        }
        assertTrue(types > 40, "found only " + types + " public types");
        assertEquals(List.of(), leaks, "Agrona or internal types in the public API");
    }

    private static List<String> leaksOf(final Class<?> type) {
        final List<String> leaks = new ArrayList<>();
        check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
        for (final Type implemented : type.getGenericInterfaces()) {
            check(type.getName() + " implements", implemented, leaks);
        }
        for (final Method method : type.getDeclaredMethods()) {
            if (isVisible(method) && !method.isSynthetic()) {
                check(describe(type, method), method.getGenericReturnType(), leaks);
                checkExecutable(type, method, leaks);
            }
        }
        for (final Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (isVisible(constructor)) {
                checkExecutable(type, constructor, leaks);
            }
        }
        for (final Field field : type.getDeclaredFields()) {
            if (isVisible(field)) {
                check(describe(type, field), field.getGenericType(), leaks);
            }
        }
        return leaks;
    }

    private static void checkExecutable(final Class<?> type, final Executable executable, final List<String> leaks) {
        for (final Type parameter : executable.getGenericParameterTypes()) {
            check(describe(type, executable), parameter, leaks);
        }
        for (final Type thrown : executable.getGenericExceptionTypes()) {
            check(describe(type, executable), thrown, leaks);
        }
    }

    private static void check(final String where, final Type type, final List<String> leaks) {
        if (type == null) {
            return;
        }
        final String name = type.getTypeName();
        for (final String part : name.split("[<>,\\[\\]\\s?]+")) {
            final String bare = part.replace("extends", "").replace("super", "").trim();
            if (bare.startsWith("org.agrona.") && !ALLOWED.contains(bare) || bare.contains(".internal.")) {
                leaks.add(where + ": " + bare);
            }
        }
    }

    private static boolean isVisible(final Member member) {
        return (member.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) != 0;
    }

    private static String describe(final Class<?> type, final Member member) {
        return type.getName() + "." + member.getName();
    }

    /** Public types (nested ones only when every enclosing type is public too) of one module's package tree. */
    private static List<Class<?>> publicTypes(final Class<?> anchor, final String root)
        throws IOException, URISyntaxException, ClassNotFoundException {
        final Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        final List<String> names;
        if (Files.isDirectory(location)) {
            names = classNames(location, root);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                names = classNames(jar.getPath("/"), root);
            }
        }
        final List<Class<?>> types = new ArrayList<>();
        for (final String name : names) {
            final Class<?> type = Class.forName(name, false, anchor.getClassLoader());
            if (isReachable(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static List<String> classNames(final Path base, final String root) throws IOException {
        try (Stream<Path> files = Files.walk(base.resolve(root))) {
            return files.map(p -> base.relativize(p).toString())
                .filter(p -> p.endsWith(".class") && !p.contains("/internal/") && !p.endsWith("package-info.class"))
                .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                .sorted().collect(Collectors.toList());
        }
    }

    private static boolean isReachable(final Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }
}
