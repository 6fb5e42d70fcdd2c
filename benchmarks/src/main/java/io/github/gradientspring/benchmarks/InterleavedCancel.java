package io.github.gradientspring.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.IndexingJob;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The client's overhead over the raw {@code WebClient} baseline, with both sides <em>interleaved</em> in one JVM:
 * after a shared warm-up, {@code --rounds} rounds of {@code --calls} cancel calls per side, the side that goes first
 * alternating, and the ratio taken within each round. Machine drift (other processes, frequency changes) then hits
 * both sides of a ratio alike, which two JMH benchmarks run one after the other cannot promise.
 * <p>
 * Besides requests per second it reports the CPU time of this process per call (the responder runs in a JVM of
 * its own), which other load on the machine disturbs much less than wall time. Run:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.gradientspring.benchmarks.InterleavedCancel --concurrency 1
 * </pre>
 */
public final class InterleavedCancel {

    private static final Duration BOUND = Duration.ofMinutes(5);

    private InterleavedCancel() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        int concurrency = options.intValue("concurrency", 1);
        int rounds = options.intValue("rounds", 20);
        int calls = options.intValue("calls", (concurrency == 1) ? 2_000 : 8_000);
        int warmupSeconds = options.intValue("warmup-seconds", 20);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();
        try (RemoteResponder responder = RemoteResponder.start()) {
            ReactorClientHttpConnector clientConnector = Transports.connector("client");
            ReactorClientHttpConnector rawConnector = Transports.connector("raw");
            IndexingJobsClient client = Transports.client(responder.baseUrl(), clientConnector);
            RawWebClient raw = Transports.raw(responder.baseUrl(), rawConnector);
            Supplier<Mono<IndexingJob>> viaClient = () -> client.cancel(Payloads.JOB_UUID);
            Supplier<Mono<IndexingJob>> viaRaw = () -> raw.cancel(Payloads.JOB_UUID);
            long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
            while (System.nanoTime() < warmupEnd) {
                loop(viaRaw, calls, concurrency);
                loop(viaClient, calls, concurrency);
            }
            double[] throughputRatio = new double[rounds];
            double[] cpuRatio = new double[rounds];
            double[] clientCpu = new double[rounds];
            double[] rawCpu = new double[rounds];
            double[] clientRate = new double[rounds];
            double[] rawRate = new double[rounds];
            double[] clientBytes = new double[rounds];
            double[] rawBytes = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                double[] first = new double[3];
                double[] second = new double[3];
                boolean clientFirst = (round % 2 == 0);
                measure(clientFirst ? viaClient : viaRaw, calls, concurrency, os, first);
                measure(clientFirst ? viaRaw : viaClient, calls, concurrency, os, second);
                double[] ofClient = clientFirst ? first : second;
                double[] ofRaw = clientFirst ? second : first;
                clientRate[round] = ofClient[0];
                rawRate[round] = ofRaw[0];
                clientCpu[round] = ofClient[1];
                rawCpu[round] = ofRaw[1];
                clientBytes[round] = ofClient[2];
                rawBytes[round] = ofRaw[2];
                throughputRatio[round] = ofClient[0] / ofRaw[0];
                cpuRatio[round] = ofClient[1] / ofRaw[1];
            }
            clientConnector.stop();
            rawConnector.stop();
            System.out.println(String.format(Locale.ROOT,
                    "concurrency %d, %d rounds of %d calls per side after %d s of warm-up", concurrency, rounds,
                    calls, warmupSeconds));
            System.out.println(String.format(Locale.ROOT, "requests/s   client %,.0f  raw %,.0f", median(clientRate),
                    median(rawRate)));
            System.out.println(String.format(Locale.ROOT, "CPU µs/call  client %.1f  raw %.1f", median(clientCpu),
                    median(rawCpu)));
            System.out.println(String.format(Locale.ROOT, "bytes/call   client %,.0f  raw %,.0f  (%.3f)",
                    median(clientBytes), median(rawBytes), median(clientBytes) / median(rawBytes)));
            System.out.println(String.format(Locale.ROOT, "client ÷ raw requests/s: median %.3f (IQR %.3f–%.3f)",
                    median(throughputRatio), quantile(throughputRatio, 0.25), quantile(throughputRatio, 0.75)));
            System.out.println(String.format(Locale.ROOT, "client ÷ raw CPU per call: median %.3f (IQR %.3f–%.3f)",
                    median(cpuRatio), quantile(cpuRatio, 0.25), quantile(cpuRatio, 0.75)));
        }
    }

    /**
     * Runs the calls and writes requests per second, CPU microseconds per call and bytes allocated per call into
     * {@code result}.
     */
    private static void measure(Supplier<Mono<IndexingJob>> call, int calls, int concurrency,
            com.sun.management.OperatingSystemMXBean os, double[] result) {
        long bytesStart = allocatedBytes();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        loop(call, calls, concurrency);
        long elapsed = System.nanoTime() - start;
        long cpu = os.getProcessCpuTime() - cpuStart;
        long bytes = allocatedBytes() - bytesStart;
        result[0] = calls / (elapsed / 1e9);
        result[1] = cpu / 1e3 / calls;
        result[2] = (double) bytes / calls;
    }

    /** Bytes allocated so far by the live threads of this JVM (the event loops live as long as the run). */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static void loop(Supplier<Mono<IndexingJob>> call, int calls, int concurrency) {
        if (concurrency == 1) {
            for (int i = 0; i < calls; i++) {
                call.get().block(BOUND);
            }
        }
        else {
            Flux.range(0, calls).flatMap((i) -> call.get(), concurrency).then().block(BOUND);
        }
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** Linear-interpolated quantile of the values. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

}
