package io.github.gradientspring.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The Java side of {@code benchmarks/compare.sh}: a closed loop of {@code cancel} calls, the same as
 * {@code peer/cancel-loop.mjs} runs with the TypeScript SDK. {@code --warmup} calls first, then {@code --requests}
 * calls with {@code --concurrency} in flight (each one that ends starts the next), timing each from its start to
 * its decoded job.
 * <p>
 * Prints one tab-separated line: implementation, concurrency, requests, seconds, requests per second, p50 and p99
 * in milliseconds, the peak resident memory of the process in MiB (Linux {@code VmHWM}), and failures.
 */
public final class CancelLoop {

    private static final Duration BOUND = Duration.ofMinutes(5);

    private CancelLoop() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        String impl = options.required("impl");
        String baseUrl = options.required("base-url");
        int requests = options.intValue("requests", 20_000);
        int warmup = options.intValue("warmup", 40_000);
        int concurrency = options.intValue("concurrency", 1);
        ReactorClientHttpConnector connector = Transports.connector(impl);
        Function<String, Mono<IndexingJob>> cancel;
        if ("client".equals(impl)) {
            IndexingJobsClient client = Transports.client(baseUrl, connector);
            cancel = client::cancel;
        }
        else if ("raw".equals(impl)) {
            RawWebClient raw = Transports.raw(baseUrl, connector);
            cancel = raw::cancel;
        }
        else {
            throw new IllegalArgumentException("--impl must be client or raw, but was " + impl);
        }
        run(cancel, warmup, concurrency);
        long[] latencies = new long[requests];
        long start = System.nanoTime();
        int failures = run(cancel, latencies, concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        connector.stop();
        Arrays.sort(latencies);
        System.out.println(String.format(Locale.ROOT, "%s\t%d\t%d\t%.3f\t%.0f\t%.3f\t%.3f\t%.1f\t%d", impl,
                concurrency, requests, seconds, requests / seconds, percentile(latencies, 0.50) / 1e6,
                percentile(latencies, 0.99) / 1e6, peakRssMib(), failures));
        if (failures > 0) {
            System.exit(1);
        }
    }

    private static void run(Function<String, Mono<IndexingJob>> cancel, int count, int concurrency) {
        run(cancel, new long[count], concurrency);
    }

    private static int run(Function<String, Mono<IndexingJob>> cancel, long[] latencies, int concurrency) {
        AtomicInteger failures = new AtomicInteger();
        Flux.range(0, latencies.length).flatMap((i) -> Mono.defer(() -> {
            long started = System.nanoTime();
            return cancel.apply(Payloads.JOB_UUID).doOnNext((job) -> {
                latencies[i] = System.nanoTime() - started;
                if (job.phase() != IndexingJobPhase.CANCELLED) {
                    failures.incrementAndGet();
                }
            });
        }).onErrorResume((ex) -> {
            failures.incrementAndGet();
            return Mono.empty();
        }), concurrency).then().block(BOUND);
        return failures.get();
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The process's peak resident set size, from Linux's {@code /proc/self/status}; -1 elsewhere. */
    static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // Not Linux: peak memory is reported as unknown.
        }
        return -1;
    }

}
