/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.query.scan.Scanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code spoor heatmap}: where the pointer spent its time, as a PNG. */
@Command(name = "heatmap", mixinStandardHelpOptions = true,
    description = "Pointer density over the screen with clicks marked, as a PNG.")
final class HeatmapCommand implements Callable<Integer> {
    /** The largest side a heatmap takes, px: 16384 x 16384 ARGB is 1 GiB of image already. */
    private static final int MAX_SIDE = 16_384;

    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Mixin
    DeviceTimeFilters filters;

    @Mixin
    DamageOption damage = new DamageOption();

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    Path out;

    @Option(names = "--width", paramLabel = "W", description = "image width in pixels (default 1200)")
    int width = 1200;

    @Option(names = "--height", paramLabel = "H", description = "image height in pixels (default 760)")
    int height = 760;

    @Override
    public Integer call() {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--out: '" + out.getFileName() + "' must end in .png (a heatmap is a"
                + " PNG)");
        }
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("--width, --height: " + width + " x " + height + " is larger than "
                + MAX_SIDE + " px a side");
        }
        final Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException("--out: folder " + parent + " does not exist");
        }
        try (Journal j = journal.openReadOnly(); Scanner scanner = new Scanner(j)) {
            KnownDevices.check(j, filters.devices);
            damage.warnOfDamagedCycles(cli, j);
            final Heatmap.Result result = Heatmap.render(scanner, damage.apply(filters.builder()),
                "Pointer density: " + filters.describe(), out, width, height);
            DamageOption.warnOfSkippedBlocks(cli, result.stats());
            if (result.positions() == 0) {
                cli.out.printf("wrote %s: no pointer positions in %s (keystrokes only?), an empty map%n", out,
                    filters.describe());
            } else {
                cli.out.printf("wrote %s: %,d pointer positions, %,d clicks, screen box (%d,%d)-(%d,%d)%n", out,
                    result.positions(), result.clicks(), result.minX(), result.minY(), result.maxX(), result.maxY());
            }
        }
        return 0;
    }
}
