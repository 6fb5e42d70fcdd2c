package io.github.gradientspring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gradient.watch.list-sweep} reaches the auto-configured client: off, two watches started together are
 * polled with a retrieve each and no list request; on (the default), their first poll lists the jobs first.
 */
class GradientWatchListSweepTests {

    private static final String FIRST = "123e4567-e89b-12d3-a456-426614174001";

    private static final String SECOND = "123e4567-e89b-12d3-a456-426614174002";

    private final GradientSimulator simulator = GradientSimulator.builder().manualClock().rateLimits(RateLimits.OFF).start();

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withInitializer(WireFixtures::withoutProcessEnvironment)
        .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, GradientAutoConfiguration.class))
        .withPropertyValues("gradient.access-token=" + this.simulator.accessToken(),
                "gradient.base-url=" + this.simulator.baseUrl(), "gradient.rate-limit.enabled=false")
        // Both watches start at the same virtual instant, so that they are due together.
        .withBean(GradientClientCustomizer.class, () -> (builder) -> builder.scheduler(this.time));

    @AfterEach
    void stop() {
        this.time.dispose();
        this.simulator.close();
    }

    @Test
    void withListSweepOffTheWatchesSendOnlyRetrieves() {
        this.contextRunner.withPropertyValues("gradient.watch.list-sweep=false").run((context) -> {
            assertThat(context.getBean(GradientProperties.class).getWatch().isListSweep()).isFalse();
            firstPollOfTwoWatches(context.getBean(IndexingJobsClient.class));
            assertThat(this.simulator.journal().count(Operation.LIST)).isZero();
        });
    }

    @Test
    void controlWithListSweepOnByDefaultTheFirstPollListsTheJobs() {
        this.contextRunner.run((context) -> {
            assertThat(context.getBean(GradientProperties.class).getWatch().isListSweep()).isTrue();
            firstPollOfTwoWatches(context.getBean(IndexingJobsClient.class));
            assertThat(this.simulator.journal().count(Operation.LIST)).isEqualTo(1);
        });
    }

    // The jobs do not exist: after the poll (list or not) each is retrieved, answered 404, and its watch ends.
    private void firstPollOfTwoWatches(IndexingJobsClient client) throws Exception {
        Disposable watching = Flux.merge(client.watch(FIRST).onErrorResume((error) -> Flux.empty()),
                client.watch(SECOND).onErrorResume((error) -> Flux.empty()))
            .subscribe();
        try {
            this.time.advanceTimeBy(Duration.ofSeconds(1));
            this.simulator.journal().await(Operation.RETRIEVE, 2).get(10, TimeUnit.SECONDS);
        }
        finally {
            watching.dispose();
        }
    }

}
