package io.github.gradientspring.sample.local;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.sample.IndexingJobsSampleApplication;
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
import static org.awaitility.Awaitility.await;

/**
 * The local application as the main job starts it ({@link TestIndexingJobsSampleApplication}): the production
 * application plus {@link LocalSimulatorConfiguration}, on the simulator's real clock with short job timing.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalApplicationTests {

    private static final String[] ARGS = { "--server.port=0", "--sample.demo.output=plain",
            "--sample.simulator.pending=200ms", "--sample.simulator.per-data-source=1s",
            "--gradient.watch.initial-interval=50ms", "--gradient.watch.max-interval=100ms", "--sample.demo.timeout=30s",
            "--sample.demo.start-delay=0s",
            "--management.endpoint.health.probes.enabled=true",
            // The local application never sends a configured token anywhere: the simulator's details win.
            "--gradient.access-token=a-real-token-that-must-not-be-used" };

    private static ConfigurableApplicationContext start() {
        return SpringApplication.from(IndexingJobsSampleApplication::main)
            .with(LocalSimulatorConfiguration.class)
            .withAdditionalProfiles("local")
            .run(ARGS)
            .getApplicationContext();
    }

    @Test
    void isReadyWhileTheDemoRunsThenPrintsTheUrlsAndServes(CapturedOutput output) throws Exception {
        GradientSimulator simulator;
        try (ConfigurableApplicationContext context = start()) {
            simulator = context.getBean(GradientSimulator.class);
            String port = context.getEnvironment().getProperty("local.server.port");
            WebTestClient http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
            // run() has returned while the demo (over 3 s of simulated indexing) is still going: it runs off the
            // main thread, and readiness is UP meanwhile.
            simulator.journal().await(Operation.CREATE, 2).get(10, TimeUnit.SECONDS);
            assertThat(simulator.journal().count(Operation.CANCEL)).isZero();
            http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");

            simulator.journal().await(Operation.CANCEL, 1).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(output.getOut()).contains("Serving on http://localhost:" + port)
                        .contains("/actuator/prometheus | grep"));
            assertThat(simulator.journal().count(Operation.CREATE)).isEqualTo(2);
            assertThat(simulator.journal().last().header("Authorization"))
                .isEqualTo("Bearer " + GradientSimulator.DEFAULT_ACCESS_TOKEN);
            String out = output.getOut();
            // The dashboard's URL comes first, and again with the others at the end.
            assertThat(out.indexOf("Dashboard: http://localhost:" + port + "/ (open it in a browser"))
                .isNotNegative()
                .isLessThan(out.indexOf("The client talks to"));
            assertThat(out).contains("Dashboard: http://localhost:" + port + "/" + System.lineSeparator());
            assertThat(out).contains("The client talks to " + simulator.baseUrl() + ".")
                .contains("Demo output: plain (sample.demo.output=plain)")
                .contains("Starting two indexing jobs on knowledge base "
                        + LocalSimulatorConfiguration.DEMO_KNOWLEDGE_BASE_UUID)
                .contains("Cancelling all-sources after 2 of 4 data sources")
                .contains("Cancel answered: phase CANCELLED, status CANCELLED")
                .containsPattern("  all-sources  \\S+  phase CANCELLED, status CANCELLED, 2/4 data sources")
                .containsPattern("  some-sources \\S+  phase SUCCEEDED, status COMPLETED, 3/3 data sources")
                .contains("Scheduling knowledge base " + LocalSimulatorConfiguration.DEMO_KNOWLEDGE_BASE_UUID)
                .containsPattern("  scheduled    \\S+  phase SUCCEEDED, status COMPLETED, 4/4 data sources, started by schedule")
                .contains("Deleted the schedule: IndexingJobsClient.deleteSchedule(")
                .contains("  curl -N http://localhost:" + port + "/jobs/<job-uuid>/events")
                .doesNotContain("a-real-token-that-must-not-be-used");
            // The URLs (the last one printed is awaited above) come after the demo's result.
            assertThat(out.indexOf("Serving on")).isGreaterThan(out.indexOf("started by schedule"));
            // The schedule started its job at its run, the next whole minute on the simulator's clock, at once.
            assertThat(simulator.journal().scheduledRuns()).singleElement()
                .satisfies((run) -> assertThat(run.startedAt().getEpochSecond() % 60).isZero());

            http.get().uri("/jobs").exchange().expectStatus().isOk().expectBody().jsonPath("$.meta.total").isEqualTo(3);
        }
        // The simulator was closed with the application: its port is free to bind again.
        try (ServerSocket rebound = new ServerSocket()) {
            rebound.bind(new InetSocketAddress("127.0.0.1", simulator.port()));
            assertThat(rebound.isBound()).isTrue();
        }
    }

    @Test
    void aShutdownDuringTheDemoEndsItQuietly(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context = start();
        GradientSimulator simulator = context.getBean(GradientSimulator.class);
        simulator.journal().await(Operation.CREATE, 2).get(10, TimeUnit.SECONDS);
        int before = output.getOut().length();

        context.close();

        String afterShutdown = output.getOut().substring(before);
        assertThat(afterShutdown).doesNotContain("The demo failed").doesNotContain("Serving on");
        assertThat(output.getOut()).doesNotContain("Serving on");
        assertThat(simulator.journal().count(Operation.CANCEL)).isZero();
    }

}
