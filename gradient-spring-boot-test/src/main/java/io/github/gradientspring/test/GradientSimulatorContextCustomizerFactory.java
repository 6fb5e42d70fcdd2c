package io.github.gradientspring.test;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds {@link AutoConfigureGradientSimulator} on a test class (or an enclosing class of a {@code @Nested} one) and
 * contributes the customizer that starts the simulator. Registered in {@code META-INF/spring.factories}.
 */
class GradientSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureGradientSimulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                AutoConfigureGradientSimulator.class);
        return (annotation != null) ? new GradientSimulatorContextCustomizer(GradientSimulatorSettings.of(annotation))
                : null;
    }

}
