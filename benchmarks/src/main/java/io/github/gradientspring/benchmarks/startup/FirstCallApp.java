package io.github.gradientspring.benchmarks.startup;

import java.time.Duration;

import io.github.gradientspring.benchmarks.Payloads;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.IndexingJob;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link StartupApp} with the starter, pointed at a responder, for {@link FirstCallBenchmark}. A class of its own
 * because it refers to the client, which only the {@code with-starter} class path has.
 */
public final class FirstCallApp {

    private FirstCallApp() {
    }

    /**
     * Starts the application.
     * @param baseUrl the responder's address
     * @return the running application
     */
    public static ConfigurableApplicationContext start(String baseUrl) {
        return new SpringApplicationBuilder(StartupApp.class).web(WebApplicationType.NONE)
            .properties("gradient.access-token=x", "gradient.base-url=" + baseUrl, "spring.main.banner-mode=off")
            .run();
    }

    /**
     * Makes the application's first call: one {@code cancel}, as the responder answers it.
     * @param context the running application
     * @return the cancelled job's id
     */
    public static @Nullable String firstCall(ConfigurableApplicationContext context) {
        IndexingJob job = context.getBean(IndexingJobsClient.class)
            .cancel(Payloads.JOB_UUID)
            .block(Duration.ofSeconds(30));
        return (job != null) ? job.uuid() : null;
    }

}
