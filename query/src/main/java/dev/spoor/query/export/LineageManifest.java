/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spoor.codec.EventType;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalException;
import dev.spoor.core.governance.Erasure;
import dev.spoor.core.privacy.PolicyVersion;
import dev.spoor.core.recovery.DamagedCycle;
import dev.spoor.query.scan.DamagedBlock;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes {@code <file>.manifest.json} beside an export: where the rows came from and what they are.
 *
 * <pre>
 * {
 *   "manifest_version": 2, "spoor_version": "0.1.0-SNAPSHOT", "exported_at": "2026-11-27T10:00:00Z",
 *   "file": "out.csv", "format": "csv", "sha256": "...", "rows": 123,
 *   "journal": {"id": "uuid", "path": "/data/journal"},
 *   "query": {"devices": "all" | [{"id": "hex", "key": "ws-1"}], "from_ns": .., "to_ns": .., "types": [..],
 *   "read": {"cycles": [..], "block_queue_indexes": [..], "blocks_damaged_skipped": [..], "cycles_damaged": [..],
 *            "erasures_applied": [{"device": "<hex>", "whole_device": b, "from_ns": n, "to_ns": n, "erased_at": ..}]},
 *   "events_by_type": {"move": .., ...},
 *   "privacy_policy": {"version": 1, "keystrokes": "class", "consent": "all devices", "summary": "..."}
 * }
 * </pre>
 * Written to a temporary name and moved into place, like the data file. A partitioned export has one manifest
 * for its whole directory instead ({@link #writePartitioned}): the same fields, with the list of its files.
 */
public final class LineageManifest {
    /**
     * Layout version of the manifest; bumped when a field changes meaning or goes away. Version 2: in a
     * pseudonymous journal, {@code query.devices[].id} is the id the journal stores (the keyed pseudonym);
     * version 1 wrote the unkeyed hash of the key there, which matched no block. CSV files the manifest
     * describes are written by Commons CSV's RFC 4180 printer, which may quote fields version 1 left bare.
     */
    public static final int VERSION = 2;
    /** Suffix appended to the data file's name. */
    public static final String SUFFIX = ".manifest.json";
    /** The build's version, filtered in by Maven; an absolute name: the file is in the module's root package. */
    private static final String VERSION_RESOURCE = "/dev/spoor/query/spoor-version.properties";
    /**
     * The manifest's name inside a partitioned export's directory; the leading underscore keeps Hive, Spark and
     * globs such as {@code **}{@code /*.parquet} from taking it for data.
     */
    public static final String DIRECTORY_MANIFEST = "_manifest.json";

    private LineageManifest() {
    }

    /**
     * @return the running Spoor version (from the build), or "unknown" when the classes were not built by Maven.
     */
    public static String spoorVersion() {
        try (InputStream in = LineageManifest.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (final IOException e) {
            return "unknown";
        }
    }

    /**
     * Writes the manifest of an export.
     *
     * @param journal the journal exported from.
     * @param scan    the scan exported.
     * @param stats   what the scan did.
     * @param file    the data file written.
     * @param format  its format name.
     * @param sha256  its SHA-256, hex.
     * @return the manifest's path.
     */
    public static Path write(final Journal journal, final Scan scan, final ScanStats stats, final Path file,
        final String format, final String sha256) {
        final Path manifest = file.resolveSibling(file.getFileName() + SUFFIX);
        writeJson(manifest, json -> {
            json.writeStringField("file", file.getFileName().toString());
            json.writeStringField("format", format);
            json.writeStringField("sha256", sha256);
            json.writeNumberField("rows", stats.eventsReturned());
        }, journal, scan, stats);
        return manifest;
    }

    /**
     * Records an export in the journal's audit log: called before the file is moved into place, so that no export
     * exists that the log does not know (a journal whose log cannot be written, read only, gets no export).
     *
     * @param journal the journal exported from.
     * @param scan    the scan exported.
     * @param stats   what the scan did.
     * @param file    where the export is going.
     * @param format  its format name.
     * @param sha256  its SHA-256, hex.
     * @throws dev.spoor.core.JournalException when the audit log cannot be written.
     */
    public static void audit(final Journal journal, final Scan scan, final ScanStats stats, final Path file,
        final String format, final String sha256) {
        record(journal, stats.eventsReturned() + " events as " + format + " to " + file.toAbsolutePath()
            + " (sha256 " + sha256 + ", " + scan.describeById(journal) + ")");
    }

    /** Appends an export's audit entry, or says why no export can be made when the log cannot be written. */
    private static void record(final Journal journal, final String details) {
        try {
            journal.governance().audit("export", details);
        } catch (final JournalException e) {
            throw new JournalException("export refused: every export is recorded in the journal's audit log, and "
                + "that cannot be written (" + e.getMessage() + "). A journal on a read-only file system can be "
                + "scanned but not exported from; export from a copy of it in a writable folder, whose audit log "
                + "then records the export.", e);
        }
    }

    /**
     * Writes the one manifest of a partitioned export, {@code <directory>/}{@link #DIRECTORY_MANIFEST}: the
     * fields of a file's manifest, with {@code layout}, {@code partition_by} and {@code files} (each part file's
     * path, partition values, rows and SHA-256) in place of {@code file} and {@code sha256}.
     *
     * @param journal     the journal exported from.
     * @param scan        the scan exported.
     * @param stats       what the scan did.
     * @param directory   the export's directory (the manifest goes inside it).
     * @param format      the data files' format name.
     * @param partitionBy the partition columns, in path order.
     * @param parts       every data file, in the order written.
     * @return the manifest's path.
     */
    public static Path writePartitioned(final Journal journal, final Scan scan, final ScanStats stats,
        final Path directory, final String format, final List<String> partitionBy, final List<ExportPart> parts) {
        final Path manifest = directory.resolve(DIRECTORY_MANIFEST);
        writeJson(manifest, json -> {
            json.writeStringField("layout", "hive");
            json.writeStringField("format", format);
            json.writeArrayFieldStart("partition_by");
            for (final String column : partitionBy) {
                json.writeString(column);
            }
            json.writeEndArray();
            json.writeNumberField("rows", stats.eventsReturned());
            json.writeArrayFieldStart("files");
            for (final ExportPart part : parts) {
                json.writeStartObject();
                json.writeStringField("path", part.path());
                json.writeObjectFieldStart("partition");
                for (final Map.Entry<String, String> value : part.partition().entrySet()) {
                    json.writeStringField(value.getKey(), value.getValue());
                }
                json.writeEndObject();
                json.writeNumberField("rows", part.rows());
                json.writeStringField("sha256", part.sha256());
                json.writeEndObject();
            }
            json.writeEndArray();
        }, journal, scan, stats);
        return manifest;
    }

    /**
     * Records a finished partitioned export in the journal's audit log.
     *
     * @param journal   the journal exported from.
     * @param scan      the scan exported.
     * @param stats     what the scan did.
     * @param directory where the export now is.
     * @param format    the data files' format name.
     * @param files     how many data files it holds.
     * @param manifestSha256 the manifest's SHA-256 (it holds every file's).
     */
    public static void auditPartitioned(final Journal journal, final Scan scan, final ScanStats stats,
        final Path directory, final String format, final int files, final String manifestSha256) {
        record(journal, stats.eventsReturned() + " events as " + files + " " + format
            + " files partitioned under " + directory.toAbsolutePath() + " (manifest sha256 " + manifestSha256
            + ", " + scan.describeById(journal) + ")");
    }

    /** Fields of one kind of manifest, between the version fields and the journal's. */
    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static void writeJson(final Path manifest, final Fields fields, final Journal journal, final Scan scan,
        final ScanStats stats) {
        final Path partial = manifest.resolveSibling(manifest.getFileName() + ".partial");
        try (JsonGenerator json = new JsonFactory().createGenerator(partial.toFile(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("manifest_version", VERSION);
            json.writeStringField("spoor_version", spoorVersion());
            json.writeStringField("exported_at", Instant.now().toString());
            fields.write(json);
            json.writeObjectFieldStart("journal");
            json.writeStringField("id", journal.journalId().toString());
            json.writeStringField("path", journal.directory().toAbsolutePath().toString());
            json.writeEndObject();
            writeQuery(json, journal, scan);
            writeRead(json, stats);
            json.writeObjectFieldStart("events_by_type");
            for (final EventType type : EventType.values()) {
                json.writeNumberField(ExportRow.typeName(type), stats.eventsReturned(type));
            }
            json.writeEndObject();
            final PolicyVersion policy = journal.policyVersion();
            json.writeObjectFieldStart("privacy_policy");
            json.writeNumberField("version", policy.version());
            json.writeStringField("keystrokes", policy.policy().keystrokes().name().toLowerCase(Locale.ROOT));
            json.writeStringField("consent", policy.policy().hasConsentList()
                ? policy.policy().consentListSize() + " listed devices" : "all devices");
            json.writeStringField("summary", policy.policy().describe());
            json.writeEndObject();
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write manifest " + manifest + ": " + e.getMessage(), e);
        }
        try {
            Files.move(partial, manifest, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot move " + partial + " to " + manifest + ": " + e.getMessage(), e);
        }
    }

    private static void writeQuery(final JsonGenerator json, final Journal journal, final Scan scan)
        throws IOException {
        json.writeObjectFieldStart("query");
        final long[] ids = scan.deviceIds(journal);
        if (ids == null) {
            json.writeStringField("devices", "all");
        } else {
            json.writeArrayFieldStart("devices");
            for (final long id : ids) {
                json.writeStartObject();
                json.writeStringField("id", String.format("%016x", id));
                json.writeStringField("key", journal.devices().keyOf(id));
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeNumberField("from_ns", scan.fromNs());
        json.writeNumberField("to_ns", scan.toNs());
        json.writeArrayFieldStart("types");
        for (final EventType type : scan.types()) {
            json.writeString(ExportRow.typeName(type));
        }
        json.writeEndArray();
        json.writeBooleanField("merged", scan.isMerged());
        json.writeStringField("on_damage", scan.damagePolicy().name().toLowerCase());
        json.writeEndObject();
    }

    private static void writeRead(final JsonGenerator json, final ScanStats stats) throws IOException {
        json.writeObjectFieldStart("read");
        json.writeFieldName("cycles");
        final int[] cycles = stats.cyclesRead();
        json.writeArray(cycles, 0, cycles.length);
        json.writeFieldName("block_queue_indexes");
        final long[] blocks = stats.queueIndexesRead();
        json.writeArray(blocks, 0, blocks.length);
        json.writeArrayFieldStart("blocks_damaged_skipped");
        for (final DamagedBlock block : stats.damagedBlocks()) {
            json.writeString(block.toString());
        }
        json.writeEndArray();
        json.writeArrayFieldStart("cycles_damaged");
        for (final DamagedCycle cycle : stats.damagedCycles()) {
            json.writeString(cycle.describe());
        }
        json.writeEndArray();
        json.writeNumberField("blocks_considered", stats.entriesConsidered());
        json.writeNumberField("blocks_of_erased_devices_excluded", stats.erasedBlocks());
        // Whole devices only: a device erased over a time range has rows outside it in the export.
        final Set<Long> wholeDevices = new TreeSet<>();
        stats.erasuresApplied().stream().filter(Erasure::isWholeDevice).forEach(e -> wholeDevices.add(e.deviceId()));
        json.writeArrayFieldStart("erased_devices_excluded");
        for (final long id : stats.erasedDevices()) {
            if (wholeDevices.contains(id)) {
                json.writeString(String.format("%016x", id));
            }
        }
        json.writeEndArray();
        writeErasures(json, stats);
        json.writeFieldName("policy_versions_of_blocks_read");
        final int[] versions = stats.policyVersions();
        json.writeArray(versions, 0, versions.length);
        json.writeNumberField("events_decoded", stats.eventsDecoded());
        json.writeEndObject();
    }

    /** The erasure records that removed rows: device, range (whole device or [from, to) ns), when recorded. */
    private static void writeErasures(final JsonGenerator json, final ScanStats stats) throws IOException {
        json.writeArrayFieldStart("erasures_applied");
        for (final Erasure e : stats.erasuresApplied()) {
            json.writeStartObject();
            json.writeStringField("device", String.format("%016x", e.deviceId()));
            json.writeBooleanField("whole_device", e.isWholeDevice());
            json.writeNumberField("from_ns", e.fromNs());
            json.writeNumberField("to_ns", e.toNs());
            json.writeStringField("erased_at", Instant.ofEpochMilli(e.erasedAtMs()).toString());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
