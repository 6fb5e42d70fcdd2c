package io.github.gradientspring.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link GradientConfigurationFailureAnalyzer}: a configuration that cannot work stops the application
 * with a report that says which property to set, and never shows the token.
 */
@ExtendWith(OutputCaptureExtension.class)
class GradientConfigurationFailureAnalyzerTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withInitializer(WireFixtures::withoutProcessEnvironment)
        .withInitializer((context) -> this.environment = context.getEnvironment())
        .withConfiguration(AutoConfigurations.of(GradientAutoConfiguration.class));

    // The environment of the context last run: a context that failed to start no longer gives it out.
    private org.springframework.core.env.Environment environment;

    @Test
    void missingTokenNamesThePropertyTheVariableAndTheSwitch() {
        this.contextRunner.run((context) -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("gradient.access-token", "DIGITALOCEAN_ACCESS_TOKEN");
            assertThat(analysis.getAction()).contains("gradient.access-token", "DIGITALOCEAN_ACCESS_TOKEN",
                    "gradient.enabled=false");
        });
    }

    @Test
    void blankTokenCountsAsMissing() {
        this.contextRunner.withPropertyValues("gradient.access-token=  ").run((context) -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("gradient.access-token");
        });
    }

    @Test
    void relativeBaseUrlIsReportedWithAnExample() {
        this.contextRunner.withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN,
                "gradient.base-url=api.digitalocean.com")
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).contains("gradient.base-url", "absolute");
                assertThat(analysis.getAction()).contains("gradient.base-url", "https://api.digitalocean.com",
                        "gradient.access-token", "DIGITALOCEAN_ACCESS_TOKEN", "gradient.enabled=false");
                assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(WireFixtures.TOKEN);
            });
    }

    @Test
    void plainHttpToARemoteHostIsRefused() {
        this.contextRunner.withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN,
                "gradient.base-url=http://api.digitalocean.com")
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).contains("gradient.base-url", "plain http",
                        "api.digitalocean.com");
                assertThat(analysis.getAction()).contains("loopback", "gradient.enabled=false");
                assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(WireFixtures.TOKEN);
            });
    }

    @Test
    void plainHttpToLoopbackIsAccepted() {
        this.contextRunner.withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN,
                "gradient.base-url=http://127.0.0.1:8089")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void valueOutOfRangeNamesItsProperty() {
        this.contextRunner.withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN, "gradient.retry.max-retries=-1")
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).contains("gradient.retry.max-retries", "-1");
                assertThat(analysis.getAction()).contains("gradient.retry.max-retries", "gradient.enabled=false");
            });
    }

    @Test
    void aRateLimitBelowOneRequestNamesItsProperty() {
        this.contextRunner.withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN,
                "gradient.rate-limit.requests-per-hour=0")
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("gradient.rate-limit.requests-per-hour", "requestsPerHour must be 1 or more"));
    }

    @Test
    void aMaxWaitLongerThanAnHourNamesItsProperty() {
        this.contextRunner.withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN,
                "gradient.rate-limit.max-wait=2h")
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("gradient.rate-limit.max-wait", "maxWait must be from 0 to PT1H"));
    }

    @Test
    void aMinuteAllowingMoreThanTheHourNamesTheMinutesProperty() {
        this.contextRunner.withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN,
                "gradient.rate-limit.requests-per-minute=300", "gradient.rate-limit.requests-per-hour=200")
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("gradient.rate-limit.requests-per-minute", "must not be more than requestsPerHour"));
    }

    @Test
    void watchMaxIntervalShorterThanInitialIsReported() {
        this.contextRunner.withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN,
                "gradient.watch.initial-interval=10s", "gradient.watch.max-interval=1s")
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("gradient.watch.max-interval", "gradient.watch.initial-interval"));
    }

    @Test
    void analyzerIsRegisteredForSpringBoot() {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
            // Some of Boot's analyzers need a bean factory to be made; only whether ours is listed matters here.
            .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
            }));
        assertThat(analyzers).hasAtLeastOneElementOfType(GradientConfigurationFailureAnalyzer.class);
    }

    @Test
    void applicationFailsToStartWithTheReportAndWithoutTheToken(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(java.util.Map.of("gradient.access-token", WireFixtures.TOKEN,
                "gradient.base-url", "http://gradient.example.com", "spring.main.banner-mode", "off"));
        assertThatException().isThrownBy(application::run);
        assertThat(output).contains("APPLICATION FAILED TO START", "gradient.base-url", "gradient.enabled=false");
        assertThat(output).doesNotContain(WireFixtures.TOKEN);
    }

    private FailureAnalysis analyze(AssertableApplicationContext context) {
        Throwable failure = context.getStartupFailure();
        assertThat(failure).as("the context failed to start").isNotNull();
        FailureAnalysis analysis = new GradientConfigurationFailureAnalyzer(this.environment).analyze(failure);
        assertThat(analysis).as("the failure was analyzed").isNotNull();
        return analysis;
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(GradientAutoConfiguration.class)
    static class MinimalApplication {

    }

}
