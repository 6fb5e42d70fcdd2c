package io.github.gradientspring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.gradientspring.client.error.RequestBudgetExhaustedException;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, point 4: an idle budget becomes latency. Two hundred watched jobs, alone on a token with the default
 * budget (200 a minute, 4,000 an hour) and DigitalOcean's limits on the simulator, one virtual clock for both: their
 * ends are seen within seconds, on at most half of the hourly budget; and when the application's own calls use the
 * budget, the same watches stretch to the configured 30 s as before, and leave the budget to those calls.
 * <p>
 * The jobs are created by another client of the token (a console, another service: requests this client's budget
 * does not count), one every 3 s over ten minutes; each waits pending, unchanged, then indexes its one data source
 * in a second. So every watch sees nothing new for its whole wait (the case where intervals stretch) and the ends
 * come spread over ten minutes, while all 200 watches are open from the tenth minute until the first end.
 */
class IdleBudgetWatchingTests {

    private static final int JOBS = 200;

    private static final Duration CREATE_EVERY = Duration.ofSeconds(3);

    private static final RateLimitPolicy BUDGET = RateLimitPolicy.defaults();

    @Test
    void aloneWithTwoHundredWatchesEveryEndIsSeenWithinThreeSecondsAtTheMedianAndTenAtWorstOnHalfTheHourlyBudget() {
        // Ends over minutes 30 to 40.
        Run run = watchAll(Duration.ofMinutes(30), Duration.ZERO);

        assertThat(run.median()).as("the median detection delay").isLessThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(run.max()).as("the longest detection delay").isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(run.polls()).as("the watches' requests, all within one rolling hour")
            .isLessThanOrEqualTo(BUDGET.requestsPerHour() / 2);
        assertThat(run.pollsPerHour()).as("the watches' requests an hour, over the run")
            .isLessThanOrEqualTo(BUDGET.requestsPerHour() / 2.0);
    }

    @Test
    void whileTheApplicationsCallsUseTheBudgetTheSameWatchesStretchToTheLongestIntervalAndNoCallFails() {
        // Ends over minutes 20 to 30: a call every 600 ms (100 a minute, half of every minute's budget) for the whole
        // run stays within the hour's 4,000.
        Run idle = watchAll(Duration.ofMinutes(20), Duration.ZERO);
        Run busy = watchAll(Duration.ofMinutes(20), Duration.ofMillis(600));

        assertThat(busy.refusedCalls()).as("calls refused by the budget").isZero();
        assertThat(busy.failedCalls()).as("calls that failed").isZero();
        assertThat(busy.calls()).as("calls answered, one every 600 ms").isGreaterThanOrEqualTo(busy.minutes() * 99);
        // Rounds (one list request for the page of all 200 jobs) far less often than every 2 to 3 s.
        assertThat(busy.polls()).as("the watches' requests beside the calls").isLessThan(idle.polls() * 2 / 3);
        assertThat(busy.median()).as("the median detection delay beside the calls")
            .isGreaterThanOrEqualTo(idle.median().plusSeconds(1).multipliedBy(5));
        // The configured longest interval, 30 s, and the clock's one-second steps: the bound of before.
        assertThat(busy.max()).as("the longest detection delay beside the calls")
            .isLessThanOrEqualTo(Duration.ofSeconds(31));
    }

    /**
     * Creates the jobs through the other client, each pending for {@code pending}, watches each from its creation
     * until it ends, and makes a call every {@code callEvery} meanwhile (none when zero).
     */
    private Run watchAll(Duration pending, Duration callEvery) {
        VirtualApiTime clock = new VirtualApiTime();
        try (GradientSimulator simulator = GradientSimulator.builder()
            .clock(clock.clock)
            .rateLimits(RateLimits.DIGITALOCEAN)
            .jobTiming(JobTiming.of(pending, Duration.ofSeconds(1)))
            .start()) {
            return watchAll(pending, callEvery, clock, simulator);
        }
    }

    private Run watchAll(Duration pending, Duration callEvery, VirtualApiTime clock, GradientSimulator simulator) {
        List<String> knowledgeBases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            knowledgeBases.add(simulator.addKnowledgeBase(KnowledgeBaseSpec.named("kb-" + i)
                .dataSource(10, 100_000)).uuid());
        }
        IndexingJobsClient creator = IndexingJobsClient.builder()
            .accessToken(simulator.accessToken())
            .baseUrl(simulator.baseUrl())
            .scheduler(clock.scheduler)
            .webClientBuilder(clock.webClientBuilder())
            .timeout(Duration.ofDays(1))
            .sharedBudget(false)
            .build();
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(simulator.accessToken())
            .baseUrl(simulator.baseUrl())
            .scheduler(clock.scheduler)
            .webClientBuilder(clock.webClientBuilder())
            // No attempt may time out while virtual time jumps ahead of a real response.
            .timeout(Duration.ofDays(1))
            .sharedBudget(false)
            .rateLimitPolicy(BUDGET)
            .build();
        Map<String, Duration> delays = new ConcurrentHashMap<>();
        AtomicInteger failedWatches = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger refusedCalls = new AtomicInteger();
        AtomicInteger failedCalls = new AtomicInteger();
        List<Disposable> running = Collections.synchronizedList(new ArrayList<>());
        running.add(Flux.interval(Duration.ZERO, CREATE_EVERY, clock.scheduler)
            .take(JOBS)
            .concatMap((i) -> creator.create(CreateIndexingJobRequest.forKnowledgeBase(
                    knowledgeBases.get((int) (i % knowledgeBases.size())))))
            .subscribe((created) -> running.add(client.watch(created.uuid())
                .filter(IndexingJob::isTerminal)
                .subscribe((job) -> delays.put(job.uuid(), Duration.between(job.finishedAt().toInstant(), clock.now())),
                        (error) -> failedWatches.incrementAndGet()))));
        if (!callEvery.isZero()) {
            running.add(Flux.interval(callEvery, callEvery, clock.scheduler)
                .flatMap((tick) -> client.listByKnowledgeBase(knowledgeBases.get(0))
                    .doOnNext((page) -> calls.incrementAndGet())
                    .onErrorResume((error) -> {
                        (error instanceof RequestBudgetExhaustedException ? refusedCalls : failedCalls).incrementAndGet();
                        return Mono.empty();
                    }))
                .subscribe());
        }
        boolean done = clock.advanceUntil(() -> delays.size() + failedWatches.get() == JOBS, Duration.ofSeconds(1),
                pending.plusMinutes(25));
        Duration elapsed = clock.elapsed();
        running.forEach(Disposable::dispose);

        assertThat(done).as("every job ended and was seen").isTrue();
        assertThat(failedWatches).hasValue(0);
        assertThat(simulator.journal().rateLimited()).as("429 answers").isZero();
        List<Duration> sorted = new ArrayList<>(delays.values());
        Collections.sort(sorted);
        long polls = simulator.journal().count(Operation.LIST) + simulator.journal().count(Operation.RETRIEVE);
        Run run = new Run(sorted, polls, simulator.journal().count(Operation.LIST), elapsed, calls.get(),
                refusedCalls.get(), failedCalls.get());
        System.out.printf("200 watches alone on the budget, pending %s%s: %d polls (%d list, %d retrieve) in %s, %.0f an hour; "
                + "%d calls; detection delay p50 %s p90 %s max %s%n",
                pending, callEvery.isZero() ? "" : " beside a call every " + callEvery, polls,
                simulator.journal().count(Operation.LIST), simulator.journal().count(Operation.RETRIEVE),
                elapsed, run.pollsPerHour(), run.calls(), run.median(), sorted.get(sorted.size() * 9 / 10), run.max());
        return run;
    }

    private record Run(List<Duration> delays, long polls, long lists, Duration elapsed, long calls, int refusedCalls,
            int failedCalls) {

        Duration median() {
            return this.delays.get(this.delays.size() / 2);
        }

        Duration max() {
            return this.delays.get(this.delays.size() - 1);
        }

        long minutes() {
            return this.elapsed.toMinutes();
        }

        double pollsPerHour() {
            return this.polls * 3600.0 / this.elapsed.toSeconds();
        }

    }

}
