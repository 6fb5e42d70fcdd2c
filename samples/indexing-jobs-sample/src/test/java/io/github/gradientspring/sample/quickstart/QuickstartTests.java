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

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quickstart as a user would have it: {@code quickstart/application.yml} (the README's YAML, word for
 * word) with {@code DIGITALOCEAN_ACCESS_TOKEN} set, and the {@link Reindexer} service.
 */
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

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Reindexer.class)
    static class QuickstartApplication {

    }

}
