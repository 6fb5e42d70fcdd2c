package io.github.gradientspring.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.PageRequest;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * A 200-job list page: fetched and decoded end to end ({@code client.list} against the baseline's
 * {@code bodyToMono}), and decoded alone from bytes (the client's own {@code GradientJson} reading an
 * {@code InputStream}, against Jackson reading the byte array), all into the same records.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ListBenchmark {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private static final PageRequest PAGE = PageRequest.of(1, Payloads.PAGE_SIZE);

    private RemoteResponder responder;

    private ReactorClientHttpConnector clientConnector;

    private ReactorClientHttpConnector rawConnector;

    private IndexingJobsClient client;

    private RawWebClient raw;

    private byte[] page;

    private byte[] job;

    @Setup(Level.Trial)
    public void start() {
        this.responder = RemoteResponder.start();
        this.clientConnector = Transports.connector("client");
        this.rawConnector = Transports.connector("raw");
        this.client = Transports.client(this.responder.baseUrl(), this.clientConnector);
        this.raw = Transports.raw(this.responder.baseUrl(), this.rawConnector);
        this.page = Payloads.jobPage();
        this.job = Payloads.cancelledJob();
        IndexingJobPage viaClient = this.client.list(PAGE).block(BOUND);
        IndexingJobPage viaRaw = this.raw.list(1, Payloads.PAGE_SIZE).block(BOUND);
        if (viaClient == null || viaClient.jobs().size() != Payloads.PAGE_SIZE || !viaClient.equals(viaRaw)
                || !viaClient.equals(ClientDecodePath.decodePage(this.page))
                || !viaClient.equals(RawWebClient.decodePage(this.page))) {
            throw new IllegalStateException("the list paths decoded different pages");
        }
        // Warms the responder's JVM (and the shared WebClient code, on both sides alike) before JMH's warm-up.
        for (int i = 0; i < 300; i++) {
            this.client.list(PAGE).block(BOUND);
            this.raw.list(1, Payloads.PAGE_SIZE).block(BOUND);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        this.clientConnector.stop();
        this.rawConnector.stop();
        this.responder.close();
    }

    @Benchmark
    public @Nullable IndexingJobPage list200_client() {
        return this.client.list(PAGE).block(BOUND);
    }

    @Benchmark
    public @Nullable IndexingJobPage list200_raw() {
        return this.raw.list(1, Payloads.PAGE_SIZE).block(BOUND);
    }

    @Benchmark
    public @Nullable IndexingJobPage decode200_client() {
        return ClientDecodePath.decodePage(this.page);
    }

    @Benchmark
    public @Nullable IndexingJobPage decode200_raw() {
        return RawWebClient.decodePage(this.page);
    }

    @Benchmark
    public Object decodeJob_client() {
        return ClientDecodePath.decodeJob(this.job);
    }

    @Benchmark
    public Object decodeJob_raw() {
        return RawWebClient.decodeJob(this.job);
    }

}
