/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

/**
 * Stable bottom-up merge sort of a permutation by a long key, with caller-owned arrays: no allocation.
 * Stability is what keeps equal timestamps in block order, then in-block order (scans), or in the order
 * rows were read (file ingest, {@link EventRows#timeOrder()}).
 */
public final class StableSort {
    private StableSort() {
    }

    /**
     * Sorts {@code perm[0..n)} so that {@code keys[perm[i]]} ascends; ties keep their order.
     *
     * @param keys    keys, indexed by permutation values.
     * @param perm    the permutation to sort.
     * @param scratch at least n ints.
     * @param n       elements.
     * @return the array holding the result: {@code perm} or {@code scratch}.
     */
    public static int[] sort(final long[] keys, final int[] perm, final int[] scratch, final int n) {
        int[] from = perm;
        int[] to = scratch;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                final int mid = Math.min(lo + width, n);
                final int hi = Math.min(lo + 2 * width, n);
                merge(keys, from, to, lo, mid, hi);
            }
            final int[] swap = from;
            from = to;
            to = swap;
        }
        return from;
    }

    private static void merge(final long[] keys, final int[] from, final int[] to, final int lo, final int mid,
        final int hi) {
        int left = lo;
        int right = mid;
        for (int out = lo; out < hi; out++) {
            if (left < mid && (right >= hi || keys[from[left]] <= keys[from[right]])) {
                to[out] = from[left++];
            } else {
                to[out] = from[right++];
            }
        }
    }
}
