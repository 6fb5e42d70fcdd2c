package io.github.gradientspring.benchmarks.startup;

import java.util.concurrent.TimeUnit;

import io.github.gradientspring.benchmarks.Payloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke run of {@link FirstCallBenchmark}'s trial in this JVM: set-up, the first call, tear-down. The tear-down
 * closes the application's class loader, so it must first end the Netty threads the application started: one that
 * ends later cannot load the class it needs as it frees its memory, and printed
 * {@code NoClassDefFoundError: io/netty/buffer/FreeChunkEvent}.
 */
class FirstCallBenchmarkTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theTrialEndsWithNoNettyThreadOfTheApplicationStillRunning() throws Exception {
        FirstCallBenchmark benchmark = new FirstCallBenchmark();
        benchmark.start();
        ClassLoader loader = benchmark.applicationLoader();
        try {
            assertThat(benchmark.firstCall()).isEqualTo(Payloads.JOB_UUID);
            assertThat(FirstCallBenchmark.nettyThreadsOf(loader)).as("Netty threads the first call started").isNotEmpty();
        }
        finally {
            benchmark.stop();
        }
        assertThat(FirstCallBenchmark.nettyThreadsOf(loader)).extracting(Thread::getName)
            .as("Netty threads of the application alive after the tear-down")
            .isEmpty();
    }

}
