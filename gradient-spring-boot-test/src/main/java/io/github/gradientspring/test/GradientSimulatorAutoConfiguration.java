package io.github.gradientspring.test;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.autoconfigure.GradientConnectionDetails;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.RateLimits;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} imported by
 * {@link AutoConfigureGradientSimulator}: a started {@link GradientSimulator} and the
 * {@link GradientConnectionDetails} of it, primary so that they win over any other details of the application.
 * Settings come from the annotation's attributes, mapped to {@value #PREFIX}{@code .*}.
 */
@AutoConfiguration(before = GradientAutoConfiguration.class)
public final class GradientSimulatorAutoConfiguration {

    /** The prefix the annotation's attributes are mapped to. */
    static final String PREFIX = "gradient.test.simulator";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    GradientSimulator gradientSimulator(Environment environment) {
        GradientSimulator.Builder builder = GradientSimulator.builder()
            .accessToken(environment.getProperty(PREFIX + ".access-token", GradientSimulator.DEFAULT_ACCESS_TOKEN));
        if (environment.getProperty(PREFIX + ".manual-clock", Boolean.class, true)) {
            builder.manualClock();
        }
        if (!environment.getProperty(PREFIX + ".rate-limits", Boolean.class, true)) {
            builder.rateLimits(RateLimits.OFF);
        }
        return builder.start();
    }

    @Bean
    @Primary
    GradientConnectionDetails gradientSimulatorConnectionDetails(GradientSimulator simulator) {
        return new SimulatorConnectionDetails(simulator);
    }

    /** Where the simulator listens and the token it accepts. */
    private record SimulatorConnectionDetails(GradientSimulator simulator) implements GradientConnectionDetails {

        @Override
        public String accessToken() {
            return this.simulator.accessToken();
        }

        @Override
        public String baseUrl() {
            return this.simulator.baseUrl();
        }

    }

}
