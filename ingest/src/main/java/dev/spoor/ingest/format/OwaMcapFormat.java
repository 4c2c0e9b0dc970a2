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
 * OWAMcap recordings (the {@code ocap} recorder of github.com/open-world-agents/open-world-agents; format guide
 * {@code docs/data/technical-reference/format-guide.md} there): MCAP files, profile {@code owa}, JSON messages,
 * read by {@link dev.spoor.ingest.format.mcap.McapReader}. One file is one device, keyed {@code owa/<file name
 * without .mcap>}. Times are each message's {@code log_time}, ns since the Unix epoch, as they are.
 * <p>
 * Stored, in file order:
 * <ul>
 *   <li>topic {@code mouse} ({@code desktop/MouseEvent}): {@code move} and {@code drag} as MOVE at (x, y) with the
 *   mask of buttons held (from the file's own clicks; a drag with none held as the left button), {@code click}
 *   as BUTTON_DOWN ({@code pressed} true) or BUTTON_UP at (x, y) with the button (left, right, middle, x1, x2;
 *   {@code unknown} as 0), {@code scroll} as WHEEL at (x, y) by (dx, dy); integer screen pixels, exact;</li>
 *   <li>topic {@code keyboard} ({@code desktop/KeyboardEvent}): {@code press} as KEY_DOWN and {@code release} as
 *   KEY_UP of the Windows virtual-key code {@code vk} (0 to 255, as recorded: {@link VirtualKeys}), with the
 *   shift/ctrl/alt mask held; the journal's policy then stores its key class by
 *   default, never the key.</li>
 * </ul>
 * Not stored, by design, and counted by topic in a warning for each file: {@code screen} (references to video
 * frames), {@code window} (window titles, which can be sensitive, window rectangles and handles),
 * {@code keyboard/state} and {@code mouse/state} (snapshots about once a second, which repeat the events) and any
 * other topic. Nothing of the Header, Metadata or Attachment records (host names, hardware ids) is stored either.
 * <p>
 * A binary container, not lines: a reader covers nothing ({@code bytesCovered} 0) until it has read the whole
 * file, then all of it, so a file is stored whole or resumed by skipping the events a killed run stored. A file
 * without its closing Footer and magic (cut short, or still being written) gives no event: it is reported once as
 * {@link dev.spoor.ingest.RejectionKind#INCOMPLETE_LAST_LINE} and taken whole by the first run after it is
 * finished. A damaged file (a CRC that does not match, a length past its container, a bad record) gives the
 * events before the damage (a chunk's only once its CRC is checked), one MALFORMED rejection naming the offset
 * and record, and nothing after it. A rejection's line number is the message's number in the file, from 1 (for
 * damage, the number the next message would have had).
 */
public final class OwaMcapFormat implements RecordingFormat {
    /** The format's name. */
    public static final String NAME = "owamcap";
    /** File names end with this. */
    public static final String FILE_SUFFIX = ".mcap";
    /** Device keys start with this. */
    public static final String DEVICE_PREFIX = "owa/";

    /** Strict about repeated names: with two "x" in one object, no parser agrees which one counts. */
    private final JsonFactory json = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** A format to share: its JsonFactory is thread safe. */
    public OwaMcapFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(final Path file) {
        return FileNames.endsWith(file, FILE_SUFFIX);
    }

    /** A container with an index at its end: bytes added to a finished file are not more messages. */
    @Override
    public boolean isAppendStable() {
        return false;
    }

    @Override
    public SourceReader open(final Path file, final ParseOptions options, final Diagnostics diagnostics)
        throws IOException {
        return new OwaMcapReader(file, json, diagnostics);
    }

    @Override
    public String deviceKeyOf(final Path file, final ParseOptions options) {
        return deviceKey(file);
    }

    /**
     * @param file a recording.
     * @return its device key: {@value #DEVICE_PREFIX} and the file name without {@value #FILE_SUFFIX}.
     */
    public static String deviceKey(final Path file) {
        final String name = file.getFileName().toString();
        return DEVICE_PREFIX + (name.endsWith(FILE_SUFFIX) ? name.substring(0, name.length() - FILE_SUFFIX.length())
            : name);
    }
}
