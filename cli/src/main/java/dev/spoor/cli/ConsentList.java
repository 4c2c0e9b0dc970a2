/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.DeviceRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The device keys of a {@code --consent} file: UTF-8 text, one key per line, blank lines and lines starting with
 * {@code #} skipped, each key stripped of white space and of a byte order mark before it (editors on Windows start
 * a file with one, and a key that kept it would match no device, dropping that person's events without a word).
 */
final class ConsentList {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ConsentList() {
    }

    /**
     * @param file the consent file.
     * @return its keys, in file order, each once.
     * @throws IllegalArgumentException naming the file and line when the file is not UTF-8 text or a key is not one
     *                                  a device can have ({@link DeviceRegistry#keyProblem}).
     * @throws UncheckedIOException when the file cannot be read.
     */
    static Set<String> read(final Path file) {
        final String text = decode(file);
        final Set<String> keys = new LinkedHashSet<>();
        int lineNumber = 0;
        for (final String line : text.split("\n", -1)) {
            lineNumber++;
            String key = line.strip();
            while (!key.isEmpty() && key.charAt(0) == BYTE_ORDER_MARK) {
                key = key.substring(1).strip();
            }
            if (key.isEmpty() || key.startsWith("#")) {
                continue;
            }
            final String problem = DeviceRegistry.keyProblem(key);
            if (problem != null) {
                throw new IllegalArgumentException("--consent: " + file + ":" + lineNumber + ": device key '"
                    + DeviceRegistry.printable(key) + "' " + problem);
            }
            keys.add(key);
        }
        return keys;
    }

    private static String decode(final Path file) {
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (final IOException e) {
            throw new UncheckedIOException("--consent: cannot read " + file + ": " + e.getMessage(), e);
        }
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final CharBuffer out = CharBuffer.allocate(bytes.length);
        if (decoder.decode(in, out, true).isError()) {
            throw new IllegalArgumentException(String.format("--consent: %s:%d: not UTF-8 text (byte 0x%02X at"
                + " offset %d); save the list as UTF-8", file, lineOf(bytes, in.position()), bytes[in.position()],
                in.position()));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static int lineOf(final byte[] bytes, final int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return line;
    }
}
