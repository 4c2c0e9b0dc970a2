/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoor.ingest.IngestException;
import dev.spoor.ingest.ParseOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The wall-clock instant a pynput recording's first event is stored at: {@link ParseOptions#start()} when given,
 * else the local {@code start_time} of the recording's {@code metadata.json} (beside its events file) in
 * {@link ParseOptions#timeZone()}. With neither, the recording cannot be placed in time and ingest stops before
 * anything is appended, saying what to pass.
 * <p>
 * Only {@code start_time} is read from {@code metadata.json}, with a streaming parser that skips every other
 * field unread: host name ({@code node}), hardware id ({@code id}), model and the rest are never held, let alone
 * stored. {@code start_time} is whole seconds ({@code 2023-10-20 17:19:53}; a {@code T} and fractional seconds
 * are also taken), written by the recorder when it started, an unknown fraction of a second or more before its
 * first event: times anchored on it are right to about a second, and their differences exact. A local time
 * the clocks skip (spring forward) is moved forward by the gap; one they repeat (fall back) takes the earlier
 * offset ({@link LocalDateTime#atZone}).
 */
final class PynputAnchor {
    /** The recorder's metadata file, beside its events file. */
    static final String METADATA = "metadata.json";
    /** Longest metadata.json read, bytes: DuckTrack's is under 1 KiB. */
    static final int MAX_METADATA_BYTES = 1 << 20;
    private static final String START_TIME = "start_time";
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral(' ').optionalEnd()
        .optionalStart().appendLiteral('T').optionalEnd().appendPattern("HH:mm:ss")
        .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter();

    private PynputAnchor() {
    }

    /**
     * @param events  a recording's events file.
     * @param options the start or time zone given.
     * @param json    a factory for the metadata's parser.
     * @return the epoch ns its first event is stored at.
     * @throws IngestException naming the file and what to pass, when neither start nor a usable metadata
     *                         {@code start_time} with a time zone is there.
     */
    static long startNs(final Path events, final ParseOptions options, final JsonFactory json) {
        if (options.start() != null) {
            return options.startNs();
        }
        final Path metadata = metadataOf(events);
        if (options.timeZone() == null) {
            throw new IngestException(events + ": a pynput recording holds no wall-clock time; pass --start INSTANT"
                + " (the time of its first event, e.g. 2023-10-20T15:19:53Z) or --time-zone ZONE (the zone of"
                + " start_time in " + metadata + ", e.g. Europe/Berlin)");
        }
        final String startTime = readStartTime(metadata, events, json);
        final Instant instant;
        try {
            instant = LocalDateTime.parse(startTime, LOCAL).atZone(options.timeZone()).toInstant();
        } catch (final DateTimeParseException e) {
            throw new IngestException(metadata + ": start_time '" + LineRejections.visible(startTime)
                + "' is not a local date and time (2023-10-20 17:19:53); pass --start INSTANT instead");
        }
        try {
            return options.withStart(instant).startNs();
        } catch (final IllegalArgumentException e) {
            throw new IngestException(metadata + ": start_time " + startTime + " in " + options.timeZone() + ": "
                + e.getMessage());
        }
    }

    /**
     * @param events a recording's events file.
     * @return its metadata file.
     */
    static Path metadataOf(final Path events) {
        final Path parent = events.toAbsolutePath().getParent();
        return parent == null ? Path.of(METADATA) : parent.resolve(METADATA);
    }

    private static String readStartTime(final Path metadata, final Path events, final JsonFactory json) {
        try {
            if (Files.size(metadata) > MAX_METADATA_BYTES) {
                throw new IngestException(metadata + ": over " + MAX_METADATA_BYTES + " bytes, not a recorder's"
                    + " metadata; pass --start INSTANT instead of --time-zone");
            }
            try (InputStream in = Files.newInputStream(metadata); JsonParser parser = json.createParser(in)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IngestException(metadata + ": not a JSON object; pass --start INSTANT instead");
                }
                String found = null;
                for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                    final String name = parser.currentName();
                    final JsonToken value = parser.nextToken();
                    if (START_TIME.equals(name) && value == JsonToken.VALUE_STRING) {
                        found = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                if (found == null) {
                    throw new IngestException(metadata + ": no start_time string; pass --start INSTANT (the time of"
                        + " the first event of " + events + ")");
                }
                return found;
            }
        } catch (final NoSuchFileException e) {
            throw new IngestException(metadata + ": not found, so --time-zone has no start_time to place "
                + events + " with; pass --start INSTANT (the time of its first event)", e);
        } catch (final JsonProcessingException e) {
            throw new IngestException(metadata + ": not JSON (" + e.getOriginalMessage() + "); pass --start INSTANT"
                + " instead", e);
        } catch (final IOException e) {
            throw new IngestException(metadata + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
