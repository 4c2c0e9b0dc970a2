/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.export;

import dev.spoor.codec.SubPixel;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spoor.core.Journal;
import dev.spoor.core.OutputFile;
import dev.spoor.core.privacy.KeyClass;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PolicyVersion;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.query.scan.EventView;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Exports a scan to CSV or JSONL, streaming (memory stays flat whatever the size), then writes the
 * lineage manifest beside the file ({@link LineageManifest}). The file appears only when complete: rows go
 * to {@code <file>.partial}, moved into place at the end; a failure leaves nothing half-written behind.
 */
public final class Exporter {
    /** Progress callbacks come every 65,536 rows (rows AND this mask is 0): a few times a second at most rates. */
    public static final long PROGRESS_EVERY_MASK = (1 << 16) - 1;
    private static final JsonFactory JSON = new JsonFactory();

    private final Journal journal;
    /**
     * Per policy version, whether blocks sealed under it hold key classes (written as names: letter, digit, ...)
     * rather than key codes; a journal whose --keys changed holds both, block by block.
     */
    private final boolean[] isKeyClassByVersion;
    /** For a version the history does not hold: the current policy's. */
    private final boolean isKeyClassNow;

    /**
     * @param journal the journal to export from.
     */
    public Exporter(final Journal journal) {
        this.journal = journal;
        this.isKeyClassNow = journal.policy().keystrokes() == KeystrokeMode.CLASS;
        final List<PolicyVersion> history = journal.policyHistory();
        final int newest = history.stream().mapToInt(PolicyVersion::version).max().orElse(0);
        this.isKeyClassByVersion = new boolean[newest + 1];
        // Version 0: blocks sealed before the journal had policies, under the defaults.
        isKeyClassByVersion[0] = PrivacyPolicy.defaults().keystrokes() == KeystrokeMode.CLASS;
        for (final PolicyVersion version : history) {
            isKeyClassByVersion[version.version()] = version.policy().keystrokes() == KeystrokeMode.CLASS;
        }
    }

    /**
     * Where an export may write {@code out} ({@link OutputFile#target}): not inside a journal, and a regular file
     * (or a new one), since the export's manifest and hash are of a file.
     *
     * @param out the path given.
     * @return the file to write (through a symbolic link, the file it names).
     * @throws IllegalArgumentException when out is a directory, lies inside a journal, or is a FIFO or device.
     */
    public static Path exportTarget(final Path out) {
        final Path target = OutputFile.target(out, "export to " + out, List.of());
        if (OutputFile.isStream(target)) {
            throw new IllegalArgumentException("export to " + out + ": not a regular file (a FIFO or a device); an"
                + " export writes a file with a manifest and a hash of it: use `spoor scan --out` for a stream");
        }
        return target;
    }

    /**
     * @param scan     what to export (a merged scan gives one time-ordered file; otherwise per device).
     * @param out      the file to write; its parent must exist.
     * @param format   CSV or JSONL.
     * @param progress called every 65,536 rows with the rows written so far (may be a no-op).
     * @return rows, counts, hash and manifest.
     */
    public ExportResult export(final Scan scan, final Path out, final ExportFormat format,
        final LongConsumer progress) {
        if (scan.threads() > 1) {
            throw new IllegalArgumentException("an export writes one file in scan order: build the scan with"
                + " threads(1), not " + scan.threads());
        }
        final Path target = exportTarget(out);
        final Path partial = target.resolveSibling(target.getFileName() + ".partial");
        final MessageDigest sha256 = sha256();
        final ScanStats stats;
        try (OutputStream file = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(partial),
            1 << 16), sha256)) {
            stats = format == ExportFormat.CSV ? writeCsv(scan, file, progress) : writeJsonl(scan, file, progress);
        } catch (final IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("export to " + out + " failed: " + e.getMessage(), e);
        } catch (final RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        final String hash = hex(sha256.digest());
        try {
            LineageManifest.audit(journal, scan, stats, out, format.name().toLowerCase(), hash);
        } catch (final RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        // The manifest first: a process killed between the two leaves a manifest whose file is missing or has
        // another hash, never a whole-looking export without its lineage.
        final Path manifest;
        try {
            manifest = LineageManifest.write(journal, scan, stats, out, format.name().toLowerCase(), hash);
        } catch (final RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot move " + partial + " to " + target + ": " + e.getMessage(), e);
        }
        return new ExportResult(out, manifest, stats.eventsReturned(), hash, stats);
    }

    /**
     * Writes the scan's rows to a stream (no manifest): what {@code spoor scan} prints.
     *
     * @param scan     what to write (threads must be 1).
     * @param out      the destination; flushed, not closed.
     * @param format   CSV or JSONL.
     * @param progress called every 65,536 rows.
     * @return what the scan did.
     * @throws UncheckedIOException when writing fails.
     */
    public ScanStats write(final Scan scan, final OutputStream out, final ExportFormat format,
        final LongConsumer progress) {
        if (scan.threads() > 1) {
            throw new IllegalArgumentException("rows are written in scan order: build the scan with threads(1), not "
                + scan.threads());
        }
        try {
            return format == ExportFormat.CSV ? writeCsv(scan, out, progress) : writeJsonl(scan, out, progress);
        } catch (final IOException e) {
            throw new UncheckedIOException("writing rows failed: " + e.getMessage(), e);
        }
    }

    private ScanStats writeCsv(final Scan scan, final OutputStream file, final LongConsumer progress)
        throws IOException {
        final CsvWriter csv = new CsvWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8));
        csv.row(ExportRow.COLUMNS);
        final long[] rows = new long[1];
        final ScanStats stats = new Scanner(journal).scan(scan, e -> {
            csv.field(ExportRow.deviceColumn(e)).field(e.timestampNs()).field(ExportRow.typeName(e.type()));
            for (int column = ExportRow.FIRST_INT_COLUMN; column < ExportRow.COLUMNS.length; column++) {
                csvValue(csv, e, column);
            }
            try {
                csv.endRow();
            } catch (final IOException failure) {
                throw new UncheckedIOException(failure);
            }
            reportProgress(++rows[0], progress);
        });
        csv.flush();
        return stats;
    }

    /** Names for buttons (and key classes), plain numbers otherwise, empty where the column does not apply. */
    private void csvValue(final CsvWriter csv, final EventView e, final int column) {
        if (!ExportRow.applies(e.typeCode(), column)) {
            csv.empty();
        } else if (isNamed(e, column)) {
            csv.field(textValue(e, column));
        } else if (ExportRow.isCoordinateColumn(column)) {
            csv.coordinate(ExportRow.value(e, column), ExportRow.fraction(e, column));
        } else {
            csv.field(ExportRow.value(e, column));
        }
    }

    private ScanStats writeJsonl(final Scan scan, final OutputStream file, final LongConsumer progress)
        throws IOException {
        final JsonGenerator json = JSON.createGenerator(file, JsonEncoding.UTF8)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null);
        final long[] rows = new long[1];
        final StringBuilder decimal = new StringBuilder(24);
        final char[] decimalChars = new char[24];
        final ScanStats stats = new Scanner(journal).scan(scan, e -> {
            try {
                json.writeStartObject();
                json.writeStringField(ExportRow.COLUMNS[0], ExportRow.deviceColumn(e));
                json.writeNumberField(ExportRow.COLUMNS[1], e.timestampNs());
                json.writeStringField(ExportRow.COLUMNS[2], ExportRow.typeName(e.type()));
                for (int column = ExportRow.FIRST_INT_COLUMN; column < ExportRow.COLUMNS.length; column++) {
                    json.writeFieldName(ExportRow.COLUMNS[column]);
                    if (ExportRow.applies(e.typeCode(), column) && isNamed(e, column)) {
                        json.writeString(textValue(e, column));
                    } else if (ExportRow.applies(e.typeCode(), column) && ExportRow.fraction(e, column) != 0) {
                        decimal.setLength(0);
                        SubPixel.appendDecimal(decimal, ExportRow.value(e, column), ExportRow.fraction(e, column));
                        decimal.getChars(0, decimal.length(), decimalChars, 0);
                        json.writeNumber(decimalChars, 0, decimal.length());
                    } else if (ExportRow.applies(e.typeCode(), column)) {
                        json.writeNumber(ExportRow.value(e, column));
                    } else {
                        json.writeNull();
                    }
                }
                json.writeEndObject();
                json.writeRaw('\n');
            } catch (final IOException failure) {
                throw new UncheckedIOException(failure);
            }
            reportProgress(++rows[0], progress);
        });
        json.flush();
        return stats;
    }

    private boolean isNamed(final EventView e, final int column) {
        return ExportRow.isButtonColumn(column) || column == ExportRow.KEY_COLUMN && isKeyClass(e);
    }

    private boolean isKeyClass(final EventView e) {
        final int version = e.policyVersion();
        return version >= 0 && version < isKeyClassByVersion.length ? isKeyClassByVersion[version] : isKeyClassNow;
    }

    private String textValue(final EventView e, final int column) {
        final int value = ExportRow.value(e, column);
        if (ExportRow.isButtonColumn(column)) {
            return ExportRow.buttonNames(value);
        }
        if (column == ExportRow.KEY_COLUMN && isKeyClass(e)) {
            return KeyClass.fromCode(value).name().toLowerCase(Locale.ROOT);
        }
        return Integer.toString(value);
    }

    private static void reportProgress(final long rows, final LongConsumer progress) {
        if ((rows & PROGRESS_EVERY_MASK) == 0) {
            progress.accept(rows);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * @param file a file.
     * @return its SHA-256, hex, read in 64 KiB steps.
     * @throws UncheckedIOException when it cannot be read.
     */
    public static String sha256Of(final Path file) {
        final MessageDigest digest = sha256();
        final byte[] chunk = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                digest.update(chunk, 0, n);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return hex(digest.digest());
    }

    static String hex(final byte[] bytes) {
        final StringBuilder text = new StringBuilder(bytes.length * 2);
        for (final byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return text.toString();
    }

    private static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException ignored) {
            // The original failure matters more; a leftover .partial file names itself.
        }
    }
}
