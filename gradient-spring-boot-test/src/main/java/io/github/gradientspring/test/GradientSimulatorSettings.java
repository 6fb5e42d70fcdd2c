package io.github.gradientspring.test;

import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.RateLimits;

/**
 * The simulator a test asked for with {@link AutoConfigureGradientSimulator}. A value, so that Spring's context
 * cache shares one context between tests that ask for the same simulator and keeps apart those that do not.
 */
record GradientSimulatorSettings(boolean manualClock, String accessToken, boolean rateLimits) {

    static GradientSimulatorSettings of(AutoConfigureGradientSimulator annotation) {
        return new GradientSimulatorSettings(annotation.manualClock(), annotation.accessToken(),
                annotation.rateLimits());
    }

    GradientSimulator start() {
        GradientSimulator.Builder builder = GradientSimulator.builder().accessToken(this.accessToken);
        if (this.manualClock) {
            builder.manualClock();
        }
        if (!this.rateLimits) {
            builder.rateLimits(RateLimits.OFF);
        }
        return builder.start();
    }

}
