package io.github.gradientspring.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The Java side of {@code benchmarks/compare.sh}: a closed loop of {@code cancel} calls, the same as
 * {@code peer/cancel-loop.mjs} runs with the TypeScript SDK, with {@code --concurrency} calls in flight (each one
 * that ends starts the next, none starts after a deadline), timing each from its start to its decoded job.
 * <p>
 * It warms up for {@code --warmup-seconds}, and longer while the throughput is still rising, up to
 * {@code --warmup-max-seconds} (by default no longer): still rising means that the last 5 seconds completed more
 * than 5 % more calls than the 5 before. Then it measures for {@code --measure-seconds}.
 * <p>
 * Prints one tab-separated line: implementation, concurrency, measured requests, seconds, requests per second, p50
 * and p99 in milliseconds, the peak resident memory of the process in MiB (Linux {@code VmHWM}), failures, the number
 * of warm-up requests and the warm-up's seconds. With {@code --progress true} it also prints, to standard error, the
 * requests completed in each second of the run (warm-up included), to see when the throughput stops rising.
 */
public final class CancelLoop {

    /** How long a phase may overrun its deadline (the calls in flight finishing) before the loop gives up. */
    private static final Duration GRACE = Duration.ofSeconds(60);

    private CancelLoop() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        String impl = options.required("impl");
        String baseUrl = options.required("base-url");
        double warmupSeconds = options.doubleValue("warmup-seconds", 20);
        double warmupMaxSeconds = Math.max(warmupSeconds, options.doubleValue("warmup-max-seconds", warmupSeconds));
        double measureSeconds = options.doubleValue("measure-seconds", 10);
        int concurrency = options.intValue("concurrency", 1);
        boolean progress = Boolean.parseBoolean(options.value("progress", "false"));
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
        Meter meter = new Meter(warmupSeconds, warmupMaxSeconds, progress);
        meter.start();
        Phase warmup = run(cancel, meter.warmupDeadline, concurrency, meter.completed, null);
        meter.warming = false;
        Recorder latencies = new Recorder();
        AtomicLong measureDeadline = new AtomicLong(System.nanoTime() + (long) (measureSeconds * 1e9));
        Phase measured = run(cancel, measureDeadline, concurrency, meter.completed, latencies);
        meter.interrupt();
        connector.stop();
        long[] sorted = latencies.sorted();
        System.out.println(String.format(Locale.ROOT, "%s\t%d\t%d\t%.3f\t%.0f\t%.3f\t%.3f\t%.1f\t%d\t%d\t%.1f",
                impl, concurrency, measured.requests(), measured.seconds(), measured.requests() / measured.seconds(),
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, peakRssMib(), measured.failures(),
                warmup.requests(), warmup.seconds()));
        if (measured.failures() > 0) {
            System.exit(1);
        }
    }

    /**
     * Runs the closed loop until the deadline (which may move meanwhile): no call starts after it, the calls in
     * flight then finish.
     * @return the requests made, their failures and the time from the first start to the last end
     */
    static Phase run(Function<String, Mono<IndexingJob>> cancel, AtomicLong deadline, int concurrency,
            AtomicLong completed, @Nullable Recorder latencies) {
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        Flux.<Integer>generate((sink) -> {
            if (System.nanoTime() < deadline.get()) {
                sink.next(requests.incrementAndGet());
            }
            else {
                sink.complete();
            }
        }).flatMap((i) -> Mono.defer(() -> {
            long started = System.nanoTime();
            return cancel.apply(Payloads.JOB_UUID).doOnNext((job) -> {
                if (latencies != null) {
                    latencies.add(System.nanoTime() - started);
                }
                if (job.phase() != IndexingJobPhase.CANCELLED) {
                    failures.incrementAndGet();
                }
            });
        }).onErrorResume((ex) -> {
            failures.incrementAndGet();
            return Mono.empty();
        }).doFinally((signal) -> completed.incrementAndGet()), concurrency)
            .then()
            .block(Duration.ofNanos(deadline.get() - start).plus(GRACE));
        return new Phase(requests.get(), failures.get(), (System.nanoTime() - start) / 1e9);
    }

    /** Whether the calls completed per second, oldest first, are still rising (see the class comment). */
    static boolean rising(long[] perSecond, int seconds) {
        if (seconds < 10) {
            return true;
        }
        long last = 0;
        long before = 0;
        for (int i = seconds - 5; i < seconds; i++) {
            last += perSecond[i];
            before += perSecond[i - 5];
        }
        return last > before * 1.05;
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
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

    /**
     * Counts the calls completed in each second; ends the warm-up once its minimum is over and the throughput no
     * longer rises; with progress on, prints each second's count to standard error.
     */
    static final class Meter extends Thread {

        final AtomicLong completed = new AtomicLong();

        final AtomicLong warmupDeadline;

        volatile boolean warming = true;

        private final long began = System.nanoTime();

        private final double minSeconds;

        private final boolean extensible;

        private final boolean progress;

        Meter(double minSeconds, double maxSeconds, boolean progress) {
            super("meter");
            setDaemon(true);
            this.minSeconds = minSeconds;
            this.extensible = maxSeconds > minSeconds;
            this.progress = progress;
            this.warmupDeadline = new AtomicLong(this.began + (long) (maxSeconds * 1e9));
        }

        @Override
        public void run() {
            long[] perSecond = new long[1024];
            long last = 0;
            for (int second = 1; second <= perSecond.length; second++) {
                try {
                    Thread.sleep(Math.max(0, (this.began + second * 1_000_000_000L - System.nanoTime()) / 1_000_000));
                }
                catch (InterruptedException ex) {
                    return;
                }
                long now = this.completed.get();
                perSecond[second - 1] = now - last;
                last = now;
                if (this.progress) {
                    System.err.println("progress\t" + second + "\t" + perSecond[second - 1] + "\t" + now);
                }
                if (this.warming && second >= this.minSeconds && (!this.extensible || !rising(perSecond, second))) {
                    this.warmupDeadline.accumulateAndGet(System.nanoTime(), Math::min);
                }
            }
        }

    }

    /** What a phase of the loop did. */
    record Phase(int requests, int failures, double seconds) {
    }

    /** Latencies in nanoseconds, added from any thread, in an array that grows as needed. */
    static final class Recorder {

        private long[] values = new long[1 << 16];

        private int size;

        synchronized void add(long nanos) {
            if (this.size == this.values.length) {
                this.values = Arrays.copyOf(this.values, this.size * 2);
            }
            this.values[this.size++] = nanos;
        }

        synchronized long[] sorted() {
            long[] sorted = Arrays.copyOf(this.values, this.size);
            Arrays.sort(sorted);
            return sorted;
        }

    }

}
