package io.github.gradientspring.simulator;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Launches the packaged thin jar with {@code java -jar}, as the docs tell users to, and talks to it. Every wait is
 * bounded, and the process is always destroyed.
 */
class StandaloneJarIT {

    @Test
    void packagedJarStartsPrintsItsAddressAndAnswers() throws Exception {
        Path jar = Path.of(System.getProperty("simulator.jar", "target/gradient-simulator-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).exists();
        assertThat(jar.resolveSibling("lib")).isDirectory();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--token", "it-token", "--demo")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> banner = new ArrayList<>();
            String baseUrl = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        banner.add(line);
                        if (line.startsWith("Try:")) {
                            return banner.stream().filter(l -> l.contains("base URL")).findFirst().orElseThrow()
                                    .replace("base URL", "").trim();
                        }
                    }
                    throw new IllegalStateException("The jar exited early: " + banner);
                }
                catch (java.io.IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }).get(60, TimeUnit.SECONDS);

            assertThat(baseUrl).startsWith("http://127.0.0.1:");
            assertThat(String.join("\n", banner)).contains("it-token", GradientSimulatorMain.DEMO_KNOWLEDGE_BASE,
                    GradientSimulatorMain.DEMO_DATA_SOURCES[2]);
            Http http = new Http(baseUrl, "it-token");
            Http.Response created = http.post("/v2/gen-ai/indexing_jobs",
                    Fixtures.createBody(GradientSimulatorMain.DEMO_KNOWLEDGE_BASE));
            assertThat(created.status()).isEqualTo(200);
            assertThat(created.job().get("total_datasources").asInt()).isEqualTo(4);
        }
        finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(Files.exists(jar)).isTrue();
    }
}
