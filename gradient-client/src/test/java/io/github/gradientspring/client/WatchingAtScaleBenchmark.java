package io.github.gradientspring.client;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.RateLimits;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;


/**
 * The numbers behind docs/benchmarks.md, "Watching at scale". Not part of the build's tests (the class name does
 * not end in Tests); run it with
 * {@code ./mvnw -B -pl gradient-client -am test -Dtest=WatchingAtScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * <p>
 * A thousand jobs are created and waited on twice, on the simulator with DigitalOcean's limits and one virtual
 * clock: once as the official SDKs' waiters do (each job polled every 5 s, 429s retried twice), once with this
 * client's {@code watch}. Then ten thousand watches are opened at once to measure threads and heap per watch.
 */
class WatchingAtScaleBenchmark {

    private static final int JOBS = 1000;

    private final List<String> report = new ArrayList<>();

    private GradientSimulator simulator;

    @AfterEach
    void stop() {
        if (this.simulator != null) {
            this.simulator.close();
        }
    }

    @Test
    void watchingAThousandJobsAndTenThousandWatches() throws Exception {
        this.report.add("| Waiting on 1,000 jobs | Requests | 429 answers | Waits that failed | Detection delay p50 | p99 | Virtual time |");
        this.report.add("|---|---|---|---|---|---|---|");
        this.report.add(naiveSdkWaiters());
        this.simulator.close();
        this.report.add(clientWatches());
        this.simulator.close();
        this.report.add("");
        this.report.add(tenThousandWatches());
        String table = String.join("\n", this.report);
        System.out.println(table);
        Path out = Path.of("target", "watching-at-scale.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table + "\n", StandardCharsets.UTF_8);
    }

    private List<SeededKnowledgeBase> seed(VirtualApiTime time, RateLimits limits, JobTiming timing) {
        this.simulator = GradientSimulator.builder().clock(time.clock).rateLimits(limits).jobTiming(timing).start();
        List<SeededKnowledgeBase> knowledgeBases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            KnowledgeBaseSpec spec = KnowledgeBaseSpec.named("kb-" + i).dataSource(100, 1_000_000).dataSource(50, 500_000);
            if (i % 2 == 0) {
                spec = spec.dataSource(10, 100_000).dataSource(10, 100_000);
            }
            knowledgeBases.add(this.simulator.addKnowledgeBase(spec));
        }
        return knowledgeBases;
    }

    private static final JobTiming TIMING = JobTiming.of(Duration.ofSeconds(30), Duration.ofMinutes(3));

    /** The official SDKs' way: create with up to two retries, then poll each job on its own every 5 seconds. */
    private String naiveSdkWaiters() {
        VirtualApiTime clock = new VirtualApiTime();
        NaiveSdk sdk = new NaiveSdk();
        List<SeededKnowledgeBase> knowledgeBases = seed(clock, RateLimits.DIGITALOCEAN, TIMING);
        sdk.connect(this.simulator, clock);
        List<Duration> delays = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < JOBS; i++) {
            String body = "{\"knowledge_base_uuid\":\"" + knowledgeBases.get(i % knowledgeBases.size()).uuid() + "\"}";
            sdk.call("POST", "/v2/gen-ai/indexing_jobs", body)
                .flatMap((created) -> sdk.waitForCompletion(created.get("job").get("uuid").asString(), clock))
                .subscribe((finishedAt) -> delays.add(Duration.between(finishedAt, clock.now())),
                        (error) -> failed.incrementAndGet());
        }
        ended(clock.advanceUntil(() -> delays.size() + failed.get() == JOBS, Duration.ofSeconds(1),
                Duration.ofHours(3)), "the SDK waiters", delays.size(), failed.get());
        return row("Official SDKs' waiters (5 s poll per job)", delays, failed.get(), clock.elapsed());
    }

    private String clientWatches() {
        IndexingJobsClient[] client = new IndexingJobsClient[1];
        VirtualApiTime clock = new VirtualApiTime();
        List<SeededKnowledgeBase> knowledgeBases = seed(clock, RateLimits.DIGITALOCEAN, TIMING);
        client[0] = IndexingJobsClient.builder()
            .scheduler(clock.scheduler)
            .webClientBuilder(clock.webClientBuilder())
            .accessToken(this.simulator.accessToken())
            .baseUrl(this.simulator.baseUrl())
            .timeout(Duration.ofDays(1))
            // A thousand creates at once queue for five minutes of the budget; a call waits at most 60 s by default
            // and would fail at once, as an application starting this many jobs at once must allow for.
            .rateLimitPolicy(RateLimitPolicy.defaults().withMaxWait(Duration.ofHours(1)))
            .build();
        List<Duration> delays = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < JOBS; i++) {
            client[0].create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBases.get(i % knowledgeBases.size()).uuid()))
                .flatMapMany((job) -> client[0].watch(job.uuid()))
                .filter(IndexingJob::isTerminal)
                .subscribe((job) -> delays.add(Duration.between(job.finishedAt().toInstant(), clock.now())),
                        (error) -> failed.incrementAndGet());
        }
        ended(clock.advanceUntil(() -> delays.size() + failed.get() == JOBS, Duration.ofSeconds(1),
                Duration.ofHours(3)), "the watches", delays.size(), failed.get());
        return row("gradient-spring-boot `watch` (shared budget and hub)", delays, failed.get(), clock.elapsed());
    }

    /** A side that has not ended every wait within its cap is an error, never a row of "n/a". */
    private void ended(boolean done, String side, int succeeded, int failed) {
        if (!done) {
            throw new AssertionError(side + " did not end within 3 hours of virtual time: " + succeeded + " ended, "
                    + failed + " failed, " + (JOBS - succeeded - failed) + " still waiting after "
                    + this.simulator.journal().total() + " requests");
        }
    }

    private String row(String name, List<Duration> delays, int failed, Duration elapsed) {
        List<Duration> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        String p50 = sorted.isEmpty() ? "n/a" : seconds(sorted.get(sorted.size() / 2));
        String p99 = sorted.isEmpty() ? "n/a" : seconds(sorted.get(Math.min(sorted.size() - 1, sorted.size() * 99 / 100)));
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %s | %s | %s |", name, this.simulator.journal().total(),
                this.simulator.journal().rateLimited(), failed, p50, p99, elapsed.toMinutes() + " min");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.0f s", duration.toMillis() / 1000.0);
    }

    /** Ten thousand watches at once on one client: threads added and heap per watch. */
    private String tenThousandWatches() throws Exception {
        int watches = 10_000;
        IndexingJobsClient[] client = new IndexingJobsClient[1];
        VirtualApiTime clock = new VirtualApiTime();
        List<SeededKnowledgeBase> knowledgeBases = seed(clock, RateLimits.OFF,
                JobTiming.of(Duration.ofHours(10), Duration.ofHours(1)));
        client[0] = IndexingJobsClient.builder()
            .scheduler(clock.scheduler)
            .webClientBuilder(clock.webClientBuilder())
            .accessToken(this.simulator.accessToken())
            .baseUrl(this.simulator.baseUrl())
            .timeout(Duration.ofDays(1))
            .rateLimitPolicy(RateLimitPolicy.unlimited())
            .build();
        List<String> jobs = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < watches; i++) {
            client[0].create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBases.get(i % knowledgeBases.size()).uuid()))
                .subscribe((job) -> jobs.add(job.uuid()));
            if (i % 500 == 499) {
                clock.settle();
            }
        }
        clock.settle();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        int threadsBefore = Thread.activeCount();
        long heapBefore = usedHeapAfterGc(memory);
        List<Disposable> subscriptions = new ArrayList<>();
        AtomicLong states = new AtomicLong();
        for (String job : jobs) {
            subscriptions.add(client[0].watch(job).subscribe((state) -> states.incrementAndGet()));
        }
        clock.advance(Duration.ofSeconds(1));
        long heapAfter = usedHeapAfterGc(memory);
        int threadsAfter = Thread.activeCount();
        long requests = this.simulator.journal().total();
        subscriptions.forEach(Disposable::dispose);
        return String.format(Locale.ROOT, "10,000 watches on one client: %,d states received after the first poll "
                + "cycle, %,d list requests for it, %d threads added, heap %.0f bytes per watch (%,d KB in all, "
                + "measured after GC).", states.get(), requests - watches, threadsAfter - threadsBefore,
                (heapAfter - heapBefore) / (double) watches, (heapAfter - heapBefore) / 1024);
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** What an official SDK does, on a plain WebClient: no shared budget, two retries, a fixed 5 s poll. */
    private static final class NaiveSdk {

        private final JsonMapper json = JsonMapper.builder().build();

        private WebClient webClient;

        private VirtualApiTime time;

        // On the shared virtual clock's WebClient builder, so that its exchanges are waited for too.
        void connect(GradientSimulator simulator, VirtualApiTime time) {
            this.time = time;
            this.webClient = time.webClientBuilder()
                .baseUrl(simulator.baseUrl())
                .defaultHeader("Authorization", "Bearer " + simulator.accessToken())
                .build();
        }

        Mono<JsonNode> call(String method, String path, String body) {
            return attempt(method, path, body, 0);
        }

        private Mono<JsonNode> attempt(String method, String path, String body, int retries) {
            WebClient.RequestBodySpec spec = this.webClient.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path);
            Mono<Answer> exchange = ((body != null) ? spec.contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(body) : spec)
                .exchangeToMono((response) -> response.bodyToMono(String.class).defaultIfEmpty("")
                    .map((text) -> new Answer(response.statusCode().value(),
                            response.headers().asHttpHeaders().getFirst("retry-after"), text)));
            return exchange.flatMap((answer) -> {
                if (answer.status < 300) {
                    return Mono.just(this.json.readTree(answer.body));
                }
                boolean retryable = answer.status == 429 || answer.status >= 500;
                if (!retryable || retries >= 2) {
                    return Mono.error(new IllegalStateException("HTTP " + answer.status));
                }
                Duration wait = Duration.ofMillis(500L << retries);
                if (answer.retryAfter != null) {
                    long seconds = Long.parseLong(answer.retryAfter.trim());
                    if (seconds > 0 && seconds <= 60) {
                        wait = Duration.ofSeconds(seconds);
                    }
                }
                return Mono.delay(wait, this.time.scheduler).then(Mono.defer(() -> attempt(method, path, body, retries + 1)));
            });
        }

        Mono<Instant> waitForCompletion(String jobUuid, VirtualApiTime clock) {
            return call("GET", "/v2/gen-ai/indexing_jobs/" + jobUuid, null).flatMap((node) -> {
                JsonNode job = node.get("job");
                String phase = job.get("phase").asString();
                if (phase.endsWith("SUCCEEDED") || phase.endsWith("FAILED") || phase.endsWith("ERROR")
                        || phase.endsWith("CANCELLED")) {
                    return Mono.just(OffsetDateTime.parse(job.get("finished_at").asString()).toInstant());
                }
                return Mono.delay(Duration.ofSeconds(5), clock.scheduler).then(Mono.defer(() -> waitForCompletion(jobUuid, clock)));
            });
        }

        private record Answer(int status, String retryAfter, String body) {
        }

    }

}
