/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineCheckTest {
    @Test
    void findsControlBytesAndBadUtf8AsABytewiseCheckDoes() {
        final long seed = Seeds.seed("findsControlBytesAndBadUtf8AsABytewiseCheckDoes");
        final Random random = new Random(seed);
        final LineCheck utf8 = new LineCheck(true, new byte[0]);
        final LineCheck latin1 = new LineCheck(false, new byte[] {0x08});
        for (int round = 0; round < 50_000; round++) {
            final byte[] bytes = new byte[random.nextInt(80)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte)(0x20 + random.nextInt(0x5F));
            }
            final int mutations = random.nextInt(3);
            for (int m = 0; m < mutations && bytes.length > 0; m++) {
                bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
            }
            final int offset = random.nextInt(Math.max(1, bytes.length / 2 + 1));
            final int length = bytes.length - offset;
            final String context = "seed=" + seed + " round=" + round;
            assertEquals(expected(bytes, offset, length, true), result(utf8, bytes, offset, length), context);
            assertEquals(expected(bytes, offset, length, false), result(latin1, bytes, offset, length), context);
        }
    }

    private static String result(final LineCheck check, final byte[] bytes, final int offset, final int length) {
        final int status = check.check(bytes, offset, length);
        return status == LineCheck.TEXT ? "text" : status + "@" + check.badIndex();
    }

    private static String expected(final byte[] bytes, final int offset, final int length, final boolean isUtf8) {
        for (int i = 0; i < length; i++) {
            final int b = bytes[offset + i] & 0xFF;
            if ((b < 0x20 && b != '\t' && (isUtf8 || b != 0x08)) || b == 0x7F) {
                return LineCheck.BINARY + "@" + i;
            }
        }
        if (isUtf8) {
            final ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
            try {
                StandardCharsets.UTF_8.newDecoder().decode(in);
            } catch (final CharacterCodingException e) {
                return LineCheck.NOT_UTF8 + "@" + (in.position() - offset);
            }
        }
        return "text";
    }
}
