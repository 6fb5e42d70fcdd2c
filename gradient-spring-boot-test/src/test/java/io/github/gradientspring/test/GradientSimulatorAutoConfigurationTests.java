package io.github.gradientspring.test;

import java.time.Duration;
import java.util.List;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.autoconfigure.GradientConnectionDetails;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.Operation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestExecutionListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GradientSimulatorAutoConfiguration} and what {@link AutoConfigureGradientSimulator} imports.
 */
class GradientSimulatorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GradientSimulatorAutoConfiguration.class, GradientAutoConfiguration.class))
        // What an application.yml of a real deployment says: the simulator's details must win over it.
        .withPropertyValues("gradient.access-token=dop_v1_real_token_never_sent_0123456789",
                "gradient.base-url=https://api.digitalocean.com");

    @Test
    void theAnnotationImportsTheSimulatorAndTheClientsAutoConfigurationLikeBootsOwnAutoConfigureAnnotations() {
        List<String> imports = ImportCandidates.load(AutoConfigureGradientSimulator.class, getClass().getClassLoader())
            .getCandidates()
            .stream()
            .map((candidate) -> candidate.replaceFirst("^optional:", ""))
            .toList();
        assertThat(imports).contains(GradientSimulatorAutoConfiguration.class.getName(),
                GradientAutoConfiguration.class.getName(),
                "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration");
    }

    @Test
    void theSimulatorsConnectionDetailsPointTheClientAtItWhateverThePropertiesSay() {
        this.contextRunner.run((context) -> {
            GradientSimulator simulator = context.getBean(GradientSimulator.class);
            GradientConnectionDetails details = context.getBean(GradientConnectionDetails.class);
            assertThat(details.baseUrl()).isEqualTo(simulator.baseUrl());
            assertThat(details.accessToken()).isEqualTo(GradientSimulator.DEFAULT_ACCESS_TOKEN);
            context.getBean(IndexingJobsClient.class).list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10));
            assertThat(simulator.journal().count(Operation.LIST)).isEqualTo(1);
            assertThat(simulator.journal().last().header("Authorization"))
                .isEqualTo("Bearer " + GradientSimulator.DEFAULT_ACCESS_TOKEN);
        });
    }

    @Test
    void buildersFromTheBuilderBeanPointAtTheSimulatorToo() {
        this.contextRunner.run((context) -> {
            GradientSimulator simulator = context.getBean(GradientSimulator.class);
            context.getBean(IndexingJobsClient.Builder.class).build().list(PageRequest.of(1, 1))
                .block(Duration.ofSeconds(10));
            assertThat(simulator.journal().count(Operation.LIST)).isEqualTo(1);
        });
    }

    @Test
    void theAnnotationsAttributesReachTheSimulatorThroughTheirMappedProperties() {
        this.contextRunner.withPropertyValues("gradient.test.simulator.access-token=custom-token",
                "gradient.test.simulator.manual-clock=false", "gradient.test.simulator.rate-limits=false")
            .run((context) -> {
                GradientSimulator simulator = context.getBean(GradientSimulator.class);
                assertThat(simulator.accessToken()).isEqualTo("custom-token");
                assertThat(simulator.hasManualClock()).isFalse();
                assertThat(context.getBean(GradientConnectionDetails.class).accessToken()).isEqualTo("custom-token");
            });
    }

    @Test
    void runsOnAManualClockByDefault() {
        this.contextRunner.run((context) -> assertThat(context.getBean(GradientSimulator.class).hasManualClock()).isTrue());
    }

    @Test
    void theSimulatorIsClosedWithTheContext() {
        GradientSimulator[] simulator = new GradientSimulator[1];
        this.contextRunner.run((context) -> simulator[0] = context.getBean(GradientSimulator.class));
        SimulatorPorts.assertReleased(simulator[0]);
    }

    @Test
    void testDefaultsForQuickWatchesSitBelowEveryOtherPropertySource() {
        ContextCustomizer customizer = new GradientSimulatorContextCustomizerFactory()
            .createContextCustomizer(Annotated.class, List.of());
        assertThat(customizer).isNotNull();
        assertThat(new GradientSimulatorContextCustomizerFactory().createContextCustomizer(NotAnnotated.class, List.of()))
            .isNull();
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            customizer.customizeContext(context, null);
            PropertySource<?> last = context.getEnvironment().getPropertySources().stream().reduce((a, b) -> b).get();
            assertThat(last.getName()).isEqualTo(GradientSimulatorContextCustomizerFactory.PROPERTY_SOURCE_NAME);
            assertThat(context.getEnvironment().getProperty("gradient.watch.initial-interval")).isEqualTo("10ms");
        }
    }

    @Test
    void theTestDefaultsNeverSplitSpringsContextCache() {
        GradientSimulatorContextCustomizerFactory factory = new GradientSimulatorContextCustomizerFactory();
        assertThat(factory.createContextCustomizer(Annotated.class, List.of()))
            .isEqualTo(factory.createContextCustomizer(AlsoAnnotated.class, List.of()))
            .hasSameHashCodeAs(factory.createContextCustomizer(AlsoAnnotated.class, List.of()));
    }

    @Test
    void isRegisteredForSpringsTestContextFramework() {
        SpringFactoriesLoader loader = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader());
        assertThat(loader.load(ContextCustomizerFactory.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
        }))).hasAtLeastOneElementOfType(GradientSimulatorContextCustomizerFactory.class);
        assertThat(loader.load(TestExecutionListener.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
        }))).hasAtLeastOneElementOfType(GradientSimulatorResetTestExecutionListener.class);
    }

    static class NotAnnotated {

    }

    @AutoConfigureGradientSimulator
    static class Annotated {

    }

    @AutoConfigureGradientSimulator(accessToken = "other")
    static class AlsoAnnotated {

    }

}
