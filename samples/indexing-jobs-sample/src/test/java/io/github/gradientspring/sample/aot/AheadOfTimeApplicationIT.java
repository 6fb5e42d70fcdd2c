package io.github.gradientspring.sample.aot;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as {@code spring-boot:process-aot} left it (the build runs that goal before packaging), started in its
 * own JVM with {@code -Dspring.aot.enabled=true} against a simulator: the generated bean definitions, and not
 * component scanning or auto-configuration conditions, make the context; health is UP and a cancel goes through.
 * The simulator is not on the application's class path (it is a test dependency of the sample only). No GraalVM
 * native image is built.
 */
class AheadOfTimeApplicationIT {

    private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");

    @Test
    void theAotProcessedApplicationIsHealthyAndCancelsAJobOnTheSimulator() throws Exception {
        Path classes = Path.of(System.getProperty("sample.classes", "target/classes"));
        assertThat(classes.resolve(
                "io/github/gradientspring/sample/IndexingJobsSampleApplication__ApplicationContextInitializer.class"))
            .as("spring-boot:process-aot ran").exists();
        Path log = Path.of(System.getProperty("sample.log", "target/aot-application.log"));
        try (GradientSimulator simulator = GradientSimulator.builder().manualClock().start()) {
            String kb = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("aot").dataSource(10, 4_000)).uuid();
            Process application = new ProcessBuilder(javaExecutable(), "-Dspring.aot.enabled=true", "-cp",
                    applicationClassPath(), "io.github.gradientspring.sample.IndexingJobsSampleApplication",
                    "--server.port=0", "--server.address=127.0.0.1", "--gradient.base-url=" + simulator.baseUrl(),
                    "--gradient.access-token=" + simulator.accessToken())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            try {
                String port = await().atMost(Duration.ofSeconds(90))
                    .until(() -> port(log), (found) -> found != null || !application.isAlive());
                assertThat(port).as("the application started (see %s)", log).isNotNull();
                assertThat(Files.readString(log)).contains("AOT-processed");
                WebTestClient http = WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + port)
                    .responseTimeout(Duration.ofSeconds(20))
                    .build();

                http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("UP")
                    .jsonPath("$.components.gradient.status").isEqualTo("UP");
                AtomicReference<String> uuid = new AtomicReference<>();
                http.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"knowledgeBaseUuid\":\"" + kb + "\"}")
                    .exchange()
                    .expectStatus().isCreated()
                    .expectBody()
                    .jsonPath("$.uuid").value(String.class, uuid::set);
                assertThat(uuid.get()).isNotBlank();
                http.post().uri("/jobs/{uuid}/cancel", uuid.get()).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.phase").isEqualTo("CANCELLED");

                assertThat(simulator.journal().count(Operation.CANCEL)).isEqualTo(1);
                assertThat(simulator.journal().last().header("Authorization"))
                    .isEqualTo("Bearer " + simulator.accessToken());
            }
            finally {
                application.destroy();
                if (!application.waitFor(30, TimeUnit.SECONDS)) {
                    application.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String port(Path log) throws Exception {
        if (!Files.exists(log)) {
            return null;
        }
        Matcher matcher = PORT.matcher(Files.readString(log));
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // The production application's class path: this JVM's, less the test classes (whose test configurations it
    // must not see) and less the simulator and the test support, which are test dependencies only: the application
    // runs without them.
    private static String applicationClassPath() {
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter((entry) -> !entry.endsWith("test-classes"))
            .filter((entry) -> !entry.contains("gradient-simulator") && !entry.contains("gradient-spring-boot-test"))
            .toList();
        assertThat(entries).isNotEmpty().noneMatch((entry) -> entry.contains("gradient-simulator"));
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }

}
