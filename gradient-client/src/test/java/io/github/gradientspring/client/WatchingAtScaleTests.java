package io.github.gradientspring.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import io.github.gradientspring.simulator.RecordedRequest;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand jobs created and watched at once, on the simulator with DigitalOcean's real limits (250 requests a
 * minute, 5,000 an hour) and one virtual clock for both sides: the client's budget keeps it from ever meeting a
 * 429, and every job's end is still seen within a minute of it happening.
 */
class WatchingAtScaleTests {

    private static final int JOBS = 1000;

    private VirtualApiTime clock;

    private GradientSimulator simulator;

    private IndexingJobsClient client;

    private final List<SeededKnowledgeBase> knowledgeBases = new ArrayList<>();

    @BeforeEach
    void start() {
        this.clock = new VirtualApiTime();
        // Jobs of ten to fifteen minutes: creating a thousand takes five minutes of a 200-a-minute budget.
        this.simulator = GradientSimulator.builder()
            .clock(this.clock.clock)
            .rateLimits(RateLimits.DIGITALOCEAN)
            .jobTiming(JobTiming.of(Duration.ofSeconds(30), Duration.ofMinutes(3)))
            .start();
        for (int i = 0; i < 20; i++) {
            KnowledgeBaseSpec spec = KnowledgeBaseSpec.named("kb-" + i).dataSource(100, 1_000_000).dataSource(50, 500_000);
            if (i % 2 == 0) {
                spec = spec.dataSource(10, 100_000).dataSource(10, 100_000);
            }
            this.knowledgeBases.add(this.simulator.addKnowledgeBase(spec));
        }
        this.client = IndexingJobsClient.builder()
            .accessToken(this.simulator.accessToken())
            .baseUrl(this.simulator.baseUrl())
            .scheduler(this.clock.scheduler)
            .webClientBuilder(this.clock.webClientBuilder())
            // No attempt may time out while virtual time jumps ahead of a real response.
            .timeout(Duration.ofDays(1))
            // A thousand creates at once queue for five minutes of the budget; a call waits at most 60 s by default.
            .rateLimitPolicy(RateLimitPolicy.defaults().withMaxWait(Duration.ofHours(1)))
            .build();
    }

    @AfterEach
    void stop() {
        this.simulator.close();
    }

    @Test
    void aThousandJobsCreatedAndWatchedAtOnceMeetNoRateLimitAndEveryEndIsSeenWithinAMinute() {
        Map<String, Duration> detectionDelays = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        List<Disposable> watches = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < JOBS; i++) {
            String knowledgeBase = this.knowledgeBases.get(i % this.knowledgeBases.size()).uuid();
            watches.add(this.client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBase))
                .flatMapMany((job) -> this.client.watch(job.uuid()))
                .filter(IndexingJob::isTerminal)
                .subscribe((job) -> detectionDelays.put(job.uuid(),
                        Duration.between(job.finishedAt().toInstant(), this.clock.now())),
                        (error) -> failures.incrementAndGet()));
        }
        boolean done = this.clock.advanceUntil(() -> detectionDelays.size() + failures.get() == JOBS,
                Duration.ofSeconds(1), Duration.ofHours(2));

        assertThat(done).as("every job ended and was seen within two hours").isTrue();
        assertThat(failures).hasValue(0);
        assertThat(this.simulator.journal().rateLimited()).as("429 answers").isZero();
        assertThat(this.simulator.journal().count(Operation.CREATE)).isEqualTo(JOBS);
        List<Duration> delays = new ArrayList<>(detectionDelays.values());
        Collections.sort(delays);
        assertThat(delays.get(delays.size() - 1)).as("the longest detection delay").isLessThanOrEqualTo(Duration.ofSeconds(60));
        long polls = this.simulator.journal().total() - JOBS;
        System.out.printf("1,000 jobs watched: %d requests in all (%d polls: %d list, %d retrieve), 0 429s, "
                + "detection delay p50 %s p99 %s max %s, %s of virtual time%n", this.simulator.journal().total(), polls,
                this.simulator.journal().count(Operation.LIST), this.simulator.journal().count(Operation.RETRIEVE),
                delays.get(delays.size() / 2), delays.get(delays.size() * 99 / 100), delays.get(delays.size() - 1),
                this.clock.elapsed());
        assertThat(watches).as("every watch completed after its job's end").allMatch(Disposable::isDisposed);
    }

    @Test
    void aCallOfTheApplicationWaitsAtMostOneTokenBehindTheWatchesPolls() {
        // 16 creates at a time: 200 connections opened at once were once reset by the simulator's server on a busy
        // machine (and the creates lost), which this test is not about.
        Disposable watches = Flux.range(0, 200)
            .flatMap((i) -> this.client.create(CreateIndexingJobRequest.forKnowledgeBase(
                    this.knowledgeBases.get(i % this.knowledgeBases.size()).uuid())), 16)
            .flatMap((job) -> this.client.watch(job.uuid()))
            .subscribe();
        // Let the watches eat the budget for a few minutes, so that polls queue for every token.
        this.clock.advanceUntil(() -> false, Duration.ofSeconds(1), Duration.ofMinutes(4));
        Instant asked = this.clock.now();
        long listsBefore = this.simulator.journal().count(Operation.LIST_BY_KNOWLEDGE_BASE);
        AtomicReference<Object> answered = new AtomicReference<>();
        this.client.listByKnowledgeBase(this.knowledgeBases.get(0).uuid()).subscribe(answered::set);
        this.clock.advanceUntil(() -> answered.get() != null, Duration.ofMillis(10), Duration.ofMinutes(1));

        assertThat(answered.get()).isNotNull();
        RecordedRequest call = this.simulator.journal().requests(Operation.LIST_BY_KNOWLEDGE_BASE).get((int) listsBefore);
        Duration waited = Duration.between(asked, call.receivedAt());
        // One token of a 200-a-minute budget is 300 ms; the clock moves in 10 ms steps.
        assertThat(waited).isLessThanOrEqualTo(Duration.ofMillis(310));
        assertThat(this.simulator.journal().rateLimited()).isZero();
        watches.dispose();
    }

    @Test
    void cancellingAThousandWatchesLeavesNoFurtherRequests() {
        List<String> jobs = awaitCreated();
        List<Disposable> watches = new ArrayList<>();
        for (String job : jobs) {
            watches.add(this.client.watch(job).subscribe());
        }
        this.clock.advanceUntil(() -> false, Duration.ofSeconds(1), Duration.ofMinutes(2));
        assertThat(this.simulator.journal().count(Operation.LIST) + this.simulator.journal().count(Operation.RETRIEVE))
            .as("the watches were polling").isPositive();
        watches.forEach(Disposable::dispose);
        this.clock.settle();
        long requests = this.simulator.journal().total();
        this.clock.advanceUntil(() -> false, Duration.ofSeconds(5), Duration.ofHours(1));
        assertThat(this.simulator.journal().total()).isEqualTo(requests);
    }

    private List<String> awaitCreated() {
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < JOBS; i++) {
            this.client.create(CreateIndexingJobRequest.forKnowledgeBase(
                    this.knowledgeBases.get(i % this.knowledgeBases.size()).uuid()))
                .subscribe((job) -> created.add(job.uuid()));
        }
        this.clock.advanceUntil(() -> created.size() == JOBS, Duration.ofSeconds(1), Duration.ofMinutes(30));
        return created;
    }

}
