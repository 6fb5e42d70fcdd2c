package io.github.gradientspring.client;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import io.github.gradientspring.client.error.GradientException;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A soak: many calls at high concurrency against the simulator with a seeded 10 % of random faults. Every call must
 * end in a result or a typed {@link GradientException}; none may hang; no pooled connection may leak; the heap must
 * come back to its baseline.
 * <p>
 * The CI-sized run is 20,000 calls at concurrency 64 and must finish in under two minutes on a 2-core machine.
 * {@code ./mvnw -B -Psoak -pl gradient-client verify -Dtest=SoakTests} runs a long one (500,000 calls by default;
 * {@code -Dgradient.soak.calls=N} sets the number). The figures are printed and written to
 * {@code target/soak/last-run.txt}; docs/reliability.md quotes the last run's.
 */
class SoakTests {

    static final int CALLS = Integer.getInteger("gradient.soak.calls", 20_000);

    static final int CONCURRENCY = Integer.getInteger("gradient.soak.concurrency", 64);

    static final long SEED = Long.getLong("gradient.soak.seed", 20_260_101L);

    /** Two minutes for the CI run; a long run gets the same rate. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(Math.max(120, CALLS * 120L / 20_000));

    /**
     * A generous bound: the heap may keep the JIT's and the pools' caches, and the simulator (in this JVM) keeps every
     * job the soak creates, one call in 20, allowed 4 KiB each.
     */
    static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024 + CALLS / 20 * 4096L;

    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

    /** A call that has not ended after this is counted as hung (its worst case is 3 attempts of 1 s). */
    static final Duration HANG = Duration.ofSeconds(20);

    @Test
    void everyCallEndsInAResultOrATypedExceptionWithoutLeaks() throws IOException {
        // The client logs each retry at DEBUG, which the tests' logback configuration shows; thousands of lines
        // would measure the console, not the client.
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
            .getLogger("io.github.gradientspring");
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            soak();
        }
        finally {
            logger.setLevel(level);
        }
    }

    private void soak() throws IOException {
        try (GradientSimulator simulator = GradientSimulator.builder().fastMode().manualClock().start();
                PoolProbe pool = new PoolProbe("soak", CONCURRENCY)) {
            String knowledgeBase = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("soak").dataSource(50, 200_000)
                .dataSource(5, 10_000)).uuid();
            IndexingJobsClient client = IndexingJobsClient.builder()
                .accessToken(simulator.accessToken())
                .baseUrl(simulator.baseUrl())
                .clientConnector(pool.connector())
                .timeout(ATTEMPT_TIMEOUT)
                .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5)).build())
                .rateLimitPolicy(RateLimitPolicy.unlimited())
                .observationRegistry(ObservationRegistry.NOOP)
                .build();
            // Set up with the default timeout: the first exchange of a JVM may load classes for longer than 1 s.
            IndexingJobsClient setUp = IndexingJobsClient.builder()
                .accessToken(simulator.accessToken())
                .baseUrl(simulator.baseUrl())
                .clientConnector(pool.connector())
                .build();
            String job = setUp.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBase))
                .block(Duration.ofSeconds(30))
                .uuid();
            simulator.advance(Duration.ofHours(1));
            Workload workload = new Workload(client, knowledgeBase, job);

            // Warm-up, without faults, then the baseline of the heap.
            workload.run(2_000, CONCURRENCY, Duration.ofMinutes(1));
            long heapBefore = usedHeapAfterGc();
            long requestsBefore = simulator.journal().total();

            simulator.faults()
                .random(SEED, 0.10, List.of(Fault.status(503), Fault.status(500), Fault.htmlErrorPage(502),
                        Fault.status(429).retryAfterMillis(2), Fault.connectionReset(), Fault.resetMidBody(),
                        Fault.malformedJson(), Fault.truncatedJson(), Fault.emptyBody(),
                        Fault.delay(Duration.ofMillis(50)), Fault.stallMidBody(Duration.ofSeconds(2))));
            long started = System.nanoTime();
            Workload.Result result = workload.run(CALLS, CONCURRENCY, TIME_LIMIT);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            simulator.faults().clear();
            long requests = simulator.journal().total() - requestsBefore;

            int inUse = pool.awaitNoneInUse(Duration.ofSeconds(5));
            int open = pool.allocated();
            workload = null;
            long heapAfter = usedHeapAfterGc();

            String figures = figures(result, took, requests, heapBefore, heapAfter, inUse, open);
            System.out.println(figures);
            Path out = Path.of("target", "soak", "last-run.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, figures, StandardCharsets.UTF_8);

            assertThat(result.ended()).as("calls that ended").isEqualTo(CALLS);
            assertThat(result.hung()).as("calls that hung").isZero();
            assertThat(result.untyped()).as("calls that failed with something other than a GradientException")
                .isEmpty();
            assertThat(result.successes()).as("successes").isGreaterThan(CALLS * 8L / 10);
            assertThat(took).as("time taken").isLessThan(TIME_LIMIT);
            assertThat(pool.pools()).isPositive();
            assertThat(inUse).as("pooled connections still in use").isZero();
            assertThat(open).as("connections open").isLessThanOrEqualTo(CONCURRENCY);
            assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(HEAP_GROWTH_LIMIT);
        }
    }

    private static String figures(Workload.Result result, Duration took, long requests, long heapBefore,
            long heapAfter, int inUse, int open) {
        return String.format("""
                Soak run: %,d calls at concurrency %d, seed %d, 10 %% random faults, %d ms per-attempt timeout
                  time:        %.1f s (%,.0f calls/s)
                  successes:   %,d
                  typed fails: %s
                  untyped:     %s
                  hung:        %d
                  requests:    %,d (%.3f per call)
                  heap used:   %,d KiB before, %,d KiB after (%+,d KiB)
                  pool:        %d connections in use afterwards, %d open
                  java:        %s, %d processors
                """, CALLS, CONCURRENCY, SEED, ATTEMPT_TIMEOUT.toMillis(), took.toMillis() / 1000.0,
                CALLS / Math.max(0.001, took.toMillis() / 1000.0), result.successes(), result.failuresByType(),
                result.untyped(), result.hung(), requests, (double) requests / CALLS, heapBefore / 1024,
                heapAfter / 1024, (heapAfter - heapBefore) / 1024, inUse, open, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
    }

    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // A few collections, keeping the lowest reading, as one System.gc() may not finish what it started.
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** A mix of every operation, by call number. */
    static final class Workload {

        private final IndexingJobsClient client;

        private final String knowledgeBase;

        private final String job;

        Workload(IndexingJobsClient client, String knowledgeBase, String job) {
            this.client = client;
            this.knowledgeBase = knowledgeBase;
            this.job = job;
        }

        Mono<?> call(int n) {
            return switch (n % 20) {
                case 0 -> this.client.create(CreateIndexingJobRequest.forKnowledgeBase(this.knowledgeBase));
                case 1, 2, 3 -> this.client.list(PageRequest.of(1, 5));
                case 4, 5 -> this.client.listByKnowledgeBase(this.knowledgeBase);
                case 6, 7 -> this.client.listDataSources(this.job).collectList();
                case 8, 9 -> this.client.detailsSignedUrl(this.job);
                case 10, 11 -> this.client.cancel(this.job);
                default -> this.client.retrieve(this.job);
            };
        }

        Result run(int calls, int concurrency, Duration limit) {
            Result result = new Result();
            Flux.range(0, calls)
                .flatMap((n) -> Mono.defer(() -> call(n))
                    .timeout(HANG)
                    .doOnSuccess((value) -> result.successes.increment())
                    .doOnError(result::failed)
                    .onErrorResume((error) -> Mono.empty())
                    .doFinally((signal) -> result.ended.increment()), concurrency)
                .then()
                .block(limit.plusSeconds(30));
            return result;
        }

        static final class Result {

            final LongAdder ended = new LongAdder();

            final LongAdder successes = new LongAdder();

            final LongAdder hung = new LongAdder();

            final Map<String, LongAdder> typed = new ConcurrentHashMap<>();

            final Map<String, LongAdder> untyped = new ConcurrentHashMap<>();

            void failed(Throwable error) {
                if (error instanceof TimeoutException) {
                    this.hung.increment();
                }
                else if (error instanceof GradientException) {
                    this.typed.computeIfAbsent(error.getClass().getSimpleName(), (name) -> new LongAdder()).increment();
                }
                else {
                    this.untyped.computeIfAbsent(error.toString(), (name) -> new LongAdder()).increment();
                }
            }

            long ended() {
                return this.ended.sum();
            }

            long successes() {
                return this.successes.sum();
            }

            long hung() {
                return this.hung.sum();
            }

            Map<String, Long> failuresByType() {
                Map<String, Long> sorted = new TreeMap<>();
                this.typed.forEach((name, count) -> sorted.put(name, count.sum()));
                return sorted;
            }

            Map<String, Long> untyped() {
                Map<String, Long> sorted = new TreeMap<>();
                this.untyped.forEach((name, count) -> sorted.put(name, count.sum()));
                return sorted;
            }

        }

    }

}
