package io.github.gradientspring.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.RequestBudget;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.RetryQuota;
import io.github.gradientspring.client.GradientOperation;
import io.github.gradientspring.client.error.GradientNotFoundException;
import io.github.gradientspring.client.error.GradientApiError;
import io.github.gradientspring.client.error.GradientRateLimitException;
import io.github.gradientspring.client.error.GradientServerException;
import io.github.gradientspring.client.fleet.FleetAnswer;
import io.github.gradientspring.client.fleet.FleetGrant;
import io.github.gradientspring.client.fleet.FleetJobState;
import io.github.gradientspring.client.fleet.FleetPriority;
import io.github.gradientspring.client.fleet.FleetScope;
import io.github.gradientspring.client.fleet.FleetSentRequest;
import io.github.gradientspring.client.fleet.FleetStatus;
import io.github.gradientspring.client.fleet.FleetWakeUp;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.client.model.PageLinks;
import io.github.gradientspring.client.model.PageMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch hub polls every watched job from one timer, refreshes due jobs through the job list when that saves
 * requests, and stops polling a job once nobody watches it. Driven by virtual time against an in-memory API.
 */
class WatchHubTests {

    private VirtualTimeScheduler time;

    private final FakeApi api = new FakeApi();

    private WatchHub hub;

    @BeforeEach
    void virtualTime() {
        this.time = VirtualTimeScheduler.getOrSet();
        this.hub = new WatchHub(this.api, Duration.ofSeconds(2), Duration.ofSeconds(30), Schedulers::parallel);
    }

    @AfterEach
    void realTime() {
        VirtualTimeScheduler.reset();
    }

    private static String uuid(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    private static IndexingJob job(String uuid, IndexingJobPhase phase, long completed) {
        return new IndexingJob(uuid, null, null, null, phase, null, completed, 3L, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static IndexingJob job(String uuid, IndexingJobPhase phase, long completed, OffsetDateTime updatedAt) {
        return new IndexingJob(uuid, null, null, null, phase, null, completed, 3L, null, null, null, null, updatedAt,
                null, null, null, null, null);
    }

    private void firstPoll() {
        this.time.advanceTimeBy(WatchHub.FIRST_POLL_DELAY);
    }

    @Test
    void aJobIsPolledAtOnceThenAtIntervalsThatDoubleWhileNothingChanges() {
        String id = uuid(1);
        this.api.set(id, job(id, IndexingJobPhase.RUNNING, 0));
        List<IndexingJob> seen = new ArrayList<>();
        this.hub.watch(id).subscribe(seen::add);
        assertThat(this.api.retrieveTimes).isEmpty();
        firstPoll();
        assertThat(this.api.retrieveTimes).containsExactly(0L);
        this.time.advanceTimeBy(Duration.ofSeconds(60));
        assertThat(this.api.retrieveTimes).containsExactly(0L, 2L, 6L, 14L, 30L, 60L);
        assertThat(seen).hasSize(1);
    }

    @Test
    void whileTheBudgetHasRoomToSpareAnUnchangedJobIsPolledAtTheShortestIntervalAndStretchesWhenTheRoomIsSpent() {
        // A minute of 1,000 and an hour of 100,000: polling one job every 2 s is far below half of either.
        LocalRequestBudget budget = new LocalRequestBudget(RateLimitPolicy.of(1000, 100_000), Duration.ofSeconds(60),
                new ClientTime(this.time, Clock.systemUTC()));
        this.api.budget = budget;
        String id = uuid(1);
        this.api.set(id, job(id, IndexingJobPhase.RUNNING, 0));
        this.hub.watch(id).subscribe();
        firstPoll();
        this.time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(this.api.retrieveTimes).containsExactly(0L, 2L, 4L, 6L, 8L, 10L);
        // The application takes 600 of the minute, more than its spare half, until those slots come back at 71 s.
        for (int i = 0; i < 600; i++) {
            budget.acquire(LocalRequestBudget.Priority.USER).subscribe();
        }
        this.time.advanceTimeBy(Duration.ofSeconds(95));
        assertThat(this.api.retrieveTimes).containsExactly(0L, 2L, 4L, 6L, 8L, 10L, 12L, 16L, 24L, 40L, 70L, 100L,
                102L, 104L);
    }

    @Test
    void aPassingFailureBacksOffToTheLongestIntervalEvenWhileTheBudgetHasRoomToSpare() {
        this.api.budget = new LocalRequestBudget(RateLimitPolicy.of(1000, 100_000), Duration.ofSeconds(60),
                new ClientTime(this.time, Clock.systemUTC()));
        String id = uuid(1);
        this.api.set(id, job(id, IndexingJobPhase.RUNNING, 0));
        this.hub.watch(id).subscribe();
        this.api.failures.put(id, new GradientServerException(new GradientApiError(503, "GET x", null, "later", null,
                null, null, null)));
        firstPoll();
        this.time.advanceTimeBy(Duration.ofSeconds(90));
        assertThat(this.api.retrieveTimes).containsExactly(0L, 4L, 12L, 28L, 58L, 88L);
    }

    @Test
    void aChangeIsEmittedAndTheIntervalStartsShortAgain() {
        String id = uuid(1);
        this.api.set(id, job(id, IndexingJobPhase.RUNNING, 0));
        List<IndexingJob> seen = new ArrayList<>();
        this.hub.watch(id).subscribe(seen::add);
        firstPoll();
        this.time.advanceTimeBy(Duration.ofSeconds(6));
        this.api.set(id, job(id, IndexingJobPhase.RUNNING, 1));
        this.time.advanceTimeBy(Duration.ofSeconds(14));
        assertThat(this.api.retrieveTimes).containsExactly(0L, 2L, 6L, 14L, 16L, 20L);
        assertThat(seen).extracting(IndexingJob::completedDatasources).containsExactly(0L, 1L);
    }

    @Test
    void aWatchCompletesAfterATerminalPhaseAndPollsNoMore() {
        String id = uuid(1);
        this.api.set(id, job(id, IndexingJobPhase.RUNNING, 1));
        List<IndexingJob> seen = new ArrayList<>();
        AtomicInteger completed = new AtomicInteger();
        this.hub.watch(id).subscribe(seen::add, null, completed::incrementAndGet);
        firstPoll();
        this.api.set(id, job(id, IndexingJobPhase.SUCCEEDED, 3));
        this.time.advanceTimeBy(Duration.ofHours(1));
        assertThat(seen).extracting(IndexingJob::phase).containsExactly(IndexingJobPhase.RUNNING, IndexingJobPhase.SUCCEEDED);
        assertThat(completed).hasValue(1);
        assertThat(this.api.retrieveTimes).hasSize(2);
        assertNothingMoreIsPolled();
    }

    @Test
    void dueJobsLastSeenOnOnePageAreRefreshedByOneListRequest() {
        for (int i = 0; i < 150; i++) {
            this.api.set(uuid(i), job(uuid(i), IndexingJobPhase.RUNNING, 0));
        }
        for (int i = 0; i < 150; i++) {
            this.hub.watch(uuid(i)).subscribe();
        }
        firstPoll();
        assertThat(this.api.pageRequests.get()).isEqualTo(1);
        assertThat(this.api.retrieveTimes).isEmpty();
        this.time.advanceTimeBy(Duration.ofMinutes(10));
        assertThat(this.api.retrieveTimes).isEmpty();
        // 150 jobs polled over 10 minutes at intervals growing to 30 s: one list request a cycle for them all.
        assertThat(this.api.pageRequests.get()).isLessThanOrEqualTo(1 + 24);
    }

    @Test
    void dueJobsThePagesDidNotShowAreRetrievedOneByOne() {
        for (int i = 0; i < 5; i++) {
            this.api.set(uuid(i), job(uuid(i), IndexingJobPhase.RUNNING, 0));
        }
        this.api.hiddenFromList.add(uuid(3));
        this.api.hiddenFromList.add(uuid(4));
        List<IndexingJob> seen = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            this.hub.watch(uuid(i)).subscribe(seen::add);
        }
        firstPoll();
        assertThat(seen).hasSize(5);
        assertThat(this.api.pageRequests.get()).isEqualTo(1);
        assertThat(this.api.retrievedIds).containsExactlyInAnyOrder(uuid(3), uuid(4));
    }

    @Test
    void jobsThatDriftToLaterPagesAreFollowedThere() {
        for (int i = 0; i < 4; i++) {
            this.api.set(uuid(i), job(uuid(i), IndexingJobPhase.RUNNING, 0));
            this.hub.watch(uuid(i)).subscribe();
        }
        firstPoll();
        assertThat(this.api.pagesAsked).containsExactly(1);
        assertThat(this.api.retrievedIds).isEmpty();
        this.api.pageOffset = 1;  // every watched job now sits on page 2, behind 200 newer jobs
        this.time.advanceTimeBy(Duration.ofSeconds(2));
        assertThat(this.api.pagesAsked).containsExactly(1, 1);
        assertThat(this.api.retrievedIds).hasSize(4);
        this.time.advanceTimeBy(Duration.ofSeconds(4));
        assertThat(this.api.pagesAsked).containsExactly(1, 1, 2);
        assertThat(this.api.retrievedIds).hasSize(4);
    }

    @Test
    void cancellingAThousandWatchesLeavesNoFurtherRequests() {
        List<Disposable> watches = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            this.api.set(uuid(i), job(uuid(i), IndexingJobPhase.RUNNING, 0));
            watches.add(this.hub.watch(uuid(i)).subscribe());
        }
        int before = this.api.requests();
        watches.forEach(Disposable::dispose);
        this.time.advanceTimeBy(Duration.ofHours(2));
        assertThat(this.api.requests()).isEqualTo(before);
        assertNothingMoreIsPolled();
    }

    @Test
    void aJobThatIsGoneFailsItsWatchAndAPassingFailureDoesNot() {
        String gone = uuid(1);
        String flaky = uuid(2);
        this.api.set(flaky, job(flaky, IndexingJobPhase.RUNNING, 0));
        this.api.failures.put(gone, new GradientNotFoundException(new GradientApiError(404, "GET x", "not_found", "gone",
                null, null, null, null)));
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        this.hub.watch(gone).subscribe(null, errors::add);
        this.hub.watch(flaky).subscribe(null, errors::add);
        firstPoll();
        this.api.failures.put(flaky, new GradientServerException(new GradientApiError(503, "GET x", null, "later", null,
                null, null, null)));
        this.time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(errors).singleElement().isInstanceOf(GradientNotFoundException.class);
        this.api.failures.remove(flaky);
        this.api.set(flaky, job(flaky, IndexingJobPhase.SUCCEEDED, 3));
        this.time.advanceTimeBy(Duration.ofSeconds(60));
        assertNothingMoreIsPolled();
        assertThat(errors).hasSize(1);
    }

    @Test
    void aStaleListItemIsDroppedLikeAStaleRetrieve() {
        OffsetDateTime t = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        List<IndexingJob> seen = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            this.api.set(uuid(i), job(uuid(i), IndexingJobPhase.RUNNING, 1, t.plusSeconds(10)));
            this.hub.watch(uuid(i)).subscribe(seen::add);
        }
        firstPoll();
        for (int i = 0; i < 2; i++) {
            // What a list served from a lagging replica might show.
            this.api.set(uuid(i), job(uuid(i), IndexingJobPhase.PENDING, 0, t.plusSeconds(5)));
        }
        this.time.advanceTimeBy(Duration.ofSeconds(2));
        for (int i = 0; i < 2; i++) {
            this.api.set(uuid(i), job(uuid(i), IndexingJobPhase.SUCCEEDED, 3, t.plusSeconds(20)));
        }
        this.time.advanceTimeBy(Duration.ofSeconds(4));
        assertThat(this.api.pagesAsked).containsExactly(1, 1, 1);
        assertThat(this.api.retrievedIds).isEmpty();
        assertThat(seen).extracting(IndexingJob::phase).containsExactly(IndexingJobPhase.RUNNING,
                IndexingJobPhase.RUNNING, IndexingJobPhase.SUCCEEDED, IndexingJobPhase.SUCCEEDED);
        assertNothingMoreIsPolled();
    }

    @Test
    void aRateLimitedPollIsRepeatedNoSoonerThanTheRetryAfterThePolicyHonours() {
        String id = uuid(1);
        this.api.set(id, job(id, IndexingJobPhase.RUNNING, 0));
        this.hub.watch(id).subscribe();
        this.api.failures.put(id, rateLimited(Duration.ofSeconds(20)));
        firstPoll();
        this.time.advanceTimeBy(Duration.ofSeconds(19));
        assertThat(this.api.retrieveTimes).containsExactly(0L);
        // Above the policy's 60 s cap: not believed, the watch's own (stretched) interval applies, as for a retry.
        this.api.failures.put(id, rateLimited(Duration.ofSeconds(90)));
        this.time.advanceTimeBy(Duration.ofSeconds(1));
        this.time.advanceTimeBy(Duration.ofSeconds(8));
        assertThat(this.api.retrieveTimes).containsExactly(0L, 20L, 28L);
    }

    private static GradientRateLimitException rateLimited(Duration retryAfter) {
        return new GradientRateLimitException(new GradientApiError(429, "GET x", "too_many_requests", "slow down",
                null, null, retryAfter, null));
    }

    @Test
    void tenThousandWatchesShareOneTimerAndNoThreads() {
        CountingScheduler timers = new CountingScheduler(this.time);
        WatchHub hub = new WatchHub(this.api, Duration.ofSeconds(2), Duration.ofSeconds(30), () -> timers);
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        Set<Thread> emittingThreads = ConcurrentHashMap.newKeySet();
        List<Disposable> watches = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            this.api.set(uuid(i), job(uuid(i), IndexingJobPhase.RUNNING, 0));
            watches.add(hub.watch(uuid(i)).subscribe((job) -> emittingThreads.add(Thread.currentThread())));
        }
        assertThat(timers.pending()).as("timers armed for 10,000 watches").isEqualTo(1);
        this.time.advanceTimeBy(Duration.ofMinutes(1));
        assertThat(watches).as("watches still open").noneMatch(Disposable::isDisposed);
        assertThat(timers.mostPendingAtOnce()).as("timers armed at once, ever").isEqualTo(1);
        assertThat(timers.scheduled()).as("timers armed in a minute: about one per polling cycle").isLessThan(100);
        assertThat(this.api.pageRequests.get()).as("the first cycle lists the 50 pages; later ones too")
            .isGreaterThanOrEqualTo(50);
        assertThat(this.api.retrieveTimes).isEmpty();
        // Every timer ran, every page was fetched and every state was emitted on this thread, the one driving time.
        assertThat(timers.threads()).containsOnly(Thread.currentThread());
        assertThat(this.api.callingThreads).containsOnly(Thread.currentThread());
        assertThat(emittingThreads).containsOnly(Thread.currentThread());
        Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
        started.removeAll(threadsBefore);
        assertThat(started).as("threads started while 10,000 jobs were watched").isEmpty();
        watches.forEach(Disposable::dispose);
        assertThat(timers.pending()).as("timers left once every watch is gone").isZero();
    }

    /** A scheduler that counts the tasks the hub arms on it, and the threads they run on. */
    private static final class CountingScheduler implements Scheduler {

        private final Scheduler delegate;

        private final AtomicInteger pending = new AtomicInteger();

        private final AtomicInteger mostPending = new AtomicInteger();

        private final AtomicInteger scheduled = new AtomicInteger();

        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        CountingScheduler(Scheduler delegate) {
            this.delegate = delegate;
        }

        int pending() {
            return this.pending.get();
        }

        int mostPendingAtOnce() {
            return this.mostPending.get();
        }

        int scheduled() {
            return this.scheduled.get();
        }

        Set<Thread> threads() {
            return this.threads;
        }

        @Override
        public Disposable schedule(Runnable task) {
            return schedule(task, 0, TimeUnit.NANOSECONDS);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            this.scheduled.incrementAndGet();
            this.mostPending.accumulateAndGet(this.pending.incrementAndGet(), Math::max);
            AtomicBoolean over = new AtomicBoolean();
            Disposable scheduledTask = this.delegate.schedule(() -> {
                if (over.compareAndSet(false, true)) {
                    this.pending.decrementAndGet();
                }
                this.threads.add(Thread.currentThread());
                task.run();
            }, delay, unit);
            return new Disposable() {
                @Override
                public void dispose() {
                    if (over.compareAndSet(false, true)) {
                        CountingScheduler.this.pending.decrementAndGet();
                    }
                    scheduledTask.dispose();
                }

                @Override
                public boolean isDisposed() {
                    return scheduledTask.isDisposed();
                }
            };
        }

        @Override
        public long now(TimeUnit unit) {
            return this.delegate.now(unit);
        }

        @Override
        public Worker createWorker() {
            throw new UnsupportedOperationException("the watch hub schedules its timer directly");
        }

    }

    /** An in-memory API with a list of 200-job pages, newest first, that counts what it is asked. */
    @Test
    void inFleetModeJobsOnAPageAnotherMemberClaimedAreNeitherListedNorRetrievedUntilTheClaimRunsOut() {
        FakeFleet fleet = new FakeFleet(Duration.ofSeconds(2));
        WatchHub hub = new WatchHub(this.api, Duration.ofSeconds(2), Duration.ofSeconds(30), Schedulers::parallel, true,
                new FleetWatchLink(fleet, new ClientTime(this.time, Clock.systemUTC())));
        for (int i = 1; i <= 3; i++) {
            this.api.set(uuid(i), job(uuid(i), IndexingJobPhase.RUNNING, 0));
            hub.watch(uuid(i)).subscribe();
        }

        firstPoll();

        assertThat(fleet.claims).as("the page's claim, asked once").containsExactly(1);
        assertThat(this.api.requests()).as("requests while another member holds the page").isZero();
        // The claim ran out (2 s) and a quarter interval more: the holder's states did not come, so the page is listed
        // here, without asking again.
        this.time.advanceTimeBy(Duration.ofMillis(2400));
        assertThat(this.api.requests()).isZero();
        this.time.advanceTimeBy(Duration.ofMillis(200));
        assertThat(this.api.pagesAsked).containsExactly(1);
        assertThat(this.api.retrieveTimes).isEmpty();
        assertThat(fleet.claims).containsExactly(1);
        assertThat(fleet.published).as("the page's jobs, published for the others").hasSize(3);
    }

    @Test
    void inFleetModeAJobPutOffForAnotherMembersClaimIsPolledUnclaimedWhenASecondWatchOfItComesDue() {
        FakeFleet fleet = new FakeFleet(Duration.ofSeconds(2));
        WatchHub hub = new WatchHub(this.api, Duration.ofSeconds(2), Duration.ofSeconds(30), Schedulers::parallel, true,
                new FleetWatchLink(fleet, new ClientTime(this.time, Clock.systemUTC())));
        String id = uuid(1);
        this.api.set(id, job(id, IndexingJobPhase.RUNNING, 0));
        this.api.set(uuid(2), job(uuid(2), IndexingJobPhase.RUNNING, 0));
        hub.watch(id).subscribe();
        hub.watch(uuid(2)).subscribe();
        firstPoll();
        assertThat(fleet.claims).containsExactly(1);

        // A second watch of the first job, due while its first watch is still put off: the job is polled at once (alone
        // due on its page, it is retrieved), not its page claimed again and again until the first watch comes due.
        this.time.advanceTimeBy(Duration.ofSeconds(1));
        List<IndexingJob> second = new ArrayList<>();
        hub.watch(id).subscribe(second::add);
        firstPoll();

        assertThat(fleet.claims).containsExactly(1);
        assertThat(this.api.retrievedIds).containsExactly(id);
        assertThat(this.api.pagesAsked).isEmpty();
        assertThat(second).hasSize(1);
    }

    /** Another member holds every page's claim for {@code held}; every watched job's lease is this member's. */
    private static final class FakeFleet implements FleetScope {

        final List<Integer> claims = new CopyOnWriteArrayList<>();

        final List<FleetJobState> published = new CopyOnWriteArrayList<>();

        private final Duration held;

        FakeFleet(Duration held) {
            this.held = held;
        }

        @Override
        public Mono<Duration> claimPage(int page, Duration hold) {
            this.claims.add(page);
            return Mono.just(this.held);
        }

        @Override
        public Mono<Void> publish(List<FleetJobState> states) {
            this.published.addAll(states);
            return Mono.empty();
        }

        @Override
        public String key() {
            return "scope";
        }

        @Override
        public Mono<FleetGrant> acquire(FleetPriority priority) {
            return Mono.error(new UnsupportedOperationException("the hub's polls go through the poller"));
        }

        @Override
        public Mono<Void> answered(FleetGrant grant, FleetAnswer answer) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> released(FleetGrant grant) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> recount(List<FleetSentRequest> sent) {
            return Mono.empty();
        }

        @Override
        public Flux<FleetWakeUp> wakeUps() {
            return Flux.never();
        }

        @Override
        public Mono<Boolean> watch(String jobUuid) {
            return Mono.just(true);
        }

        @Override
        public Mono<Void> unwatch(String jobUuid) {
            return Mono.empty();
        }

        @Override
        public boolean holds(String jobUuid) {
            return true;
        }

        @Override
        public Flux<String> leasesTaken() {
            return Flux.never();
        }

        @Override
        public Flux<FleetJobState> states() {
            return Flux.never();
        }

        @Override
        public Mono<Void> reset() {
            return Mono.empty();
        }

        @Override
        public FleetStatus status() {
            return new FleetStatus(false, 2, 0, 0, -1, -1);
        }

    }

    private final class FakeApi implements WatchHub.Poller {

        final Map<String, IndexingJob> jobs = Collections.synchronizedMap(new java.util.LinkedHashMap<>());

        final List<Long> retrieveTimes = new CopyOnWriteArrayList<>();

        final List<String> retrievedIds = new CopyOnWriteArrayList<>();

        final List<Integer> pagesAsked = new CopyOnWriteArrayList<>();

        final AtomicInteger pageRequests = new AtomicInteger();

        final Set<Thread> callingThreads = ConcurrentHashMap.newKeySet();

        final List<String> hiddenFromList = new CopyOnWriteArrayList<>();

        final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();

        volatile int pageOffset;

        volatile RequestBudget budget = RequestBudget.unlimited();

        void set(String uuid, IndexingJob job) {
            this.jobs.put(uuid, job);
        }

        int requests() {
            return this.retrieveTimes.size() + this.pageRequests.get();
        }

        @Override
        public RequestBudget budget() {
            return this.budget;
        }

        @Override
        public Mono<IndexingJob> retrieve(String jobUuid) {
            this.callingThreads.add(Thread.currentThread());
            this.retrieveTimes.add(WatchHubTests.this.time.now(java.util.concurrent.TimeUnit.SECONDS));
            this.retrievedIds.add(jobUuid);
            RuntimeException failure = this.failures.get(jobUuid);
            return (failure != null) ? Mono.error(failure) : Mono.justOrEmpty(this.jobs.get(jobUuid));
        }

        @Override
        public Mono<IndexingJobPage> page(int page) {
            this.callingThreads.add(Thread.currentThread());
            this.pageRequests.incrementAndGet();
            this.pagesAsked.add(page);
            List<IndexingJob> all;
            synchronized (this.jobs) {
                all = new ArrayList<>(this.jobs.values());
            }
            all.removeIf((job) -> this.hiddenFromList.contains(job.uuid()));
            // Newest first: the last job set is at the top of page 1.
            int from = (page - 1 - this.pageOffset) * 200;
            List<IndexingJob> onPage = new ArrayList<>();
            for (int i = all.size() - 1 - from; i >= 0 && i > all.size() - 1 - from - 200 && from >= 0; i--) {
                onPage.add(all.get(i));
            }
            long pages = Math.max(1, (all.size() + 199) / 200 + this.pageOffset);
            return Mono.just(new IndexingJobPage(onPage, PageLinks.NONE, new PageMeta((long) page, pages, (long) all.size())));
        }

        @Override
        public boolean isRetryable(Throwable failure) {
            return RetryDecider.isRetryable(GradientOperation.RETRIEVE, failure);
        }

        @Override
        public Duration retryAfter(Throwable failure) {
            return new RetryDecider(RetryPolicy.defaults(), () -> 0.0, RetryQuota.disabled()).honouredRetryAfter(failure);
        }

    }

    /** Once every watch has ended, an hour passes without a request. */
    private void assertNothingMoreIsPolled() {
        int requests = this.api.requests();
        this.time.advanceTimeBy(Duration.ofHours(1));
        assertThat(this.api.requests()).as("requests after every watch ended").isEqualTo(requests);
    }

}
