package io.github.gradientspring.sample.web;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Set;

import io.github.gradientspring.client.model.IndexingSchedule;
import org.jspecify.annotations.Nullable;

/**
 * A knowledge base's indexing schedule as this application answers it, in the terms of its request: the time as
 * {@code "HH:MM"} UTC and the days by name.
 *
 * @param uuid the schedule
 * @param knowledgeBaseUuid the knowledge base it indexes
 * @param time the time of day in UTC, {@code "HH:MM"}, or what the API sent when that is no time
 * @param days the days of the week it runs on
 * @param active whether it still starts jobs
 * @param nextRunAt when it next starts a job
 * @param lastRanAt when it last started one
 * @param createdAt when it was created
 * @param deletedAt when it was deleted
 */
public record ScheduleView(@Nullable String uuid, @Nullable String knowledgeBaseUuid, @Nullable String time,
        Set<DayOfWeek> days, boolean active, @Nullable OffsetDateTime nextRunAt, @Nullable OffsetDateTime lastRanAt,
        @Nullable OffsetDateTime createdAt, @Nullable OffsetDateTime deletedAt) {

    static ScheduleView of(IndexingSchedule schedule) {
        LocalTime time = schedule.localTime();
        return new ScheduleView(schedule.uuid(), schedule.knowledgeBaseUuid(),
                (time != null) ? String.format("%02d:%02d", time.getHour(), time.getMinute()) : schedule.time(),
                schedule.daysOfWeek(), Boolean.TRUE.equals(schedule.isActive()) && !schedule.isDeleted(),
                schedule.nextRunAt(), schedule.lastRanAt(), schedule.createdAt(), schedule.deletedAt());
    }

}
