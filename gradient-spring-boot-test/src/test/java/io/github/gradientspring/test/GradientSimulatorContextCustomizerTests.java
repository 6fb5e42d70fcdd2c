package io.github.gradientspring.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import io.github.gradientspring.simulator.GradientSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestExecutionListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Spring side of {@link AutoConfigureGradientSimulator}: what the customizer puts in a context, that
 * the simulator dies with it, and that contexts are cached by the settings.
 */
class GradientSimulatorContextCustomizerTests {

    private final GradientSimulatorContextCustomizerFactory factory = new GradientSimulatorContextCustomizerFactory();

    @Test
    void contributesNothingWithoutTheAnnotation() {
        assertThat(this.factory.createContextCustomizer(NotAnnotated.class, List.of())).isNull();
    }

    @Test
    void readsTheAnnotationsSettings() {
        GradientSimulatorContextCustomizer customizer = (GradientSimulatorContextCustomizer) this.factory
            .createContextCustomizer(CustomSettings.class, List.of());
        assertThat(customizer.settings()).isEqualTo(new GradientSimulatorSettings(false, "custom-token", false));
    }

    @Test
    void sameSettingsShareAContextAndOthersDoNot() {
        assertThat(this.factory.createContextCustomizer(Defaults.class, List.of()))
            .isEqualTo(this.factory.createContextCustomizer(AlsoDefaults.class, List.of()))
            .hasSameHashCodeAs(this.factory.createContextCustomizer(AlsoDefaults.class, List.of()))
            .isNotEqualTo(this.factory.createContextCustomizer(CustomSettings.class, List.of()));
    }

    @Test
    void pointsThePropertiesAtTheSimulatorAndClosesItWithTheContext() throws IOException {
        GradientSimulator simulator;
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            new GradientSimulatorContextCustomizer(new GradientSimulatorSettings(true, "a-test-token", true))
                .customizeContext(context, null);
            context.refresh();
            simulator = context.getBean(GradientSimulator.class);
            assertThat(simulator.hasManualClock()).isTrue();
            assertThat(context.getEnvironment().getProperty("gradient.base-url")).isEqualTo(simulator.baseUrl());
            assertThat(context.getEnvironment().getProperty("gradient.access-token")).isEqualTo("a-test-token");
            assertThat(context.getEnvironment().getPropertySources().iterator().next().getName())
                .isEqualTo(GradientSimulatorContextCustomizer.PROPERTY_SOURCE_NAME);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", simulator.port()), 2000);
                assertThat(socket.isConnected()).isTrue();
            }
        }
        SimulatorPorts.assertReleased(simulator);
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
    static class Defaults {

    }

    @AutoConfigureGradientSimulator
    static class AlsoDefaults {

    }

    @AutoConfigureGradientSimulator(manualClock = false, accessToken = "custom-token", rateLimits = false)
    static class CustomSettings {

    }

}
