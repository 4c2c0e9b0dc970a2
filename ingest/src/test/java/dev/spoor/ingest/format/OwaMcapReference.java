/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoor.codec.EventType;
import dev.spoor.ingest.format.mcap.McapReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An independent reading of an OWAMcap file for tests: the container through {@link McapReader}, every payload
 * through Jackson's tree model ({@code ObjectMapper.readTree}), the mapping written out again from the format
 * guide (not shared with {@link OwaMcapReader}): the events the format should give, the window titles, and the
 * messages per topic.
 */
final class OwaMcapReference {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final List<Event> events = new ArrayList<>();
    final List<String> windowTitles = new ArrayList<>();
    final List<String> mediaUris = new ArrayList<>();
    final Map<String, Long> messagesByTopic = new TreeMap<>();
    final Map<String, Long> payloadsByKind = new TreeMap<>();
    /** Raw vk codes, as in the file. */
    final List<Integer> rawKeys = new ArrayList<>();

    private OwaMcapReference() {
    }

    static OwaMcapReference read(final Path file) throws IOException {
        final OwaMcapReference ref = new OwaMcapReference();
        final String device = "owa/" + file.getFileName().toString().replaceFirst("\\.mcap$", "");
        int held = 0;
        int modifiers = 0;
        try (McapReader reader = new McapReader(file)) {
            while (reader.nextMessage()) {
                final String topic = reader.channel().topic();
                ref.messagesByTopic.merge(topic, 1L, Long::sum);
                final JsonNode payload = MAPPER.readTree(reader.data(), reader.dataOffset(), reader.dataLength());
                final long ns = reader.logTimeNs();
                if (topic.equals("window")) {
                    ref.windowTitles.add(payload.get("title").asText());
                } else if (topic.equals("screen") && payload.path("media_ref").has("uri")) {
                    ref.mediaUris.add(payload.get("media_ref").get("uri").asText());
                } else if (topic.equals("mouse")) {
                    final String kind = payload.get("event_type").asText();
                    final int x = payload.get("x").intValue();
                    final int y = payload.get("y").intValue();
                    if (kind.equals("click")) {
                        final boolean isDown = payload.get("pressed").booleanValue();
                        ref.payloadsByKind.merge("mouse click " + (isDown ? "down" : "up"), 1L, Long::sum);
                        final int bit = List.of("left", "right", "middle", "x1", "x2")
                            .indexOf(payload.get("button").asText());
                        final int button = bit < 0 ? 0 : 1 << bit;
                        held = isDown ? held | button : held & ~button;
                        ref.events.add(isDown ? Event.down(device, ns, x, y, button) : Event.up(device, ns, x, y,
                            button));
                    } else if (kind.equals("scroll")) {
                        ref.payloadsByKind.merge("mouse scroll", 1L, Long::sum);
                        ref.events.add(Event.wheel(device, ns, x, y, payload.path("dx").asInt(0),
                            payload.path("dy").asInt(0)));
                    } else {
                        ref.payloadsByKind.merge("mouse " + kind, 1L, Long::sum);
                        ref.events.add(Event.move(device, ns, x, y, kind.equals("drag") && held == 0 ? 1 : held));
                    }
                } else if (topic.equals("keyboard")) {
                    final String kind = payload.get("event_type").asText();
                    ref.payloadsByKind.merge("keyboard " + kind, 1L, Long::sum);
                    final int raw = payload.get("vk").intValue();
                    ref.rawKeys.add(raw);
                    // stored as recorded; VK_LSHIFT..VK_RMENU (0xA0..0xA5) hold the bits of VK_SHIFT, VK_CONTROL,
                    // VK_MENU (0x10..0x12)
                    final int generic = raw >= 0xA0 && raw <= 0xA5 ? 0x10 + (raw - 0xA0) / 2 : raw;
                    final int bit = generic == 0x10 ? 1 : generic == 0x11 ? 2 : generic == 0x12 ? 4 : 0;
                    final boolean isUp = kind.equals("release");
                    modifiers = isUp ? modifiers & ~bit : modifiers | bit;
                    ref.events.add(new Event(device, ns, isUp ? EventType.KEY_UP : EventType.KEY_DOWN, 0, 0, raw,
                        modifiers));
                }
            }
        }
        return ref;
    }
}
