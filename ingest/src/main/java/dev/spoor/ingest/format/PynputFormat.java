/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.SourceReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Recordings of pynput-based recorders: DuckTrack (github.com/TheDuckAI/DuckTrack), the AgentNet tool behind
 * OpenCUA, and the many loggers that write the same JSONL. A recording is a folder holding {@code events.jsonl}
 * (one JSON object per line, in the order the recorder saw them) and {@code metadata.json}; one folder is one
 * device, keyed by the folder's name unless {@link ParseOptions#deviceKey()} names the device.
 * <pre>
 *  {"time_stamp": 150160.965463208, "action": "move", "x": 1175.421875, "y": 50.421875}
 *  {"time_stamp": 150161.533522208, "action": "click", "x": 1319.11328125, "y": 65.06640625,
 *   "button": "left", "pressed": true}
 *  {"time_stamp": 150168.915498791, "action": "scroll", "x": 612.640625, "y": 635.48828125, "dx": 0, "dy": -1}
 *  {"time_stamp": 150162.266221958, "action": "press", "name": "w"}
 * </pre>
 * <ul>
 *     <li>{@code move}: MOVE with the buttons held (from the file's clicks: a move while left is down is a
 *     drag); {@code click}: BUTTON_DOWN ({@code pressed} true) or BUTTON_UP with {@code button} (left, right,
 *     middle, x1, x2); {@code scroll}: WHEEL with {@code dx}, {@code dy} as recorded (steps);
 *     {@code press} / {@code release}: KEY_DOWN / KEY_UP with the virtual-key code of {@code name}
 *     ({@link PynputKeys}), which the journal's default policy stores as its key class only;
 *     {@code pause} / {@code resume}: no event (counted, and the file gets a warning).</li>
 *     <li>Time: {@code time_stamp} is {@code perf_counter} seconds with an arbitrary origin, so events are
 *     placed by an anchor: the instant of the first event is {@link ParseOptions#start()}, or the local
 *     {@code start_time} of {@code metadata.json} in {@link ParseOptions#timeZone()} (to about a second; see
 *     {@link PynputAnchor}). Differences between events are exact to the nanosecond.</li>
 *     <li>Coordinates: integers (Windows) or fractions (macOS points, multiples of 1/256), kept exactly.</li>
 *     <li>Privacy: fields other than the ones above (window titles, URLs, application names in other
 *     recorders' files) are skipped unread, and of {@code metadata.json} only {@code start_time} is read (never
 *     {@code node}, {@code id} or any other host or hardware field).</li>
 * </ul>
 * In a folder, the files named {@code events.jsonl} are taken; a file given by name is read whatever its name.
 */
public final class PynputFormat implements RecordingFormat {
    /** The format's name. */
    public static final String NAME = "pynput";
    /** The events file of a recording folder. */
    public static final String EVENTS_FILE = "events.jsonl";

    /** Strict about repeated names: with two "x" in one object, no parser agrees which one counts. */
    private final JsonFactory json = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** A format to share: its JsonFactory is thread safe. */
    public PynputFormat() {
    }

    @Override
    public String readingOf(final ParseOptions options) {
        return name() + (options.start() != null ? " start=" + options.start() : " time-zone=" + options.timeZone())
            + " device=" + (options.deviceKey() != null ? options.deviceKey() : "(the recording's folder)");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(final Path file) {
        return FileNames.lowerName(file).equals(EVENTS_FILE);
    }

    @Override
    public void checkOptions(final Path file, final ParseOptions options) {
        PynputAnchor.startNs(file, options, json);
    }

    @Override
    public SourceReader open(final Path file, final ParseOptions options, final Diagnostics diagnostics)
        throws IOException {
        return new PynputEventsReader(file, options, diagnostics, json);
    }

    @Override
    public String deviceKeyOf(final Path file, final ParseOptions options) {
        return options.deviceKey() != null ? null : deviceKeyOf(file);
    }

    /**
     * @param file a recording's events file.
     * @return its device key when none is given: the name of the folder it is in.
     */
    public static String deviceKeyOf(final Path file) {
        final Path folder = file.toAbsolutePath().normalize().getParent();
        return folder == null || folder.getFileName() == null ? file.getFileName().toString()
            : folder.getFileName().toString();
    }
}
