package io.github.gradientspring.sample.quickstart;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The README's quickstart as a user would have it: {@code quickstart/application.yml} (the README's YAML, word for
 * word) with {@code DIGITALOCEAN_ACCESS_TOKEN} set, and the {@link Reindexer} service.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuickstartTests {

    @Test
    void theQuickstartConfigurationAndServiceReindexAKnowledgeBase() throws Exception {
        try (GradientSimulator simulator = GradientSimulator.builder().manualClock().accessToken("my-token").start();
                ConfigurableApplicationContext context = new SpringApplicationBuilder(QuickstartApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--spring.config.location=classpath:/quickstart/application.yml",
                            "--DIGITALOCEAN_ACCESS_TOKEN=my-token", "--gradient.base-url=" + simulator.baseUrl(),
                            "--gradient.watch.initial-interval=10ms", "--gradient.watch.max-interval=50ms")) {
            String kb = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(10, 4_000)).uuid();

            CompletableFuture<IndexingJob> reindexed = context.getBean(Reindexer.class).reindex(kb).toFuture();
            simulator.journal().await(Operation.CREATE, 1).get(10, TimeUnit.SECONDS);
            simulator.advance(Duration.ofMinutes(1));

            assertThat(reindexed.get(30, TimeUnit.SECONDS).phase()).isEqualTo(IndexingJobPhase.SUCCEEDED);
            assertThat(simulator.journal().last().header("Authorization")).isEqualTo("Bearer my-token");
        }
    }

    @Test
    void withTheVariableUnsetTheQuickstartConfigurationReachesTheFriendlyReport(CapturedOutput output) {
        // No process environment, so no DIGITALOCEAN_ACCESS_TOKEN: the ${DIGITALOCEAN_ACCESS_TOKEN:} placeholder is
        // empty, not an error.
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        SpringApplicationBuilder application = new SpringApplicationBuilder(QuickstartApplication.class)
            .web(WebApplicationType.NONE)
            .environment(environment);
        assertThatException().isThrownBy(() -> application.run(
                "--spring.config.location=classpath:/quickstart/application.yml", "--spring.main.banner-mode=off"));
        assertThat(output).contains("APPLICATION FAILED TO START", "no DigitalOcean access token is configured",
                "DIGITALOCEAN_TOKEN")
            .doesNotContain("Could not resolve placeholder");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Reindexer.class)
    static class QuickstartApplication {

    }

}
