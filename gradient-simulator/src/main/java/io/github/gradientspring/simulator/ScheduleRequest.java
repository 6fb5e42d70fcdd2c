package io.github.gradientspring.simulator;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v2/gen-ai/scheduled-indexing} (also taken by the admin API), checked:
 * {@code knowledge_base_uuid}, {@code time} as {@code "HH:MM"} UTC ({@code "HH:MM:SS"} with zero seconds is accepted
 * too, the form the API echoes), and {@code days}, a non-empty array of cron-style numbers 0 to 7 (Monday 1,
 * Sunday 0 or 7). The specification's own example, {@code [123]}, is no day and is refused.
 *
 * @param knowledgeBaseUuid the knowledge base, lower case
 * @param time              the time of day, UTC
 * @param days              the numbers as sent, sorted, without repeats
 */
record ScheduleRequest(String knowledgeBaseUuid, LocalTime time, List<Integer> days) {

    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter HOURS_MINUTES_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    /** @throws IllegalArgumentException naming the field that is wrong */
    static ScheduleRequest read(JsonNode body) {
        JsonNode kbNode = body.get("knowledge_base_uuid");
        if (kbNode == null || !kbNode.isString() || kbNode.stringValue().isEmpty()) {
            throw new IllegalArgumentException("knowledge_base_uuid is required.");
        }
        String kb = kbNode.stringValue();
        if (!Uuids.isValid(kb)) {
            throw new IllegalArgumentException("knowledge_base_uuid is not a valid UUID: " + kb);
        }
        JsonNode timeNode = body.get("time");
        if (timeNode == null || !timeNode.isString()) {
            throw new IllegalArgumentException("time is required, as \"HH:MM\" in UTC.");
        }
        return new ScheduleRequest(kb.toLowerCase(Locale.ROOT), time(timeNode.stringValue()), days(body.get("days")));
    }

    static LocalTime time(String text) {
        try {
            LocalTime time = LocalTime.parse(text, text.length() == 5 ? HOURS_MINUTES : HOURS_MINUTES_SECONDS);
            if (time.getSecond() == 0) {
                return time;
            }
        }
        catch (DateTimeParseException ex) {
            // answered below
        }
        throw new IllegalArgumentException("time must be \"HH:MM\" in UTC (00:00 to 23:59), got: " + text);
    }

    static List<Integer> days(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("days must be a non-empty array of cron-style days (Monday 1 … Saturday 6, Sunday 0 or 7).");
        }
        TreeSet<Integer> days = new TreeSet<>();
        for (JsonNode element : node.values()) {
            if (!element.isIntegralNumber() || element.asInt() < 0 || element.asInt() > 7) {
                throw new IllegalArgumentException("days must hold cron-style days 0 to 7 (Monday 1, Sunday 0 or 7), got: "
                        + element);
            }
            days.add(element.asInt());
        }
        return List.copyOf(days);
    }
}
