package io.github.gradientspring.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A scheduled (auto) indexing of a knowledge base as the simulator holds it at one instant, the same facts the
 * API's {@code indexing_info} carries.
 *
 * @param uuid              the schedule
 * @param knowledgeBaseUuid the knowledge base it indexes
 * @param days              the cron-style day numbers as they were sent (Monday 1 … Saturday 6, Sunday 0 or 7)
 * @param time              the time of day, UTC
 * @param active            false once deleted
 * @param nextRunAt         when it next starts a job; null once deleted
 * @param lastRanAt         when it last started one, or null
 * @param createdAt         when it was created
 * @param updatedAt         when it last changed (a run or the delete)
 * @param deletedAt         when it was deleted, or null
 */
public record ScheduleSnapshot(String uuid, String knowledgeBaseUuid, List<Integer> days, LocalTime time,
        boolean active, @Nullable Instant nextRunAt, @Nullable Instant lastRanAt, Instant createdAt,
        Instant updatedAt, @Nullable Instant deletedAt) {

    /** Makes the day list immutable. */
    public ScheduleSnapshot {
        days = List.copyOf(days);
    }

    /** The days of the week it runs on. */
    public Set<DayOfWeek> daysOfWeek() {
        return Schedule.daysOf(days);
    }
}
