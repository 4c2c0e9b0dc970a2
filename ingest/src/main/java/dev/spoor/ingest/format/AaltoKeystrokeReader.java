/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.EventType;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Streams one Aalto participant file ({@link AaltoFormat}) as key downs and ups in time order, without
 * holding the file: each row's press and release go into a {@link KeyEventQueue}, and events leave it once no
 * later row can come before them.
 * <p>
 * Which events are safe: rows arrive almost in press order. Assuming a row's press is never earlier than the
 * latest press of the rows more than {@code window} rows before it, no row still to come can precede the
 * watermark {@code max(press of rows 0 .. r - window)} after row r, so every queued event at or before it
 * leaves, in (time, row, press-before-release) order: exactly the order of sorting the whole file. A row that
 * goes back further than the window comes out late, in the same deterministic place on every read. Memory:
 * the queue holds the events of the last {@code window} rows plus the releases of keys still held.
 * <p>
 * The file's events come from consumed lines, but up to {@code window} rows' events (and releases of keys held
 * long) are emitted only after later lines are consumed; all of them by the end of the file.
 */
final class AaltoKeystrokeReader extends LineSourceReader {
    private static final CSVFormat DIALECT = CSVFormat.TDF.builder().setQuote(null).setIgnoreEmptyLines(false)
        .get();
    private static final String[] HEADER = AaltoFormat.HEADER_TEXT.split("\t");
    private static final int FIELDS = HEADER.length;
    private static final int PARTICIPANT = 0;
    private static final int PRESS = 5;
    private static final int RELEASE = 6;
    private static final int KEYCODE = 8;
    private static final String UNIT = "epoch ms (the format's unit)";
    /**
     * Control characters a key can type, which the LETTER column holds raw in some files (a backspace, 0x08,
     * in 318 rows of 9 files of the shared sample; its README does not say so): backspace, CR, escape, delete.
     */
    private static final byte[] TYPED_CONTROLS = {0x08, 0x0D, 0x1B, 0x7F};
    private static final int SHIFT = 16;
    private static final int CTRL = 17;
    private static final int ALT = 18;

    private final CsvRows rows;
    private final KeyEventQueue queue = new KeyEventQueue();
    private final long[] recentPressNs;
    private long rowsTaken;
    private long watermarkNs = Long.MIN_VALUE;
    private String participant;
    private String deviceKey;
    private int modifiers;
    private boolean hasStarted;
    private boolean isDrained;
    /** The device's index in the buffer being filled, -1 until its first event of this call. */
    private int device;

    AaltoKeystrokeReader(final Path file, final ParseOptions options, final Diagnostics diagnostics,
        final int window) throws IOException {
        super(file, false, TYPED_CONTROLS, options, diagnostics);
        this.rows = new CsvRows(DIALECT, lines, rejections);
        assert window >= 1 : "window=" + window;
        this.recentPressNs = new long[window];
    }

    @Override
    public int read(final EventBuffer into) throws IOException {
        requireRoom(into);
        if (!hasStarted) {
            hasStarted = true;
            if (!readHeader(rows::currentValues, HEADER, "\t", AaltoFormat.NAME)) {
                isDrained = true;
            }
        }
        device = -1;
        int added = 0;
        while (true) {
            while (queue.size() > 0 && queue.firstTimestampNs() <= watermarkNs) {
                if (into.remaining() == 0) {
                    return added;
                }
                emitFirst(into);
                added++;
            }
            if (isDrained || into.remaining() == 0) {
                return added;
            }
            final CSVRecord row = rows.next();
            if (row == null) {
                isDrained = true;
                watermarkNs = Long.MAX_VALUE;
            } else {
                try {
                    take(row);
                } catch (final BadRow bad) {
                    rejections.reject(rows.lineNumber(), bad);
                }
            }
        }
    }

    private void take(final CSVRecord row) {
        if (row.size() != FIELDS) {
            throw BadRow.malformed(null, null, "expected " + FIELDS + " tab-separated fields, found " + row.size());
        }
        final String id = row.get(PARTICIPANT);
        if (id.isEmpty()) {
            throw BadRow.malformed(HEADER[PARTICIPANT], null, "is missing");
        }
        if (participant != null && !participant.equals(id)) {
            throw BadRow.malformed(HEADER[PARTICIPANT], id, "differs from the file's participant '" + participant
                + "' (one file is one participant)");
        }
        final long pressNs = Timestamps.scale(HEADER[PRESS], row.get(PRESS), integer(row, PRESS),
            TimeUnit.MILLISECONDS, UNIT);
        final long releaseNs = Timestamps.scale(HEADER[RELEASE], row.get(RELEASE), integer(row, RELEASE),
            TimeUnit.MILLISECONDS, UNIT);
        final long keyCode = integer(row, KEYCODE);
        if (keyCode != (int)keyCode) {
            throw BadRow.malformed(HEADER[KEYCODE], row.get(KEYCODE), "is not a 32-bit integer");
        }
        if (keyCode < 0) {
            throw BadRow.malformed(HEADER[KEYCODE], row.get(KEYCODE), "is negative: a key code is 0 or more");
        }
        if (releaseNs < pressNs) {
            throw BadRow.malformed(HEADER[RELEASE], row.get(RELEASE), "is before the press (" + HEADER[PRESS] + " "
                + row.get(PRESS) + "): a key is released after it is pressed");
        }
        if (participant == null) {
            participant = id;
            deviceKey = AaltoFormat.DEVICE_PREFIX + id;
        }
        queue.push(pressNs, 2 * rowsTaken, (int)keyCode);
        queue.push(releaseNs, 2 * rowsTaken + 1, (int)keyCode);
        final int slot = (int)(rowsTaken % recentPressNs.length);
        if (rowsTaken >= recentPressNs.length) {
            watermarkNs = Math.max(watermarkNs, recentPressNs[slot]);
        }
        recentPressNs[slot] = pressNs;
        rowsTaken++;
    }

    private void emitFirst(final EventBuffer into) {
        final long timestampNs = queue.firstTimestampNs();
        final boolean isUp = (queue.firstSequence() & 1) != 0;
        final int keyCode = queue.firstKeyCode();
        queue.removeFirst();
        final int bit = modifierBit(keyCode);
        modifiers = isUp ? modifiers & ~bit : modifiers | bit;
        if (device < 0) {
            device = into.device(deviceKey);
        }
        into.add(device, timestampNs, isUp ? EventType.KEY_UP : EventType.KEY_DOWN, 0, 0, keyCode, modifiers);
    }

    private static long integer(final CSVRecord row, final int column) {
        try {
            return Long.parseLong(row.get(column));
        } catch (final NumberFormatException e) {
            throw BadRow.notAnInteger(HEADER[column], row.get(column), Long.SIZE);
        }
    }

    private static int modifierBit(final int keyCode) {
        switch (keyCode) {
            case SHIFT:
                return 1;
            case CTRL:
                return 2;
            case ALT:
                return 4;
            default:
                return 0;
        }
    }
}
