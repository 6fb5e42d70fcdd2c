package io.github.gradientspring.sample.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.error.GradientNotFoundException;
import io.github.gradientspring.client.model.CreateIndexingScheduleRequest;
import io.github.gradientspring.client.model.GradientIds;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingSchedule;
import reactor.core.publisher.Mono;

/**
 * The schedule part of the demo: schedules the knowledge base's indexing for the next minute on the API's clock
 * ({@link IndexingJobsClient#createSchedule}), waits until then, finds the job the schedule started, follows it to
 * its end, and deletes the schedule ({@link IndexingJobsClient#deleteSchedule}), whatever happened.
 * <p>
 * A knowledge base that already has a schedule is left alone: on a real account that schedule is someone's. Every
 * wait is bounded: the next run must be within {@link #MAX_WAIT}, and the started job must show within
 * {@link #FIND_ATTEMPTS} looks, {@link #FIND_INTERVAL} apart.
 */
public final class ScheduleDemo {

    /** The label of the job the schedule starts. */
    public static final String SCHEDULED_LABEL = "scheduled";

    /** The longest the demo waits for its schedule's run. */
    static final Duration MAX_WAIT = Duration.ofMinutes(3);

    static final int FIND_ATTEMPTS = 30;

    static final Duration FIND_INTERVAL = Duration.ofSeconds(2);

    private final IndexingJobsClient client;

    private final ApiClock clock;

    private final ProgressDisplay display;

    private final PrintStream out;

    public ScheduleDemo(IndexingJobsClient client, ApiClock clock, ProgressDisplay display, PrintStream out) {
        this.client = client;
        this.clock = clock;
        this.display = display;
        this.out = out;
    }

    /**
     * Runs the schedule part; nothing happens until the result is subscribed to.
     * @param knowledgeBaseUuid the knowledge base to schedule
     * @return what was done, or empty when the knowledge base already had a schedule
     */
    public Mono<ScheduleDemoResult> run(String knowledgeBaseUuid) {
        return this.client.retrieveSchedule(knowledgeBaseUuid)
            .map((existing) -> true)
            .onErrorResume(GradientNotFoundException.class, (ex) -> Mono.just(false))
            .flatMap((exists) -> {
                if (exists) {
                    this.out.println();
                    this.out.println("Knowledge base " + knowledgeBaseUuid + " already has an indexing schedule; "
                            + "the demo leaves it alone.");
                    return Mono.empty();
                }
                return scheduleAndFollow(knowledgeBaseUuid);
            });
    }

    private Mono<ScheduleDemoResult> scheduleAndFollow(String knowledgeBaseUuid) {
        // The next whole minute on the API's clock, on that minute's day (UTC), since the API takes HH:MM.
        LocalDateTime next = LocalDateTime.ofInstant(this.clock.now(), ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MINUTES)
            .plusMinutes(1);
        CreateIndexingScheduleRequest request = CreateIndexingScheduleRequest.of(knowledgeBaseUuid, next.toLocalTime(),
                next.getDayOfWeek());
        AtomicReference<IndexingSchedule> created = new AtomicReference<>();
        AtomicReference<IndexingJob> ended = new AtomicReference<>();
        AtomicReference<IndexingSchedule> deleted = new AtomicReference<>();
        // The result is made once everything is done, the delete included (usingWhen completes after it).
        return Mono.usingWhen(Mono.defer(() -> {
            this.out.println();
            this.out.println("Scheduling knowledge base " + knowledgeBaseUuid + " at " + request.wireTime()
                    + " UTC on " + next.getDayOfWeek() + ": IndexingJobsClient.createSchedule(…)");
            return this.client.createSchedule(request).doOnNext(created::set);
        }), (schedule) -> awaitRun(schedule, knowledgeBaseUuid).doOnNext(ended::set).then(),
                (schedule) -> delete(schedule, deleted), (schedule, failure) -> delete(schedule, deleted),
                (schedule) -> delete(schedule, deleted))
            .then(Mono.fromSupplier(() -> new ScheduleDemoResult(created.get(), ended.get(), deleted.get())))
            .doOnNext(this::printFinalState);
    }

    private Mono<IndexingJob> awaitRun(IndexingSchedule schedule, String knowledgeBaseUuid) {
        OffsetDateTime nextRun = schedule.nextRunAt();
        if (nextRun == null) {
            return Mono.error(new IllegalStateException("The API answered the schedule without a next_run_at"));
        }
        Instant runAt = nextRun.toInstant();
        if (Duration.between(this.clock.now(), runAt).compareTo(MAX_WAIT) > 0) {
            return Mono.error(new IllegalStateException("The schedule's next run, " + runAt
                    + ", is further off than the demo waits (" + MAX_WAIT.toMinutes() + " minutes)"));
        }
        this.out.println("  schedule " + schedule.uuid() + ", next run " + runAt + "; waiting for it on the API's clock");
        return this.clock.waitUntil(runAt)
            .then(findStartedJob(knowledgeBaseUuid, runAt))
            .flatMap((job) -> {
                this.display.message("The schedule started job " + job.uuid() + " at " + job.createdAt());
                return this.client.watch(job.uuid())
                    .doOnNext((state) -> this.display.update(SCHEDULED_LABEL, state))
                    .last();
            });
    }

    /** The job of the knowledge base created at or after the run, looked for a bounded number of times. */
    private Mono<IndexingJob> findStartedJob(String knowledgeBaseUuid, Instant runAt) {
        return Mono.defer(() -> this.client.listByKnowledgeBase(knowledgeBaseUuid))
            .flatMapIterable((page) -> page.jobs())
            .filter((job) -> job.createdAt() != null && !job.createdAt().toInstant().isBefore(runAt))
            .next()
            .repeatWhenEmpty(FIND_ATTEMPTS, (repeats) -> repeats.delayElements(FIND_INTERVAL))
            .switchIfEmpty(Mono.error(() -> new IllegalStateException("No job of knowledge base "
                    + knowledgeBaseUuid + " started at " + runAt)));
    }

    private Mono<Void> delete(IndexingSchedule schedule, AtomicReference<IndexingSchedule> deleted) {
        return this.client.deleteSchedule(GradientIds.requireUuid(schedule.uuid(), "uuid"))
            .doOnNext((gone) -> {
                deleted.set(gone);
                this.display.message("Deleted the schedule: IndexingJobsClient.deleteSchedule(\"" + gone.uuid()
                        + "\"), deleted_at " + gone.deletedAt());
            })
            .then();
    }

    private void printFinalState(ScheduleDemoResult result) {
        IndexingJob job = result.job();
        this.out.printf("  %-12s %s  phase %s, status %s, %d/%d data sources, started by schedule %s at %s%n",
                SCHEDULED_LABEL, job.uuid(), job.phase(), job.status(), job.completedDatasources(),
                job.totalDatasources(), result.schedule().uuid(), job.createdAt());
        this.out.flush();
    }

}
