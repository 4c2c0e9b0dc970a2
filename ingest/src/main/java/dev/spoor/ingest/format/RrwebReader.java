/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.spoor.codec.Buttons;
import dev.spoor.codec.EventType;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.RejectionKind;
import dev.spoor.ingest.SourceReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Streams one rrweb recording ({@link RrwebFormat}) as moves and button downs and ups in time order. One
 * Jackson streaming parser reads the file; each event object is read field by field ({@link RrwebEvent}) and
 * DOM payloads are skipped unread, so memory is the parser's buffers and the reorder window, whatever the file.
 * <p>
 * Order: the positions of a MouseMove batch come before the batch's own timestamp (by up to its flush interval,
 * 500 ms by default), so events are held in a {@link PointerEventQueue} until no event still to come can
 * precede them, assuming nothing is recorded more than {@link #REORDER_WINDOW_MS} ms before the latest timestamp
 * read so far; an event later than that comes out late, deterministically, and is counted. The buttons of a
 * move are those held at its time (a drag), tracked in time order as events leave the queue.
 * <p>
 * An array or events.js is not line oriented: {@link #bytesCovered()} is the end of the last event object read,
 * the whole file at the end; {@link #linesRead()} the line ends before it (plus an unfinished last line at the
 * end). Broken JSON (a cut file, a stray character) is one {@link RejectionKind#MALFORMED} rejection naming the
 * line and column and what was expected, and ends the file: the events before it are taken.
 * <p>Objects one per line (JSONL) are read as every JSONL format is ({@link TextLines}, {@link JsonLineObjects}):
 * a line that is not one JSON object (broken JSON, two objects, text after the object, not UTF-8) is rejected
 * alone, its event not taken, and reading goes on at the next line; an unfinished last line is held back.
 */
final class RrwebReader implements SourceReader {
    /** How far back in time an rrweb event may go behind the latest one read and still be stored in order, ms. */
    static final long REORDER_WINDOW_MS = 10_000;
    /** A Click at most this long after an unmatched MouseUp is that press's click, ms. */
    static final long CLICK_OF_RELEASE_MS = 20;
    /** The same after a TouchEnd: mobile browsers may fire a tap's click up to 300 ms after it, ms. */
    static final long CLICK_OF_TOUCH_MS = 500;
    /** Device keys start with this. */
    static final String DEVICE_PREFIX = "rrweb/";

    private static final int HEAD_BYTES = 1 << 16;
    private static final long NS_PER_MS = 1_000_000L;
    private static final String EXPECTED_FORMS = "rrweb files are a JSON array '[', JSON objects one per line '{',"
        + " or rrweb-player's events.js (comment lines, then 'const events = [')";

    /** The shape of the file, from its first bytes. */
    private enum Form {
        /** Nothing but white space. */
        EMPTY,
        /** {@code [ event, ... ]}. */
        ARRAY,
        /** {@code // comments, const events = [ event, ... ];}. */
        SCRIPT,
        /** One event object after another (JSONL). */
        LINES,
        /** None of these: rejected whole. */
        UNKNOWN
    }

    private final Path file;
    private final ParseOptions options;
    private final FileChannel channel;
    private final long size;
    private final LineRejections rejections;
    private final JsonFactory json;
    private final String fallbackKey;
    private final RrwebEvent event = new RrwebEvent();
    private final PointerEventQueue queue = new PointerEventQueue();
    private final RrwebCounts counts = new RrwebCounts();
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer hashChunk = ByteBuffer.allocate(1 << 16);

    private Form form;
    /** Bytes before the JSON (a BOM, events.js's comments and assignment), read by the parser as spaces. */
    private long prefixEnd;
    private JsonParser parser;
    private JsonStreamContext container;
    /** The LINES form's lines and their objects (null for the other forms). */
    private LineSplitter splitter;
    private JsonLineObjects lineObjects;
    private boolean isEnded;
    private long consumedBytes;
    private long hashedBytes;
    private long lineEnds;
    private long eventsRead;

    private String deviceKey;
    private String firstSessionId;
    private long sequence;
    private long maxTimestampNs = Long.MIN_VALUE;
    private long lastEmittedNs = Long.MIN_VALUE;
    /** Buttons held in file order: decides what a Click is. */
    private int fileHeld;
    private boolean hasRelease;
    private long releaseNs;
    /** How long after the release a Click is still that press's. */
    private long releaseClickNs;
    /** False until an event gives the pointer's position: a press or release before it has none to take. */
    private boolean isPositionKnown;
    private long lastX;
    private long lastY;
    /** Buttons held in time order, as events leave the queue: the buttons of a move. */
    private int held;
    private int device;

    RrwebReader(final Path file, final ParseOptions options, final Diagnostics diagnostics, final JsonFactory json)
        throws IOException {
        this.file = file;
        this.options = options;
        this.rejections = new LineRejections(file, diagnostics);
        this.json = json;
        final Path parent = file.getParent() == null ? null : file.getParent().getFileName();
        this.fallbackKey = DEVICE_PREFIX + (parent == null ? "" : parent + "/") + file.getFileName();
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
    }

    @Override
    public int read(final EventBuffer into) throws IOException {
        LineSourceReader.requireRoom(into);
        if (form == null) {
            start();
        }
        device = -1;
        int added = 0;
        while (true) {
            // Times are checked to be 0 or more, so the subtraction cannot wrap.
            final long watermarkNs = isEnded ? Long.MAX_VALUE
                : maxTimestampNs == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestampNs - REORDER_WINDOW_MS * NS_PER_MS;
            while (queue.size() > 0 && queue.firstTimestampNs() <= watermarkNs) {
                if (into.remaining() == 0) {
                    return added;
                }
                emitFirst(into);
                added++;
            }
            if (isEnded || into.remaining() == 0) {
                return added;
            }
            nextEvent();
        }
    }

    @Override
    public long linesRead() {
        if (splitter != null) {
            return splitter.linesConsumed();
        }
        hashTo(bytesCovered());
        return lineEnds + (isEnded && size > 0 && !endsWithLineEnd() ? 1 : 0);
    }

    @Override
    public long bytesCovered() {
        if (splitter != null) {
            return splitter.bytesConsumed();
        }
        return isEnded ? size : consumedBytes;
    }

    @Override
    public long coveredHash() {
        if (splitter != null) {
            return splitter.prefixHash();
        }
        hashTo(bytesCovered());
        return crc.getValue();
    }

    @Override
    public void close() throws IOException {
        try {
            if (parser != null) {
                parser.close();
            }
            if (lineObjects != null) {
                lineObjects.close();
            }
        } finally {
            try {
                if (splitter != null) {
                    splitter.close();
                }
            } finally {
                channel.close();
            }
        }
    }

    /**
     * @return what the file held that was not stored, and its viewport.
     */
    RrwebCounts counts() {
        return counts;
    }

    private void start() throws IOException {
        form = detect();
        if (form == Form.EMPTY || form == Form.UNKNOWN) {
            isEnded = true;
            return;
        }
        if (form == Form.LINES) {
            splitter = LineSplitter.open(file, options.maxLineBytes());
            lineObjects = new JsonLineObjects(json, new TextLines(splitter, true, LineSourceReader.JSON_CONTROLS,
                options.maxLineBytes(), rejections));
            return;
        }
        parser = json.createParser(new Input());
        parser.nextToken(); // the '[' detect found
        container = parser.getParsingContext();
    }

    /**
     * Whether the file is still being written, checked before it is read (see {@code RecordingFormat.unfinished}):
     * objects one per line whose last line has no line end, or a JSON array the file ends inside of (a cut, not a
     * syntax error: a broken array is read up to where it breaks, as {@link #read} says).
     *
     * @return the rejection that leaves the whole file for a later run, or null when it is finished.
     * @throws IOException when the file cannot be read.
     */
    Rejection unfinished() throws IOException {
        form = detect();
        if (form == Form.LINES) {
            return UnfinishedFiles.lastLineUnfinished(file, RrwebFormat.NAME);
        }
        if (form != Form.ARRAY && form != Form.SCRIPT) {
            return null;
        }
        try (JsonParser scan = json.createParser(new Input())) {
            scan.nextToken(); // the '[' detect found
            for (JsonToken token = scan.nextToken(); token != JsonToken.END_ARRAY; token = scan.nextToken()) {
                if (token == null) {
                    return cut(scan.currentLocation());
                }
                scan.skipChildren();
            }
            return null;
        } catch (final JsonEOFException e) {
            return cut(e.getLocation());
        } catch (final JsonProcessingException e) {
            return null; // broken, not cut: the read names where, and takes the events before it
        }
    }

    private Rejection cut(final JsonLocation at) {
        return UnfinishedFiles.whole(file, at.getLineNr(), "the file ends at line " + at.getLineNr() + " column "
            + at.getColumnNr() + " inside the JSON array", RrwebFormat.NAME);
    }

    /** LINES: reads the next line's event object; a line that is not one is rejected alone. */
    private void nextLine() throws IOException {
        try {
            if (!lineObjects.next(event::read)) {
                end();
                return;
            }
            eventsRead++;
        } catch (final BadRow bad) {
            eventsRead++;
            rejections.reject(lineObjects.lineNumber(), bad);
            return;
        }
        try {
            take();
        } catch (final BadRow bad) {
            rejections.reject(lineObjects.lineNumber(), bad);
        }
    }

    /** Reads the next event object and queues its pointer events; ends the file at its end or broken JSON. */
    private void nextEvent() throws IOException {
        if (lineObjects != null) {
            nextLine();
            return;
        }
        try {
            final JsonToken token = parser.nextToken();
            if (token == null) {
                final JsonLocation at = parser.currentLocation();
                rejections.reject(at.getLineNr(), RejectionKind.MALFORMED, null, null, "the file ends at line "
                    + at.getLineNr() + " column " + at.getColumnNr() + " inside the JSON array: expected ','"
                    + " and another event or the closing ']' (a cut file?); the events before it are taken");
                end();
                return;
            }
            if (token == JsonToken.END_ARRAY) {
                checkTail();
                end();
                return;
            }
            final long line = parser.currentTokenLocation().getLineNr();
            eventsRead++;
            if (token != JsonToken.START_OBJECT) {
                rejections.reject(line, RejectionKind.MALFORMED, "event", token.isScalarValue() ? parser.getText()
                    : token.asString(), "is not a JSON object {type, data, timestamp}");
                parser.skipChildren();
            } else {
                try {
                    event.read(parser);
                    take();
                } catch (final BadRow bad) {
                    rejections.reject(line, bad);
                    skipRestOfEvent();
                }
            }
            consumedBytes = parser.currentLocation().getByteOffset();
        } catch (final JsonEOFException e) {
            final JsonLocation at = e.getLocation();
            final String where = "the file ends at line " + at.getLineNr() + " column " + at.getColumnNr();
            rejections.reject(at.getLineNr(), RejectionKind.MALFORMED, null, null, parser.getParsingContext()
                == container ? where + " inside the JSON array: expected ',' and another event or the closing ']'"
                + " (a cut file?); the events before it are taken" : where + " inside an event: expected the rest of"
                + " it and the array's closing ']' (a cut file?); the events before it are taken");
            end();
        } catch (final JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            final long line = at == null ? 0 : at.getLineNr();
            rejections.reject(Math.max(1, line), RejectionKind.MALFORMED, null, null, "is not JSON at line " + line
                + " column " + (at == null ? 0 : at.getColumnNr()) + ": " + e.getOriginalMessage()
                + "; the rest of the file is not read, the events before it are taken");
            end();
        }
    }

    /** After a rejected event: skips to its END_OBJECT. */
    private void skipRestOfEvent() throws IOException {
        JsonToken token = parser.currentToken();
        while (token != null && !(token == JsonToken.END_OBJECT && parser.getParsingContext() == container)) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
                if (parser.getParsingContext() == container) {
                    return; // the event object itself
                }
            }
            token = parser.nextToken();
        }
    }

    private void take() {
        if (event.type < 0) {
            throw BadRow.malformed("type", null, "is missing");
        }
        if (deviceKey == null) {
            firstSessionId = event.sessionId;
            deviceKey = firstSessionId == null ? fallbackKey : DEVICE_PREFIX + firstSessionId;
        } else if (event.sessionId != null && !event.sessionId.equals(firstSessionId)) {
            counts.otherSessions++;
        }
        if (event.hasTimestamp) {
            maxTimestampNs = Math.max(maxTimestampNs, event.timestampNs);
        }
        switch (event.type) {
            case 2:
                counts.snapshots++;
                break;
            case 3:
                incremental();
                break;
            case 4:
                counts.meta++;
                if (counts.viewportWidth < 0 && event.width >= 0 && event.height >= 0) {
                    counts.viewportWidth = event.width;
                    counts.viewportHeight = event.height;
                }
                break;
            default:
                counts.other++; // DomContentLoaded 0, Load 1, Custom 5, Plugin 6, and types to come
                break;
        }
    }

    private void incremental() {
        switch (event.source) {
            case -1:
                throw BadRow.malformed("data.source", null, "is missing");
            case 0:
                counts.mutations++;
                break;
            case 1: // MouseMove
            case 6: // TouchMove
            case 12: // Drag
                moves(timestampNs());
                break;
            case 2:
                interaction(timestampNs());
                break;
            case 3:
                counts.scrolls++;
                break;
            case 4:
                counts.viewportResizes++;
                break;
            case 5:
                counts.inputs++;
                break;
            default:
                counts.other++;
                break;
        }
    }

    private long timestampNs() {
        if (!event.hasTimestamp) {
            throw BadRow.malformed("timestamp", null, "is missing");
        }
        return event.timestampNs;
    }

    private void moves(final long batchNs) {
        // Check every position before queueing any: a bad one rejects the whole event.
        for (int i = 0; i < event.positions; i++) {
            positionNs(batchNs, i);
        }
        for (int i = 0; i < event.positions; i++) {
            push(positionNs(batchNs, i), EventType.MOVE, event.positionX[i], event.positionY[i], 0);
        }
        if (event.positions > 0) {
            lastX = event.positionX[event.positions - 1];
            lastY = event.positionY[event.positions - 1];
            isPositionKnown = true;
        }
    }

    private long positionNs(final long batchNs, final int i) {
        final long offsetNs = event.positionOffsetNs[i];
        final long ns = batchNs + offsetNs;
        if (((batchNs ^ ns) & (offsetNs ^ ns)) < 0 || ns < 0) {
            throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, "data.positions[" + i + "].timeOffset",
                Long.toString(offsetNs / NS_PER_MS), "puts the position outside 1970-01-01 .. 2262-04-11 (timestamp "
                + Timestamps.iso(batchNs) + ")");
        }
        return ns;
    }

    private void interaction(final long ns) {
        if (event.hasPoint) {
            lastX = event.x;
            lastY = event.y;
            isPositionKnown = true;
        }
        switch (event.dataType) {
            case -1:
                throw BadRow.malformed("data.type", null, "is missing");
            case 0: // MouseUp
                release(ns, mouseButton(), CLICK_OF_RELEASE_MS);
                break;
            case 1: // MouseDown
                press(ns, mouseButton());
                break;
            case 2:
                click(ns, mouseButton());
                break;
            case 3:
                counts.contextMenus++;
                break;
            case 4:
                counts.doubleClicks++;
                break;
            case 5: // Focus
            case 6: // Blur
                counts.focusBlur++;
                break;
            case 7: // TouchStart
                press(ns, Buttons.LEFT);
                break;
            case 9: // TouchEnd
            case 10: // TouchCancel
                release(ns, Buttons.LEFT, CLICK_OF_TOUCH_MS);
                break;
            default:
                counts.other++; // TouchMove_Departed 8, and types to come
                break;
        }
    }

    /** A press or release without x and y takes the pointer's last position; before any, there is none to take. */
    private void requirePosition() {
        if (!isPositionKnown) {
            throw BadRow.malformed("data.x", null, "is missing, and no earlier event gave the pointer's position");
        }
    }

    private void press(final long ns, final int button) {
        requirePosition();
        push(ns, EventType.BUTTON_DOWN, lastX, lastY, button);
        fileHeld |= button;
        hasRelease = false;
    }

    private void release(final long ns, final int button, final long clickWindowMs) {
        requirePosition();
        push(ns, EventType.BUTTON_UP, lastX, lastY, button);
        fileHeld &= ~button;
        hasRelease = true;
        releaseNs = ns;
        releaseClickNs = clickWindowMs * NS_PER_MS;
    }

    /**
     * A browser fires click after the mousedown and mouseup of one press, and rrweb records all three: a Click
     * at most {@link #CLICK_OF_RELEASE_MS} after a MouseUp ({@link #CLICK_OF_TOUCH_MS} after a TouchEnd) with no
     * press since is that press, not stored again.
     * A Click while its button is held releases it; any other Click (a recorder that writes only clicks) is a
     * press, stored as a down and an up at its time.
     */
    private void click(final long ns, final int button) {
        if (hasRelease && ns - releaseNs >= 0 && ns - releaseNs <= releaseClickNs) {
            counts.clicksOfARelease++;
            hasRelease = false;
        } else if ((fileHeld & button) != 0) {
            release(ns, button, 0);
            hasRelease = false;
            counts.clicksAsPresses++;
        } else {
            press(ns, button);
            release(ns, button, 0);
            hasRelease = false;
            counts.clicksAsPresses++;
        }
    }

    /** DOM MouseEvent.button to a {@link Buttons} bit; absent (old recorders) is the left button. */
    private int mouseButton() {
        switch (event.button) {
            case -1:
            case 0:
                return Buttons.LEFT;
            case 1:
                return Buttons.MIDDLE;
            case 2:
                return Buttons.RIGHT;
            case 3:
                return Buttons.X1;
            case 4:
                return Buttons.X2;
            default:
                throw BadRow.malformed("data.button", Integer.toString(event.button), "is not a mouse button 0..4"
                    + " (DOM MouseEvent.button)");
        }
    }

    private void push(final long ns, final EventType type, final long x, final long y, final int button) {
        queue.push(ns, sequence++, type, x, y, button);
        maxTimestampNs = Math.max(maxTimestampNs, ns);
    }

    private void emitFirst(final EventBuffer into) {
        final long ns = queue.firstTimestampNs();
        if (ns < lastEmittedNs) {
            counts.late++;
        }
        lastEmittedNs = Math.max(lastEmittedNs, ns);
        final EventType type = EventType.fromCode(queue.firstTypeCode());
        final int button = queue.firstButton();
        final int a;
        if (type == EventType.BUTTON_DOWN) {
            held |= button;
            a = button;
        } else if (type == EventType.BUTTON_UP) {
            held &= ~button;
            a = button;
        } else {
            a = held;
        }
        if (device < 0) {
            device = into.device(deviceKey);
        }
        into.addSubPixel(device, ns, type, queue.firstX(), queue.firstY(), a, 0);
        queue.removeFirst();
    }

    private void end() {
        isEnded = true;
        if (eventsRead > 0) {
            rejections.warn(counts.summary());
        }
        event.warnOfRounded(rejections);
    }

    /** What follows the array's ']': white space, and in events.js one ';'. */
    private void checkTail() throws IOException {
        final long from = parser.currentLocation().getByteOffset();
        final ByteBuffer chunk = ByteBuffer.allocate(4096);
        boolean hasSemicolon = false;
        long line = parser.currentLocation().getLineNr();
        for (long at = from; at < size; ) {
            chunk.clear();
            final int n = channel.read(chunk, at);
            if (n <= 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                final byte c = chunk.get(i);
                if (c == '\n') {
                    line++;
                } else if (c == ';' && form == Form.SCRIPT && !hasSemicolon) {
                    hasSemicolon = true;
                } else if (c != ' ' && c != '\t' && c != '\r') {
                    rejections.reject(line, RejectionKind.MALFORMED, null, null, "after the array's closing ']'"
                        + " comes more than white space" + (form == Form.SCRIPT ? " and ';'" : "") + " (byte "
                        + (at + i) + "); the events of the array are taken");
                    return;
                }
            }
            at += n;
        }
    }

    /** Looks at the first bytes: which form, and where the JSON starts. */
    private Form detect() throws IOException {
        final ByteBuffer head = ByteBuffer.allocate((int)Math.min(size, HEAD_BYTES));
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // fill
        }
        final byte[] bytes = head.array();
        final int length = head.position();
        int i = length >= 3 && bytes[0] == (byte)0xEF && bytes[1] == (byte)0xBB && bytes[2] == (byte)0xBF ? 3 : 0;
        prefixEnd = i;
        i = skipSpace(bytes, i, length);
        if (i == length && length == size) {
            return Form.EMPTY;
        }
        if (i < length && bytes[i] == '[') {
            return Form.ARRAY;
        }
        if (i < length && bytes[i] == '{') {
            return Form.LINES;
        }
        final int array = scriptArray(bytes, i, length);
        if (array < 0) {
            final int at = Math.min(-array - 1, length);
            rejections.reject(lineOf(bytes, at), RejectionKind.MALFORMED, null, null, "is not rrweb: at byte " + at
                + " " + EXPECTED_FORMS + "; the file is skipped");
            return Form.UNKNOWN;
        }
        prefixEnd = array;
        return Form.SCRIPT;
    }

    /**
     * @return where the '[' of events.js's {@code const events = [} is, or {@code -(where it went wrong) - 1}.
     */
    private static int scriptArray(final byte[] bytes, final int from, final int length) {
        int i = from;
        while (true) {
            i = skipSpace(bytes, i, length);
            if (startsWith(bytes, i, length, '/', '/')) {
                while (i < length && bytes[i] != '\n') {
                    i++;
                }
            } else if (startsWith(bytes, i, length, '/', '*')) {
                i += 2;
                while (i < length && !startsWith(bytes, i, length, '*', '/')) {
                    i++;
                }
                if (i == length) {
                    return -i - 1;
                }
                i += 2;
            } else {
                break;
            }
        }
        final int name = i;
        while (i < length && (isNameByte(bytes[i]) || bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        if (i == name || i == length || bytes[i] != '=') {
            return -i - 1;
        }
        i = skipSpace(bytes, i + 1, length);
        return i < length && bytes[i] == '[' ? i : -i - 1;
    }

    private static boolean isNameByte(final byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
            || c == '.';
    }

    private static boolean startsWith(final byte[] bytes, final int i, final int length, final char a, final char b) {
        return i + 1 < length && bytes[i] == a && bytes[i + 1] == b;
    }

    private static int skipSpace(final byte[] bytes, final int from, final int length) {
        int i = from;
        while (i < length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static long lineOf(final byte[] bytes, final int at) {
        long line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private boolean endsWithLineEnd() {
        try {
            final ByteBuffer last = ByteBuffer.allocate(1);
            return channel.read(last, size - 1) == 1 && last.get(0) == '\n';
        } catch (final IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Brings the running CRC-32C and line-end count up to {@code bytes}. */
    private void hashTo(final long bytes) {
        try {
            while (hashedBytes < bytes) {
                hashChunk.clear().limit((int)Math.min(hashChunk.capacity(), bytes - hashedBytes));
                final int n = channel.read(hashChunk, hashedBytes);
                if (n <= 0) {
                    throw new IOException("the file is shorter than " + bytes + " bytes: it changed while read");
                }
                for (int i = 0; i < n; i++) {
                    if (hashChunk.get(i) == '\n') {
                        lineEnds++;
                    }
                }
                hashChunk.flip();
                crc.update(hashChunk);
                hashedBytes += n;
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The file as the parser reads it: the bytes before the JSON read as spaces (line ends kept). */
    private final class Input extends InputStream {
        private long position;

        @Override
        public int read() throws IOException {
            final byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(final byte[] into, final int offset, final int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            final int n = channel.read(ByteBuffer.wrap(into, offset, length), position);
            if (n <= 0) {
                return -1;
            }
            for (int i = 0; i < n && position + i < prefixEnd; i++) {
                final byte c = into[offset + i];
                if (c != '\n' && c != '\r') {
                    into[offset + i] = ' ';
                }
            }
            position += n;
            return n;
        }
    }
}
