/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.codec.EventType;
import dev.spoor.core.OutputFile;
import dev.spoor.query.report.Positions;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Pointer density over the screen as a PNG: cells (smoothed) coloured on a log scale (inferno-like), clicks as white
 * rings, a title with the devices and range, a colour scale. The screen is the box of the pointer positions
 * seen; events without a real position ({@link Positions}, the rule sessions and buckets follow too) are
 * neither drawn nor counted.
 */
final class Heatmap {
    private static final int MAX_MARKED_CLICKS = 20_000;
    private static final int MARGIN = 12;
    private static final int TITLE = 44;
    private static final int LEGEND = 90;
    private static final int[][] PALETTE = {{0, 0, 4}, {40, 11, 84}, {101, 21, 110}, {159, 42, 99},
        {212, 72, 66}, {245, 125, 21}, {250, 193, 39}, {252, 255, 164}};

    private Heatmap() {
    }

    /** What was drawn, and what the scan that found the screen box did (damaged blocks left out, read past). */
    record Result(long positions, long clicks, int minX, int minY, int maxX, int maxY, ScanStats stats) {
    }

    static Result render(final Scanner scanner, final Scan.Builder filters, final String title, final Path out,
        final int width, final int height) {
        if (width < LEGEND + 2 * MARGIN + 50 || height < TITLE + MARGIN + 50) {
            throw new IllegalArgumentException("--width " + width + " --height " + height + " is too small (at least "
                + (LEGEND + 2 * MARGIN + 50) + " x " + (TITLE + MARGIN + 50) + ")");
        }
        // a wheel turn gives no position (Positions): Balabit's are all at (0, 0)
        final Scan scan = filters.types(EventType.MOVE, EventType.BUTTON_DOWN, EventType.BUTTON_UP).build();
        final int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        final ScanStats stats = scanner.scan(scan, e -> {
            if (Positions.isReal(e.x(), e.y())) {
                box[0] = Math.min(box[0], e.x());
                box[1] = Math.min(box[1], e.y());
                box[2] = Math.max(box[2], e.x());
                box[3] = Math.max(box[3], e.y());
            }
        });
        final int plotW = width - LEGEND - 2 * MARGIN;
        final int plotH = height - TITLE - MARGIN;
        final int cell = Math.max(4, plotW / 160);
        final int gridW = (plotW + cell - 1) / cell;
        final int gridH = (plotH + cell - 1) / cell;
        final double[] density = new double[gridW * gridH];
        final List<int[]> clicks = new ArrayList<>();
        final long[] positions = new long[2];
        final boolean hasData = box[0] <= box[2];
        final double spanX = Math.max(1, (double)box[2] - box[0] + 1);
        final double spanY = Math.max(1, (double)box[3] - box[1] + 1);
        if (hasData) {
            scanner.scan(scan, e -> {
                if (!Positions.isReal(e.x(), e.y())) {
                    return;
                }
                final int px = Math.min(plotW - 1, (int)((e.x() - (double)box[0]) / spanX * plotW));
                final int py = Math.min(plotH - 1, (int)((e.y() - (double)box[1]) / spanY * plotH));
                density[py / cell * gridW + px / cell]++;
                positions[0]++;
                if (e.type() == EventType.BUTTON_DOWN) {
                    positions[1]++;
                    if (clicks.size() < MAX_MARKED_CLICKS) {
                        clicks.add(new int[] {px, py});
                    }
                }
            });
        }
        smooth(density, gridW, gridH);
        smooth(density, gridW, gridH);
        final BufferedImage image = draw(density, gridW, cell, plotW, plotH, width, height, clicks, title,
            positions);
        try {
            if (!ImageIO.write(image, "png", OutputFile.target(out, "--out", List.of()).toFile())) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return new Result(positions[0], positions[1], box[0], box[1], box[2], box[3], stats);
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static BufferedImage draw(final double[] density, final int gridW, final int cell, final int plotW,
        final int plotH, final int width, final int height, final List<int[]> clicks, final String title,
        final long[] positions) {
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(24, 24, 28));
        g.fillRect(0, 0, width, height);
        double max = 0;
        for (final double n : density) {
            max = Math.max(max, n);
        }
        final double logMax = Math.log1p(max);
        for (int y = 0; y < plotH; y++) {
            for (int x = 0; x < plotW; x++) {
                final double n = density[y / cell * gridW + x / cell];
                final double level = n < 0.05 || logMax == 0 ? 0 : Math.log1p(n) / logMax;
                image.setRGB(MARGIN + x, TITLE + y, colour(level));
            }
        }
        g.setColor(new Color(255, 255, 255, 170));
        g.setStroke(new BasicStroke(1.2f));
        for (final int[] click : clicks) {
            g.drawOval(MARGIN + click[0] - 3, TITLE + click[1] - 3, 6, 6);
        }
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, MARGIN, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format("%,d pointer positions, %,d clicks (%s as white rings)", positions[0],
            positions[1], positions[1] > clicks.size() ? "the first " + clicks.size() : "all"), MARGIN, 37);
        legend(g, width - LEGEND + 10, TITLE, plotH, Math.round(max));
        g.dispose();
        return image;
    }

    private static void legend(final Graphics2D g, final int x, final int top, final int h, final long max) {
        for (int y = 0; y < h; y++) {
            g.setColor(new Color(colour(1.0 - (double)y / Math.max(1, h - 1))));
            g.fillRect(x, top + y, 18, 1);
        }
        g.setColor(Color.WHITE);
        g.drawString(String.format("%,d", max), x + 22, top + 10);
        g.drawString("1", x + 22, top + h);
        g.drawString("per cell", x + 22, top + h / 2);
        g.drawString("(log)", x + 22, top + h / 2 + 14);
    }

    /** A 3 x 3 box blur, so density reads as areas rather than dots. */
    private static void smooth(final double[] grid, final int w, final int h) {
        final double[] copy = grid.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        final int nx = x + dx;
                        final int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                            sum += copy[ny * w + nx];
                            n++;
                        }
                    }
                }
                grid[y * w + x] = sum / n;
            }
        }
    }

    /** Maps 0..1 onto the palette; 0 is the background. */
    static int colour(final double level) {
        if (level <= 0) {
            return 0x000004;
        }
        final double at = Math.min(1, level) * (PALETTE.length - 1);
        final int i = Math.min(PALETTE.length - 2, (int)at);
        final double f = at - i;
        final int r = (int)Math.round(PALETTE[i][0] + f * (PALETTE[i + 1][0] - PALETTE[i][0]));
        final int gr = (int)Math.round(PALETTE[i][1] + f * (PALETTE[i + 1][1] - PALETTE[i][1]));
        final int b = (int)Math.round(PALETTE[i][2] + f * (PALETTE[i + 1][2] - PALETTE[i][2]));
        return r << 16 | gr << 8 | b;
    }
}
