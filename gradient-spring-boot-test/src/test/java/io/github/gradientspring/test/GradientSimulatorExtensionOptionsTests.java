package io.github.gradientspring.test;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.error.GradientServerException;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GradientSimulatorExtension} registered with options for the simulator and the client.
 */
class GradientSimulatorExtensionOptionsTests {

    // tag::register-extension[]
    @RegisterExtension
    static GradientSimulatorExtension gradient = new GradientSimulatorExtension()
        .simulator((simulator) -> simulator.accessToken("my-test-token").rateLimits(RateLimits.OFF))
        .client((client) -> client.retryPolicy(RetryPolicy.none()));

    @Test
    void failsAtOnceWithoutRetries(GradientSimulator simulator, IndexingJobsClient client) {
        simulator.faults().on(Operation.RETRIEVE).times(1).respond(Fault.status(503));

        StepVerifier.create(client.retrieve("123e4567-e89b-12d3-a456-426614174000"))
            .expectError(GradientServerException.class)
            .verify(Duration.ofSeconds(10));

        assertThat(simulator.journal().count(Operation.RETRIEVE)).isEqualTo(1);
    }
    // end::register-extension[]

    @Test
    void appliesTheSimulatorOptionsAfterTheManualClockDefault(GradientSimulator simulator) {
        assertThat(simulator.accessToken()).isEqualTo("my-test-token");
        assertThat(simulator.rateLimits()).isEqualTo(RateLimits.OFF);
        assertThat(simulator.hasManualClock()).isTrue();
    }

}
