package io.github.gradientspring.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * {@code cancel} round trips, the client against the raw {@code WebClient} baseline ({@link RawWebClient}), one request at a time and 64 in
 * flight, against the {@link Responder} in a JVM of its own. Throughput is per request (the 64-in-flight methods
 * count each of their {@value #BATCH} requests as an operation), and so is {@code gc.alloc.rate.norm}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// A fork needs about 10 s of calls before its throughput stops climbing (the JIT compiles the Reactor and Netty
// paths late), and forks differ by more than iterations do, hence long warm-up and two forks.
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 6, time = 3)
@Fork(2)
@State(Scope.Benchmark)
public class CancelBenchmark {

    static final int BATCH = 1024;

    static final int CONCURRENCY = 64;

    private static final Duration BOUND = Duration.ofSeconds(60);

    private RemoteResponder responder;

    private ReactorClientHttpConnector clientConnector;

    private ReactorClientHttpConnector rawConnector;

    private IndexingJobsClient client;

    private RawWebClient raw;

    private IndexingJobsClient observedClient;

    private RawWebClient observedRaw;

    @Setup(Level.Trial)
    public void start() {
        this.responder = RemoteResponder.start();
        this.clientConnector = Transports.connector("client");
        this.rawConnector = Transports.connector("raw");
        this.client = Transports.client(this.responder.baseUrl(), this.clientConnector);
        this.raw = Transports.raw(this.responder.baseUrl(), this.rawConnector);
        // The same two with one observation registry, as in a Spring Boot application with Micrometer: the client
        // then makes its gradient.client.operation observation and, below it, Spring's http.client.requests one;
        // the bare WebClient makes http.client.requests.
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new KeyValueReadingHandler());
        this.observedClient = Transports.client(this.responder.baseUrl(), this.clientConnector, registry);
        this.observedRaw = Transports.raw(this.responder.baseUrl(), this.rawConnector, registry);
        IndexingJob viaClient = this.client.cancel(Payloads.JOB_UUID).block(BOUND);
        IndexingJob viaRaw = this.raw.cancel(Payloads.JOB_UUID).block(BOUND);
        if (viaClient == null || !viaClient.equals(viaRaw) || viaClient.phase() != IndexingJobPhase.CANCELLED) {
            throw new IllegalStateException("the two sides decoded different jobs:\n" + viaClient + "\n" + viaRaw);
        }
        // The responder's JVM starts cold; warm it (and the shared WebClient code, on both sides alike) before JMH's
        // own warm-up, so that the first iterations measure the code under test and not the responder's JIT.
        for (int i = 0; i < 4; i++) {
            inFlight(() -> this.raw.cancel(Payloads.JOB_UUID));
            inFlight(() -> this.client.cancel(Payloads.JOB_UUID));
            inFlight(() -> this.observedRaw.cancel(Payloads.JOB_UUID));
            inFlight(() -> this.observedClient.cancel(Payloads.JOB_UUID));
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        this.clientConnector.stop();
        this.rawConnector.stop();
        this.responder.close();
    }

    @Benchmark
    public @Nullable IndexingJob c001_client() {
        return this.client.cancel(Payloads.JOB_UUID).block(BOUND);
    }

    @Benchmark
    public @Nullable IndexingJob c001_raw() {
        return this.raw.cancel(Payloads.JOB_UUID).block(BOUND);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public @Nullable Long c064_client() {
        return inFlight(() -> this.client.cancel(Payloads.JOB_UUID));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public @Nullable Long c064_raw() {
        return inFlight(() -> this.raw.cancel(Payloads.JOB_UUID));
    }

    @Benchmark
    public @Nullable IndexingJob c001_observedClient() {
        return this.observedClient.cancel(Payloads.JOB_UUID).block(BOUND);
    }

    @Benchmark
    public @Nullable IndexingJob c001_observedRaw() {
        return this.observedRaw.cancel(Payloads.JOB_UUID).block(BOUND);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public @Nullable Long c064_observedClient() {
        return inFlight(() -> this.observedClient.cancel(Payloads.JOB_UUID));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public @Nullable Long c064_observedRaw() {
        return inFlight(() -> this.observedRaw.cancel(Payloads.JOB_UUID));
    }

    /** {@value #BATCH} requests, {@value #CONCURRENCY} in flight: each one that ends starts the next. */
    static @Nullable Long inFlight(java.util.function.Supplier<Mono<IndexingJob>> call) {
        return Flux.range(0, BATCH).flatMap((i) -> call.get(), CONCURRENCY).count().block(BOUND);
    }

    /**
     * Stands for a metrics handler: on each stop it reads the observation's low-cardinality key values, as
     * Micrometer's meter handler does to tag its timer, so that each side's convention really runs.
     */
    static final class KeyValueReadingHandler implements ObservationHandler<Observation.Context> {

        private long keyValues;

        @Override
        public void onStop(Observation.Context context) {
            context.getLowCardinalityKeyValues().forEach((keyValue) -> this.keyValues += keyValue.getValue().length());
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

    }

}
