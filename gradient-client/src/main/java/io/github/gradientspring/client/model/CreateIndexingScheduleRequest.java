package io.github.gradientspring.client.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * When to re-index a knowledge base on its own: at a time of day, in UTC, on some days of the week
 * ({@code POST /v2/gen-ai/scheduled-indexing}). Checked when made, so a bad value never reaches the API.
 * <p>
 * On the wire the time is {@code "HH:MM"} and the days are cron-style numbers, Monday 1 to Saturday 6 and Sunday 0
 * (see {@link ScheduleDays}). The API keeps one schedule per knowledge base and, by DigitalOcean's documentation,
 * runs it at most once a day.
 *
 * <pre>{@code
 * CreateIndexingScheduleRequest nightly = CreateIndexingScheduleRequest.of(knowledgeBaseUuid,
 *         LocalTime.of(2, 30), DayOfWeek.MONDAY, DayOfWeek.THURSDAY);
 * }</pre>
 *
 * @param knowledgeBaseUuid the knowledge base to index
 * @param time the time of day, in UTC, in whole minutes
 * @param days the days of the week; at least one
 */
public record CreateIndexingScheduleRequest(String knowledgeBaseUuid, LocalTime time, Set<DayOfWeek> days) {

    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm")
        .withResolverStyle(ResolverStyle.STRICT);

    public CreateIndexingScheduleRequest {
        GradientIds.requireUuid(knowledgeBaseUuid, "knowledgeBaseUuid");
        if (time == null) {
            throw new IllegalArgumentException("time must not be null");
        }
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new IllegalArgumentException("time must be whole minutes (the API takes HH:MM), but was " + time);
        }
        if (days == null) {
            throw new IllegalArgumentException("days must not be null");
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("days must name at least one day of the week");
        }
        EnumSet<DayOfWeek> checked = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek day : days) {
            if (day == null) {
                throw new IllegalArgumentException("days must not contain null");
            }
            checked.add(day);
        }
        days = Collections.unmodifiableSet(checked);
    }

    /**
     * A schedule on the given days.
     * @param knowledgeBaseUuid the knowledge base
     * @param time the time of day, in UTC, in whole minutes
     * @param days the days of the week; at least one
     * @return the request
     */
    public static CreateIndexingScheduleRequest of(String knowledgeBaseUuid, LocalTime time, DayOfWeek... days) {
        if (days == null) {
            throw new IllegalArgumentException("days must not be null");
        }
        return new CreateIndexingScheduleRequest(knowledgeBaseUuid, time, Set.of(days));
    }

    /**
     * A schedule at a time written as the API writes it, {@code "HH:MM"} in UTC (such as {@code "02:30"}).
     * @param knowledgeBaseUuid the knowledge base
     * @param time the time of day, from {@code 00:00} to {@code 23:59}
     * @param days the days of the week; at least one
     * @return the request
     * @throws IllegalArgumentException when the time is not {@code HH:MM} or out of range
     */
    public static CreateIndexingScheduleRequest of(String knowledgeBaseUuid, String time,
            Collection<DayOfWeek> days) {
        if (days == null) {
            throw new IllegalArgumentException("days must not be null");
        }
        return new CreateIndexingScheduleRequest(knowledgeBaseUuid, parseTime(time), Set.copyOf(days));
    }

    /**
     * Every day of the week.
     * @param knowledgeBaseUuid the knowledge base
     * @param time the time of day, in UTC, in whole minutes
     * @return the request
     */
    public static CreateIndexingScheduleRequest daily(String knowledgeBaseUuid, LocalTime time) {
        return new CreateIndexingScheduleRequest(knowledgeBaseUuid, time, EnumSet.allOf(DayOfWeek.class));
    }

    /** The time as the request sends it, {@code "HH:MM"}. */
    public String wireTime() {
        return HOURS_MINUTES.format(this.time);
    }

    private static LocalTime parseTime(String time) {
        if (time == null) {
            throw new IllegalArgumentException("time must not be null");
        }
        try {
            return LocalTime.parse(time, HOURS_MINUTES);
        }
        catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("time must be HH:MM from 00:00 to 23:59 (UTC), but was "
                    + GradientIds.describe(time), ex);
        }
    }

}
