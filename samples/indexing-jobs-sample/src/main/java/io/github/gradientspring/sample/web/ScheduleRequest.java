package io.github.gradientspring.sample.web;

import java.time.DayOfWeek;
import java.util.Set;

/**
 * The body of {@code PUT /knowledge-bases/{kb}/schedule}: {@code {"time": "02:30", "days": ["MONDAY", "THURSDAY"]}}.
 *
 * @param time the time of day in UTC, {@code "HH:MM"}
 * @param days the days of the week, as {@link DayOfWeek} names; at least one
 */
public record ScheduleRequest(String time, Set<DayOfWeek> days) {
}
