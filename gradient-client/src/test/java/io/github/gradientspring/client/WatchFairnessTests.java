package io.github.gradientspring.client;

import java.time.Duration;
import java.util.ArrayList;
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
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's calls go first, but polls are never starved: on the simulator with DigitalOcean's limits and
 * the default budget (200 a minute), an application that keeps the whole budget busy does not stop the watches
 * from seeing their jobs end within the bound docs/watching.md states.
 */
class WatchFairnessTests {

    private static final int WATCHES = 5;

    // More workers than a minute's budget: calls always wait for more slots than free, so that only the fair share
    // lets polls through (with POLL_SHARE set out of reach, this test fails: the watches never see their ends).
    private static final int WORKERS = 300;

    // docs/watching.md: max-interval + 2 × ceil((w + 1) × N / requests-per-minute) × 61 s; for w = 5, N = 10 and
    // 200 a minute, 30 s + 2 × 61 s.
    private static final Duration BOUND = Duration.ofSeconds(30 + 2 * 61);

    @Test
    void underApplicationLoadThatTakesTheWholeBudgetEveryWatchStillSeesItsJobsEndWithinTheDocumentedBound() {
        VirtualApiTime time = new VirtualApiTime();
        try (GradientSimulator simulator = GradientSimulator.builder().clock(time.clock)
            .rateLimits(RateLimits.DIGITALOCEAN).jobTiming(JobTiming.of(Duration.ofSeconds(30), Duration.ofMinutes(1)))
            .start()) {
            IndexingJobsClient client = IndexingJobsClient.builder().accessToken(simulator.accessToken())
                .baseUrl(simulator.baseUrl()).scheduler(time.scheduler).webClientBuilder(time.webClientBuilder())
                .timeout(Duration.ofDays(1))
                // Calls that queue for every slot rather than fail at once: the load the fairness rule is for.
                .rateLimitPolicy(RateLimitPolicy.defaults().withMaxWait(Duration.ofMinutes(10)))
                .build();
            List<String> knowledgeBases = new ArrayList<>();
            for (int i = 0; i < WATCHES; i++) {
                KnowledgeBaseSpec spec = KnowledgeBaseSpec.named("kb-" + i);
                for (int source = 0; source <= i; source++) {
                    spec = spec.dataSource(10, 10_000);
                }
                knowledgeBases.add(simulator.addKnowledgeBase(spec).uuid());
            }

            // The application: workers that each send a call as soon as the last one ended, and a second later
            // when the budget refused it, so that calls always wait for every slot the budget frees.
            Sinks.Empty<Void> stop = Sinks.empty();
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Disposable> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                workers.add(Mono.defer(() -> client.listByKnowledgeBase(knowledgeBases.get(0)))
                    .doOnNext((page) -> answered.incrementAndGet())
                    .then()
                    .onErrorResume(RequestBudgetExhaustedException.class, (error) -> {
                        refused.incrementAndGet();
                        return Mono.delay(Duration.ofSeconds(1), time.scheduler).then();
                    })
                    .repeat(1_000_000)
                    .takeUntilOther(stop.asMono())
                    .subscribe());
            }
            time.advance(Duration.ofSeconds(90));
            assertThat(client.budget().waiting()).as("calls wait for the budget").isPositive();

            Map<String, Duration> delays = new ConcurrentHashMap<>();
            AtomicInteger failed = new AtomicInteger();
            for (String knowledgeBase : knowledgeBases) {
                client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBase))
                    .flatMapMany((job) -> client.watch(job.uuid()))
                    .filter(IndexingJob::isTerminal)
                    .subscribe((job) -> delays.put(job.uuid(), Duration.between(job.finishedAt().toInstant(), time.now())),
                            (error) -> failed.incrementAndGet());
            }
            boolean ended = time.advanceUntil(() -> delays.size() + failed.get() == WATCHES, Duration.ofSeconds(1),
                    Duration.ofMinutes(15));
            long calls = simulator.journal().count(Operation.LIST_BY_KNOWLEDGE_BASE);
            stop.tryEmitEmpty();
            workers.forEach(Disposable::dispose);

            assertThat(ended).as("every watch ended").isTrue();
            assertThat(failed).hasValue(0);
            assertThat(delays.values()).as("detection delays").allSatisfy((delay) -> assertThat(delay).isLessThanOrEqualTo(BOUND));
            assertThat(simulator.journal().rateLimited()).as("429 answers").isZero();
            long polls = simulator.journal().count(Operation.RETRIEVE) + simulator.journal().count(Operation.LIST);
            assertThat(calls).as("the application's calls took most of the budget").isGreaterThan(5 * polls);
            System.out.printf("Fairness: %d calls answered, %d refused by the budget, %d polls; detection delays %s%n",
                    answered.get(), refused.get(), polls, delays.values());
        }
    }

}
