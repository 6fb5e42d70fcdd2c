package io.github.gradientspring.client.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The scheduled (auto) indexing of a knowledge base, as the API returns it ({@code apiScheduledIndexingInfo}).
 * <p>
 * The API declares no field as required, so any of these may be {@code null}, except {@link #days()}, which reads
 * as empty when absent. {@link #days()} and {@link #time()} are kept as the API sent them (cron-style numbers and
 * {@code "HH:MM:SS"}), because its own examples carry values that are no day or time ({@code 123},
 * {@code "example string"}) and a response is decoded whatever it holds; {@link #daysOfWeek()} and
 * {@link #localTime()} read them as {@code java.time} values.
 *
 * @param uuid the schedule, which {@code deleteSchedule} takes
 * @param knowledgeBaseUuid the knowledge base it indexes
 * @param days the days as the API's numbers: Monday 1 to Saturday 6, Sunday 0 or 7
 * @param time the time of day in UTC, as the API sent it (such as {@code "02:30:00"})
 * @param isActive whether the schedule still starts jobs
 * @param nextRunAt when it next starts a job
 * @param lastRanAt when it last started one
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param deletedAt when it was deleted
 */
public record IndexingSchedule(
        @Nullable String uuid,
        @Nullable String knowledgeBaseUuid,
        List<Integer> days,
        @Nullable String time,
        @Nullable Boolean isActive,
        @Nullable OffsetDateTime nextRunAt,
        @Nullable OffsetDateTime lastRanAt,
        @Nullable OffsetDateTime createdAt,
        @Nullable OffsetDateTime updatedAt,
        @Nullable OffsetDateTime deletedAt) {

    public IndexingSchedule {
        days = (days != null) ? days.stream().filter(java.util.Objects::nonNull).toList() : List.of();
    }

    /**
     * The days of the week it runs on; numbers that are no day are left out, and 0 and 7 both read as Sunday.
     * @return the days, Monday first
     */
    public Set<DayOfWeek> daysOfWeek() {
        return ScheduleDays.fromWire(this.days);
    }

    /**
     * The time of day it runs at, in UTC, read from {@code "HH:MM:SS"} or {@code "HH:MM"}.
     * @return the time, or {@code null} when the API sent none or something else
     */
    public @Nullable LocalTime localTime() {
        if (this.time == null) {
            return null;
        }
        try {
            return LocalTime.parse(this.time);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    /**
     * Whether the schedule was deleted: the API sets {@code deleted_at} (and clears {@code is_active}).
     * @return whether {@link #deletedAt()} is set
     */
    public boolean isDeleted() {
        return this.deletedAt != null;
    }

}
