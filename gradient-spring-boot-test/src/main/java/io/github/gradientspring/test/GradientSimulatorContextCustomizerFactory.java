package io.github.gradientspring.test;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Adds the test defaults of {@link AutoConfigureGradientSimulator} below every other property source: quick watch
 * polling, since the simulator's jobs move with its clock rather than in real time. Registered in
 * {@code META-INF/spring.factories}; the simulator itself comes from {@link GradientSimulatorAutoConfiguration}.
 */
class GradientSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

    /** The name of the property source of the test defaults. */
    static final String PROPERTY_SOURCE_NAME = "gradientSimulatorTestDefaults";

    /** The test defaults. */
    static final Map<String, Object> DEFAULTS = Map.of("gradient.watch.initial-interval", "10ms",
            "gradient.watch.max-interval", "100ms");

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return (TestContextAnnotationUtils.findMergedAnnotation(testClass,
                AutoConfigureGradientSimulator.class) != null) ? new TestDefaults() : null;
    }

    /** One instance equals another, so that it never splits Spring's context cache. */
    static final class TestDefaults implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getEnvironment().getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, DEFAULTS));
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof TestDefaults;
        }

        @Override
        public int hashCode() {
            return TestDefaults.class.hashCode();
        }

    }

}
