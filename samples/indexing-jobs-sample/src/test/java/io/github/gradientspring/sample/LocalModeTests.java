package io.github.gradientspring.sample;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The application as {@code spring-boot:run} starts it, in local mode: it starts its own simulator (on the real
 * clock, with short job timing), runs the demo to its end, prints the URLs and serves them.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalModeTests {

    @Test
    void runsTheDemoOnAnEmbeddedSimulatorThenServes(CapturedOutput output) {
        GradientSimulator simulator;
        try (ConfigurableApplicationContext context = SpringApplication.run(IndexingJobsSampleApplication.class,
                "--server.port=0", "--sample.demo.output=plain", "--sample.simulator.pending=100ms",
                "--sample.simulator.per-data-source=500ms", "--gradient.watch.initial-interval=50ms",
                "--gradient.watch.max-interval=100ms", "--sample.demo.timeout=30s",
                // Local mode never sends a configured token anywhere: the simulator's own wins.
                "--gradient.access-token=a-real-token-that-must-not-be-used")) {
            simulator = context.getBean(LocalModeEnvironmentPostProcessor.SIMULATOR_BEAN, GradientSimulator.class);
            assertThat(context.getEnvironment().getProperty("gradient.base-url")).isEqualTo(simulator.baseUrl())
                .startsWith("http://127.0.0.1:");
            assertThat(simulator.journal().count(Operation.CREATE)).isEqualTo(2);
            assertThat(simulator.journal().count(Operation.CANCEL)).isEqualTo(1);
            assertThat(simulator.journal().last().header("Authorization"))
                .isEqualTo("Bearer " + GradientSimulator.DEFAULT_ACCESS_TOKEN);

            String port = context.getEnvironment().getProperty("local.server.port");
            assertThat(output.getOut())
                .contains("Local mode: the client talks to the embedded Gradient simulator at " + simulator.baseUrl())
                .contains("Demo output: plain (sample.demo.output=plain)")
                .contains("Starting two indexing jobs on knowledge base "
                        + LocalModeEnvironmentPostProcessor.DEMO_KNOWLEDGE_BASE_UUID)
                .contains("Cancelling all-sources after 2 of 4 data sources")
                .contains("Cancel answered: phase CANCELLED, status CANCELLED")
                .containsPattern("  all-sources  \\S+  phase CANCELLED, status CANCELLED, 2/4 data sources")
                .containsPattern("  some-sources \\S+  phase SUCCEEDED, status COMPLETED, 3/3 data sources")
                .contains("Serving on http://localhost:" + port + " until stopped (Ctrl-C). Try:")
                .contains("  curl -N http://localhost:" + port + "/jobs/<job-uuid>/events")
                .doesNotContain("a-real-token-that-must-not-be-used");

            WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
            http.get().uri("/jobs").exchange().expectStatus().isOk().expectBody().jsonPath("$.meta.total").isEqualTo(2);
            http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .value((text) -> assertThat(text)
                    .contains("gradient_client_operation_seconds_count{error=\"none\",error_type=\"none\",gradient_operation=\"cancel\""));
        }
        // The simulator was closed with the application.
        int simulatorPort = simulator.port();
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> new Socket("127.0.0.1", simulatorPort).close());
    }

}
