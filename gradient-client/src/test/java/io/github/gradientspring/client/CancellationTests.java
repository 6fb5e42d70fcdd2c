package io.github.gradientspring.client;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a subscriber aborts the HTTP exchange, any pending retry and any poll: the simulator's journal shows no
 * request after the cancel, however far time then moves. Each test has a control twin that does not cancel and
 * sees the request come, which shows the check would catch one.
 * <p>
 * Time is virtual: the client's per-attempt timeouts, retry waits and poll intervals run on Reactor's parallel
 * scheduler, which a {@link VirtualTimeScheduler} replaces. After time has moved, a plain request to another
 * endpoint (the sentinel) is made and answered before the journal is read, so that a request the jump had started
 * would be on record.
 */
class CancellationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private GradientSimulator simulator;

    private PoolProbe pool;

    private String job;

    private VirtualTimeScheduler time;

    private IndexingJobsClient client;

    private final CountDownLatch retryWaitStarted = new CountDownLatch(1);

    private final InFlightExchanges inFlight = new InFlightExchanges();

    @BeforeEach
    void start() {
        this.simulator = GradientSimulator.builder().manualClock().rateLimits(RateLimits.OFF).start();
        String knowledgeBase = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(3, 3_000))
            .uuid();
        IndexingJobsClient setUp = IndexingJobsClient.builder()
            .accessToken(this.simulator.accessToken())
            .baseUrl(this.simulator.baseUrl())
            .build();
        // The manual clock is never moved: the job stays pending, so a watch keeps polling it.
        this.job = setUp.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBase)).block(WAIT).uuid();
        this.simulator.journal().clear();
        this.pool = new PoolProbe("cancellation", 4);
        this.time = VirtualTimeScheduler.getOrSet();
        this.client = IndexingJobsClient.builder()
            .accessToken(this.simulator.accessToken())
            .baseUrl(this.simulator.baseUrl())
            .clientConnector(this.pool.connector())
            .webClientBuilder(WebClient.builder().filter(this.inFlight))
            .timeout(Duration.ofSeconds(60))
            .watchInitialInterval(Duration.ofSeconds(2))
            .rateLimitPolicy(RateLimitPolicy.unlimited())
            .retryPolicy(RetryPolicy.builder().jitter(0.0).build())
            .scheduler(new WaitsSignalled(this.time, this.retryWaitStarted))
            .build();
    }

    @AfterEach
    void stop() {
        VirtualTimeScheduler.reset();
        this.pool.close();
        this.simulator.close();
    }

    private long retrieves() {
        return this.simulator.journal().count(Operation.RETRIEVE);
    }

    private void awaitRetrieves(int count) throws Exception {
        this.simulator.journal().await(Operation.RETRIEVE, count).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Moves virtual time on, then makes sure any request the move started has reached the journal. */
    private void advanceAndSettle(Duration by) {
        this.time.advanceTimeBy(by);
        this.client.list(PageRequest.of(1, 1)).block(WAIT);
    }

    // A delay far beyond the client's timeout: the answer never comes within the test, in virtual time either.
    private void stallRetrieves() {
        this.simulator.faults().on(Operation.RETRIEVE).always().respond(Fault.delay(Duration.ofDays(1)));
    }

    @Test
    void cancellingWhileWaitingForHeadersClosesTheConnectionAndSendsNothingMore() throws Exception {
        stallRetrieves();
        Disposable call = this.client.retrieve(this.job).subscribe((job) -> { }, (error) -> { });
        awaitRetrieves(1);
        assertThat(this.pool.acquired()).as("the exchange holds its connection").isEqualTo(1);
        call.dispose();
        // The connection was not handed back for reuse but closed, so the server saw it end.
        assertThat(this.pool.awaitNoneOpen(WAIT)).as("connections still open after the cancel").isZero();
        advanceAndSettle(Duration.ofHours(1));
        assertThat(retrieves()).as("requests after the cancel, an hour later").isEqualTo(1);
        assertThat(this.pool.awaitNoneInUse(WAIT)).isZero();
    }

    @Test
    void controlWithoutCancellingTheTimedOutAttemptIsRetried() throws Exception {
        stallRetrieves();
        Disposable call = this.client.retrieve(this.job).subscribe((job) -> { }, (error) -> { });
        try {
            awaitRetrieves(1);
            this.time.advanceTimeBy(Duration.ofSeconds(61));
            awaitRetrieves(2);
            assertThat(retrieves()).isEqualTo(2);
        }
        finally {
            call.dispose();
        }
    }

    @Test
    void cancellingDuringARetryWaitSendsNoRetry() throws Exception {
        this.simulator.faults()
            .on(Operation.RETRIEVE)
            .always()
            .respond(Fault.status(503).retryAfter(Duration.ofSeconds(30)));
        Disposable call = this.client.retrieve(this.job).subscribe((job) -> { }, (error) -> { });
        assertThat(this.retryWaitStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the retry wait began").isTrue();
        call.dispose();
        advanceAndSettle(Duration.ofMinutes(10));
        assertThat(retrieves()).as("requests after the cancel").isEqualTo(1);
        assertThat(this.pool.awaitNoneInUse(WAIT)).isZero();
    }

    @Test
    void controlWithoutCancellingTheRetryIsSentWhenTheWaitEnds() throws Exception {
        this.simulator.faults()
            .on(Operation.RETRIEVE)
            .always()
            .respond(Fault.status(503).retryAfter(Duration.ofSeconds(30)));
        Disposable call = this.client.retrieve(this.job).subscribe((job) -> { }, (error) -> { });
        try {
            assertThat(this.retryWaitStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            this.time.advanceTimeBy(Duration.ofSeconds(30));
            awaitRetrieves(2);
        }
        finally {
            call.dispose();
        }
    }

    /** Starts a watch and lets two polls of it happen. */
    private Disposable watchTwoPolls() throws Exception {
        Disposable watch = this.client.watch(this.job).subscribe((job) -> { }, (error) -> { });
        this.time.advanceTimeBy(WatchHub.FIRST_POLL_DELAY);
        awaitRetrieves(1);
        assertThat(this.inFlight.awaitIdle(WAIT)).as("first poll done").isTrue();
        this.time.advanceTimeBy(Duration.ofSeconds(2));
        awaitRetrieves(2);
        assertThat(this.inFlight.awaitIdle(WAIT)).as("second poll done").isTrue();
        return watch;
    }

    @Test
    void cancellingAWatchStopsItsPolls() throws Exception {
                Disposable watch = watchTwoPolls();
        watch.dispose();
        advanceAndSettle(Duration.ofHours(2));
        assertThat(retrieves()).as("polls after the cancel, two hours later").isEqualTo(2);
    }

    @Test
    void controlWithoutCancellingTheWatchKeepsPolling() throws Exception {
                Disposable watch = watchTwoPolls();
        try {
            this.time.advanceTimeBy(Duration.ofSeconds(4));
            awaitRetrieves(3);
        }
        finally {
            watch.dispose();
        }
    }

    @Test
    void cancellingAWatchDuringItsPollAbortsThePoll() throws Exception {
                stallRetrieves();
        Disposable watch = this.client.watch(this.job).subscribe((job) -> { }, (error) -> { });
        this.time.advanceTimeBy(WatchHub.FIRST_POLL_DELAY);
        awaitRetrieves(1);
        watch.dispose();
        assertThat(this.inFlight.awaitIdle(WAIT)).as("the poll was given up").isTrue();
        assertThat(this.pool.awaitNoneOpen(WAIT)).as("connections still open after the cancel").isZero();
        advanceAndSettle(Duration.ofHours(2));
        assertThat(retrieves()).isEqualTo(1);
    }

    /**
     * The virtual scheduler, through the client's public {@code scheduler(..)}, opening a latch when the client first
     * schedules a wait: moving virtual time after that cannot miss the wait.
     */
    private static final class WaitsSignalled implements Scheduler {

        private final VirtualTimeScheduler time;

        private final CountDownLatch waitScheduled;

        WaitsSignalled(VirtualTimeScheduler time, CountDownLatch waitScheduled) {
            this.time = time;
            this.waitScheduled = waitScheduled;
        }

        @Override
        public Disposable schedule(Runnable task) {
            return this.time.schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            Disposable scheduled = this.time.schedule(task, delay, unit);
            if (delay > 0) {
                this.waitScheduled.countDown();
            }
            return scheduled;
        }

        @Override
        public long now(TimeUnit unit) {
            return this.time.now(unit);
        }

        @Override
        public Worker createWorker() {
            return this.time.createWorker();
        }

    }

}
