package io.github.gradientspring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryQuota;
import io.github.gradientspring.client.error.GradientAuthenticationException;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.simulator.GradientSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the prototype {@link IndexingJobsClient.Builder} bean: further clients, for another token, with the
 * application's settings.
 */
class GradientClientBuilderBeanTests {

    private static final String SECOND_TOKEN = "second-team-token";

    private GradientSimulator simulator;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void start() {
        // The simulator accepts only the second team's token: a call with the first one answers 401.
        this.simulator = GradientSimulator.builder().accessToken(SECOND_TOKEN).start();
        this.contextRunner = new ApplicationContextRunner().withInitializer(WireFixtures::withoutProcessEnvironment)
            .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, GradientAutoConfiguration.class))
            .withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN,
                    "gradient.base-url=" + this.simulator.baseUrl(), "gradient.retry.max-retries=0");
    }

    @AfterEach
    void stop() {
        this.simulator.close();
    }

    @Test
    void theBuilderBeanIsANewPreconfiguredBuilderForEachLookup() {
        this.contextRunner.run((context) -> {
            IndexingJobsClient.Builder first = context.getBean(IndexingJobsClient.Builder.class);
            IndexingJobsClient.Builder second = context.getBean(IndexingJobsClient.Builder.class);
            assertThat(first).isNotSameAs(second);
            assertThat(context.getBeanFactory().getBeanDefinition("gradientClientBuilder").isPrototype()).isTrue();
        });
    }

    @Test
    void aClientBuiltWithAnotherTokenSendsThatTokenToTheConfiguredBaseUrl() {
        this.contextRunner.run((context) -> {
            IndexingJobsClient secondTeam = context.getBean(IndexingJobsClient.Builder.class)
                .accessToken(SECOND_TOKEN)
                .build();
            assertThat(secondTeam.list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10))).isNotNull();
            assertThat(this.simulator.journal().last().header("Authorization")).isEqualTo("Bearer " + SECOND_TOKEN);
            // The auto-configured client keeps the application's token, which this simulator refuses.
            assertThatExceptionOfType(GradientAuthenticationException.class).isThrownBy(
                    () -> context.getBean(IndexingJobsClient.class).list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10)));
        });
    }

    @Test
    void theBuilderAppliesEveryWebClientCustomizerAndGradientClientCustomizer() {
        AtomicInteger gradientCustomizations = new AtomicInteger();
        this.contextRunner
            .withBean(WebClientCustomizer.class,
                    () -> (builder) -> builder.defaultHeader("X-Team", "second"))
            .withBean(GradientClientCustomizer.class, () -> (builder) -> gradientCustomizations.incrementAndGet())
            .run((context) -> {
                int afterStartup = gradientCustomizations.get();
                IndexingJobsClient secondTeam = context.getBean(IndexingJobsClient.Builder.class)
                    .accessToken(SECOND_TOKEN)
                    .build();
                assertThat(gradientCustomizations).hasValue(afterStartup + 1);
                secondTeam.list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10));
                assertThat(this.simulator.journal().last().header("X-Team")).isEqualTo("second");
            });
    }

    @Test
    void eachBuilderHasARetryQuotaOfItsOwnFromTheProperties() {
        this.contextRunner.withPropertyValues("gradient.retry.quota.capacity=7").run((context) -> {
            assertThat(context).hasSingleBean(RetryQuota.class);
            assertThat(context.getBean(RetryQuota.class).capacity()).isEqualTo(7);
        });
    }

    @Test
    void twoRetryQuotaBeansOfTheApplicationLeaveTheAutoConfiguredClientOneFromTheProperties() {
        this.contextRunner.withPropertyValues("gradient.retry.quota.capacity=7")
            .withBean("firstQuota", RetryQuota.class, () -> RetryQuota.of(1, 1, 1, 1))
            .withBean("secondQuota", RetryQuota.class, () -> RetryQuota.of(2, 1, 1, 1))
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(IndexingJobsClient.class));
    }

    @Test
    void theBuilderNeedsNoTokenOfTheApplication() {
        new ApplicationContextRunner().withInitializer(WireFixtures::withoutProcessEnvironment)
            .withConfiguration(AutoConfigurations.of(GradientAutoConfiguration.class))
            .withBean(IndexingJobsClient.class,
                    (java.util.function.Supplier<IndexingJobsClient>) () -> IndexingJobsClient.builder()
                        .accessToken("own")
                        .build())
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(IndexingJobsClient.Builder.class).accessToken(SECOND_TOKEN).build())
                    .isNotNull();
            });
    }

}
