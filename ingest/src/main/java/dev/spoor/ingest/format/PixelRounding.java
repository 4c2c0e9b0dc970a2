/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.SubPixel;

/**
 * Coordinates a recording gives as decimal pixels, kept to 1/256 px ({@link SubPixel}), counting those that were
 * not multiples of 1/256 px and so were rounded, so every format that takes decimals says so in one warning per
 * file instead of changing a value without a word.
 */
final class PixelRounding {
    private long rounded;

    /**
     * @param px a coordinate, px.
     * @return it in 1/256 px, rounded to the nearest when it is not a multiple of 1/256 px (counted).
     * @throws IllegalArgumentException when it is not finite or outside the int range of pixels.
     */
    long subpixels(final double px) {
        final long subpixels = SubPixel.ofPixels(px);
        if (!SubPixel.isExact(px)) {
            rounded++;
        }
        return subpixels;
    }

    /**
     * Warns of the coordinates rounded since the last call, if any, and starts counting again.
     *
     * @param rejections the file's warnings.
     */
    void warnOfRounded(final LineRejections rejections) {
        if (rounded > 0) {
            rejections.warn(rounded + " coordinates were not multiples of 1/256 px and were rounded to the nearest"
                + " 1/256 px (Spoor keeps coordinates to 1/256 px: docs/format.md)");
            rounded = 0;
        }
    }
}
