package io.github.gradientspring.simulator;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The scheduled (auto) indexing of the simulated account: at most one active schedule per knowledge base, and the
 * deleted ones, kept as the API keeps them (soft-deleted).
 *
 * <p>A schedule starts its jobs without a timer, as jobs progress without one: whenever the simulator is asked
 * anything (an API or admin request, {@link GradientSimulator#advance}, {@link GradientSimulator#journal()}), every
 * run that fell due since is started first, each job created at its scheduled instant. So a manual clock that jumps
 * a week ahead finds the week's jobs in the list, and a real clock finds the run that fell due while nobody asked,
 * with the {@code created_at} it would have had.
 */
final class Schedules {

    /**
     * The most runs one schedule starts in one catch-up. A manual clock moved years ahead would otherwise start
     * thousands of jobs; past this many, the schedule's later missed runs are skipped and it runs next after now.
     */
    static final int MAX_RUNS_PER_CATCH_UP = 1000;

    private final JobStore store;
    private final JobTiming timing;
    private final Consumer<ScheduledRun> runs;

    // Guarded by this.
    private final Map<String, Schedule> byUuid = new LinkedHashMap<>();
    private final Map<String, Schedule> activeByKnowledgeBase = new LinkedHashMap<>();

    /** The earliest next run of any active schedule, so that a request with nothing due takes no lock. */
    private volatile @Nullable Instant earliestDue;

    Schedules(JobStore store, JobTiming timing, Consumer<ScheduledRun> runs) {
        this.store = store;
        this.timing = timing;
        this.runs = runs;
    }

    /**
     * Creates the schedule of a knowledge base.
     *
     * @return the schedule, or null when the knowledge base already has an active one
     */
    synchronized @Nullable Schedule create(String knowledgeBaseUuid, LocalTime time, List<Integer> days, Instant now) {
        runDue(now);
        if (activeByKnowledgeBase.containsKey(knowledgeBaseUuid)) {
            return null;
        }
        Schedule schedule = new Schedule(Uuids.random(), knowledgeBaseUuid, days, time, now);
        byUuid.put(schedule.uuid, schedule);
        activeByKnowledgeBase.put(knowledgeBaseUuid, schedule);
        updateEarliest();
        return schedule;
    }

    synchronized @Nullable ScheduleSnapshot activeOf(String knowledgeBaseUuid) {
        Schedule schedule = activeByKnowledgeBase.get(knowledgeBaseUuid);
        return schedule == null ? null : schedule.snapshot();
    }

    /**
     * Soft-deletes a schedule: {@code deleted_at} set, inactive, no next run. Deleting a deleted one changes
     * nothing and answers it as it is, so a retried delete is not an error.
     *
     * @return the schedule after the delete, or null when there is no such schedule
     */
    synchronized @Nullable ScheduleSnapshot delete(String uuid, Instant now) {
        runDue(now);
        Schedule schedule = byUuid.get(uuid);
        if (schedule == null) {
            return null;
        }
        if (schedule.active()) {
            schedule.deletedAt = now;
            schedule.updatedAt = now;
            schedule.nextRunAt = null;
            activeByKnowledgeBase.remove(schedule.knowledgeBaseUuid);
            updateEarliest();
        }
        return schedule.snapshot();
    }

    /** Every schedule, active and deleted, in creation order. */
    synchronized List<ScheduleSnapshot> all() {
        return byUuid.values().stream().map(Schedule::snapshot).toList();
    }

    /** Starts every run due at or before {@code now}; cheap when none is. */
    void runDueIfAny(Instant now) {
        Instant due = earliestDue;
        if (due != null && !due.isAfter(now)) {
            synchronized (this) {
                runDue(now);
            }
        }
    }

    // Guarded by this.
    private void runDue(Instant now) {
        List<ScheduledRun> started = new ArrayList<>();
        for (Schedule schedule : activeByKnowledgeBase.values()) {
            SeededKnowledgeBase knowledgeBase = store.knowledgeBase(schedule.knowledgeBaseUuid);
            int count = 0;
            Instant at = schedule.nextRunAt;
            while (at != null && !at.isAfter(now)) {
                if (knowledgeBase != null && count < MAX_RUNS_PER_CATCH_UP) {
                    Job job = store.create(knowledgeBase, knowledgeBase.dataSources(), at, timing);
                    schedule.lastRanAt = at;
                    schedule.updatedAt = at;
                    started.add(new ScheduledRun(schedule.uuid, schedule.knowledgeBaseUuid, job.uuid, at));
                    count++;
                    at = Schedule.nextAfter(schedule.time, schedule.daysOfWeek, at);
                }
                else {
                    at = Schedule.nextAfter(schedule.time, schedule.daysOfWeek, now);
                }
            }
            schedule.nextRunAt = at;
        }
        updateEarliest();
        started.forEach(runs);
    }

    // Guarded by this.
    private void updateEarliest() {
        Instant earliest = null;
        for (Schedule schedule : activeByKnowledgeBase.values()) {
            Instant next = schedule.nextRunAt;
            if (next != null && (earliest == null || next.isBefore(earliest))) {
                earliest = next;
            }
        }
        earliestDue = earliest;
    }

    /** Forgets every schedule. */
    synchronized void clear() {
        byUuid.clear();
        activeByKnowledgeBase.clear();
        earliestDue = null;
    }
}
