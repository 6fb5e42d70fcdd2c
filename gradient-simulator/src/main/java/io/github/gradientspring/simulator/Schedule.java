package io.github.gradientspring.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One schedule as {@link Schedules} keeps it: the facts given at creation, and what its runs and delete changed.
 * Guarded by the {@link Schedules} that holds it.
 */
final class Schedule {

    final String uuid;
    final String knowledgeBaseUuid;
    final List<Integer> days;
    final Set<DayOfWeek> daysOfWeek;
    final LocalTime time;
    final Instant createdAt;

    Instant updatedAt;
    @Nullable Instant nextRunAt;
    @Nullable Instant lastRanAt;
    @Nullable Instant deletedAt;

    Schedule(String uuid, String knowledgeBaseUuid, List<Integer> days, LocalTime time, Instant createdAt) {
        this.uuid = uuid;
        this.knowledgeBaseUuid = knowledgeBaseUuid;
        this.days = List.copyOf(days);
        this.daysOfWeek = daysOf(days);
        this.time = time;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.nextRunAt = nextAfter(time, daysOfWeek, createdAt);
    }

    boolean active() {
        return deletedAt == null;
    }

    ScheduleSnapshot snapshot() {
        return new ScheduleSnapshot(uuid, knowledgeBaseUuid, days, time, active(), nextRunAt, lastRanAt, createdAt,
                updatedAt, deletedAt);
    }

    /** Cron-style numbers as days: 1 Monday … 6 Saturday, 0 and 7 Sunday. The numbers are already checked. */
    static Set<DayOfWeek> daysOf(List<Integer> numbers) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int number : numbers) {
            days.add(number == 0 || number == 7 ? DayOfWeek.SUNDAY : DayOfWeek.of(number));
        }
        return days;
    }

    /**
     * The first instant strictly after {@code after} that falls on one of the days at the time, UTC. Looks at most
     * eight days ahead: the after-day itself (if the time is still to come) and the seven that follow.
     */
    static Instant nextAfter(LocalTime time, Set<DayOfWeek> days, Instant after) {
        LocalDate date = LocalDate.ofInstant(after, ZoneOffset.UTC);
        for (int i = 0; i <= 7; i++) {
            LocalDate candidate = date.plusDays(i);
            Instant at = candidate.atTime(time).toInstant(ZoneOffset.UTC);
            if (at.isAfter(after) && days.contains(candidate.getDayOfWeek())) {
                return at;
            }
        }
        throw new IllegalStateException("A schedule needs at least one day");
    }
}
