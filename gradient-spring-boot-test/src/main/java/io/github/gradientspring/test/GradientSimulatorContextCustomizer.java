package io.github.gradientspring.test;

import java.util.Map;

import io.github.gradientspring.simulator.GradientSimulator;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a {@link GradientSimulator} for a test context, points the {@code gradient.*} properties at it, registers
 * it as a bean and closes it with the context.
 */
final class GradientSimulatorContextCustomizer implements ContextCustomizer {

    /** The name of the simulator bean. */
    static final String BEAN_NAME = "gradientSimulator";

    /** The name of the property source that points the client at the simulator. */
    static final String PROPERTY_SOURCE_NAME = "gradientSimulator";

    private final GradientSimulatorSettings settings;

    GradientSimulatorContextCustomizer(GradientSimulatorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        GradientSimulator simulator = this.settings.start();
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(BEAN_NAME, simulator);
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            // Destroyed with the singletons, which also happens when the context fails to start, so that a broken
            // test configuration does not leave a server listening.
            registry.registerDisposableBean(BEAN_NAME, simulator::close);
        }
        else {
            context.addApplicationListener((ContextClosedEvent event) -> simulator.close());
        }
        // First, so that the simulator wins over application.yml and a real DIGITALOCEAN_ACCESS_TOKEN.
        context.getEnvironment()
            .getPropertySources()
            .addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("gradient.base-url", simulator.baseUrl(),
                    "gradient.access-token", simulator.accessToken())));
    }

    GradientSimulatorSettings settings() {
        return this.settings;
    }

    @Override
    public boolean equals(Object other) {
        return (this == other) || (other instanceof GradientSimulatorContextCustomizer customizer
                && this.settings.equals(customizer.settings));
    }

    @Override
    public int hashCode() {
        return this.settings.hashCode();
    }

}
