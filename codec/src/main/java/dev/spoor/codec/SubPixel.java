/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

/**
 * Pointer coordinates finer than a pixel: a coordinate is a whole part (any int, the value rounded down) and a
 * fraction in 1/256 px ({@code 0..255}), so every int and every multiple of 1/256 px is exact. macOS reports
 * pointer positions in logical points that are multiples of 1/256 (DuckTrack and pynput recordings, see
 * {@code ../shared/data/ducktrack-example}); browsers report fractional CSS pixels on zoomed pages.
 * <p>
 * The same value as one {@code long}, "subpixels", is {@code whole * 256 + fraction} (a 40-bit signed number).
 * A {@code double} holds every such value exactly (53-bit mantissa), so {@link #toPixels(long)} loses nothing.
 * <pre>
 *   1175.421875 px = whole 1175, fraction 108 (108/256 = 0.421875) = 300_908 subpixels
 *   -0.5 px        = whole -1,   fraction 128                     = -128 subpixels
 * </pre>
 */
public final class SubPixel {
    /** Bits of a fraction. */
    public static final int FRACTION_BITS = 8;
    /** Subpixels in one pixel. */
    public static final int PER_PIXEL = 1 << FRACTION_BITS;
    /** Mask of the fraction bits of a subpixel value. */
    public static final int FRACTION_MASK = PER_PIXEL - 1;
    /** The smallest subpixel value: {@code Integer.MIN_VALUE} px. */
    public static final long MIN = (long)Integer.MIN_VALUE << FRACTION_BITS;
    /** The largest subpixel value: {@code Integer.MAX_VALUE + 255/256} px. */
    public static final long MAX = ((long)Integer.MAX_VALUE << FRACTION_BITS) | FRACTION_MASK;

    /** 1/256 = 0.00390625: the fraction's decimal digits are fraction * 390625, eight of them. */
    private static final int DECIMAL_STEP = 390_625;
    private static final int DECIMAL_DIGITS = 8;

    private SubPixel() {
    }

    /**
     * @param whole    the whole part, px (rounded down: -0.5 px has whole part -1).
     * @param fraction the fraction, 1/256 px, {@code 0..255}.
     * @return the subpixel value.
     * @throws IllegalArgumentException when the fraction is outside {@code 0..255}.
     */
    public static long of(final int whole, final int fraction) {
        if ((fraction & ~FRACTION_MASK) != 0) {
            throw new IllegalArgumentException("fraction=" + fraction + " must be in 0..255 (1/256 px)");
        }
        return ((long)whole << FRACTION_BITS) | fraction;
    }

    /**
     * Converts a coordinate in pixels, rounding to the nearest 1/256 px (ties away from zero); multiples of
     * 1/256 px, every int among them, convert exactly.
     *
     * @param px the coordinate, px.
     * @return the subpixel value.
     * @throws IllegalArgumentException when {@code px} is NaN, infinite, or outside the int range.
     */
    public static long ofPixels(final double px) {
        final double scaled = px * PER_PIXEL;
        final long subpixels = Math.round(scaled);
        if (!(Math.abs(scaled) < 0x1p53) || subpixels < MIN || subpixels > MAX) {
            throw new IllegalArgumentException("coordinate " + px + " px is not a finite value in the int range");
        }
        return subpixels;
    }

    /**
     * @param px a coordinate, px.
     * @return true when it is a multiple of 1/256 px in the int range, so {@link #ofPixels} keeps it exactly.
     */
    public static boolean isExact(final double px) {
        final double scaled = px * PER_PIXEL;
        return scaled == Math.rint(scaled) && scaled >= MIN && scaled <= MAX;
    }

    /**
     * @param subpixels a subpixel value.
     * @return its whole part, px (rounded down).
     */
    public static int whole(final long subpixels) {
        return (int)(subpixels >> FRACTION_BITS);
    }

    /**
     * @param subpixels a subpixel value.
     * @return its fraction, 1/256 px, {@code 0..255}.
     */
    public static int fraction(final long subpixels) {
        return (int)(subpixels & FRACTION_MASK);
    }

    /**
     * @param subpixels a subpixel value.
     * @return the same coordinate in px, exact.
     */
    public static double toPixels(final long subpixels) {
        return subpixels / (double)PER_PIXEL;
    }

    /**
     * @param whole    the whole part, px.
     * @param fraction the fraction, 1/256 px.
     * @return the coordinate in px, exact.
     */
    public static double toPixels(final int whole, final int fraction) {
        return toPixels(of(whole, fraction));
    }

    /**
     * Appends the coordinate as the shortest plain decimal that equals it exactly: {@code 1175.421875},
     * {@code -0.5}, {@code 640} (no exponent, no trailing zeros, at most 8 fraction digits). Reading it back with
     * {@link Double#parseDouble} and {@link #ofPixels} gives the same value. Allocates nothing.
     *
     * @param into     where to append.
     * @param whole    the whole part, px.
     * @param fraction the fraction, 1/256 px.
     * @return {@code into}.
     */
    public static StringBuilder appendDecimal(final StringBuilder into, final int whole, final int fraction) {
        if (fraction == 0) {
            return into.append(whole);
        }
        final long subpixels = of(whole, fraction);
        final long magnitude = Math.abs(subpixels);
        if (subpixels < 0) {
            into.append('-');
        }
        into.append(magnitude >> FRACTION_BITS).append('.');
        int digits = (int)(magnitude & FRACTION_MASK) * DECIMAL_STEP;
        int length = DECIMAL_DIGITS;
        while (digits % 10 == 0) {
            digits /= 10;
            length--;
        }
        for (int divisor = pow10(length - 1); divisor > 0; divisor /= 10) {
            into.append((char)('0' + digits / divisor % 10));
        }
        return into;
    }

    /**
     * @param whole    the whole part, px.
     * @param fraction the fraction, 1/256 px.
     * @return {@link #appendDecimal} as a string.
     */
    public static String toDecimal(final int whole, final int fraction) {
        return appendDecimal(new StringBuilder(20), whole, fraction).toString();
    }

    private static int pow10(final int exponent) {
        int value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
