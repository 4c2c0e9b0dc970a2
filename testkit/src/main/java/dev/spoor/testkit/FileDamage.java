/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * One way to damage a file's bytes, for property tests over everything Spoor reads back: flip a byte, cut the file,
 * append garbage, zero a run, or overwrite four bytes with a huge or negative length. Drawn from a seeded random
 * ({@link #random(SplittableRandom)}, {@link #randomList(SplittableRandom, int)}) inside {@link Trials#forAll}, so a
 * failing try is replayed from its printed seed; a damage prints as itself ({@code FileDamage[kind=CUT, ...]}). A
 * damage is a value: {@link #applyTo(byte[])} returns new bytes and never changes its argument.
 *
 * @param kind  what is done.
 * @param at    where, taken modulo the file's length (so any int is a valid place).
 * @param value what with: the xor mask, the garbage's seed and length, or which huge length.
 */
public record FileDamage(Kind kind, int at, int value) {
    /** Lengths a damaged length field may hold: each must be refused before anything is sized by it. */
    private static final int[] HUGE = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 1 << 30, 0x00FF_FFFF, 0x7FFF_FFF0,
        65_537, 0};

    /** What a damage does. */
    public enum Kind {
        /** Xor one byte with a non-zero mask. */
        FLIP_BYTE,
        /** Keep only the first {@code at} bytes (modulo length + 1). */
        CUT,
        /** Append 1 to 64 bytes of garbage. */
        APPEND_GARBAGE,
        /** Overwrite 4 bytes, little-endian, with a huge, negative or zero length. */
        HUGE_LENGTH,
        /** Zero 1 to 32 bytes. */
        ZERO_RUN
    }

    /**
     * @param random the source.
     * @return any single damage.
     */
    public static FileDamage random(final SplittableRandom random) {
        final Kind[] kinds = Kind.values();
        return new FileDamage(kinds[random.nextInt(kinds.length)], random.nextInt(Integer.MAX_VALUE),
            random.nextInt());
    }

    /**
     * @param random the source.
     * @param max    most damages to one file.
     * @return 1 to {@code max} damages, applied in order.
     */
    public static List<FileDamage> randomList(final SplittableRandom random, final int max) {
        final int count = 1 + random.nextInt(max);
        final List<FileDamage> damages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            damages.add(random(random));
        }
        return damages;
    }

    /**
     * @param bytes   a file's bytes.
     * @param damages what to do, in order.
     * @return the damaged bytes.
     */
    public static byte[] applyAll(final byte[] bytes, final List<FileDamage> damages) {
        byte[] result = bytes;
        for (final FileDamage damage : damages) {
            result = damage.applyTo(result);
        }
        return result;
    }

    /**
     * @param bytes a file's bytes (not changed).
     * @return the damaged copy.
     */
    public byte[] applyTo(final byte[] bytes) {
        final int n = bytes.length;
        switch (kind) {
            case FLIP_BYTE:
                return n == 0 ? bytes.clone() : withByte(bytes, at % n, bytes[at % n] ^ (value & 0xFF | 1));
            case CUT:
                return Arrays.copyOf(bytes, (int)(Integer.toUnsignedLong(at) % (n + 1L)));
            case APPEND_GARBAGE:
                final byte[] garbage = new byte[1 + Math.floorMod(value, 64)];
                new Random(value).nextBytes(garbage);
                final byte[] grown = Arrays.copyOf(bytes, n + garbage.length);
                System.arraycopy(garbage, 0, grown, n, garbage.length);
                return grown;
            case HUGE_LENGTH:
                if (n < 4) {
                    return bytes.clone();
                }
                final byte[] huge = bytes.clone();
                final int length = HUGE[Math.floorMod(value, HUGE.length)];
                final int offset = at % (n - 3);
                for (int i = 0; i < 4; i++) {
                    huge[offset + i] = (byte)(length >>> (8 * i));
                }
                return huge;
            case ZERO_RUN:
                final byte[] zeroed = bytes.clone();
                if (n > 0) {
                    Arrays.fill(zeroed, at % n, Math.min(n, at % n + 1 + Math.floorMod(value, 32)), (byte)0);
                }
                return zeroed;
            default:
                throw new IllegalStateException("unknown damage " + kind);
        }
    }

    private static byte[] withByte(final byte[] bytes, final int offset, final int value) {
        final byte[] copy = bytes.clone();
        copy[offset] = (byte)value;
        return copy;
    }
}
