package io.github.gradientspring.benchmarks.startup;

import java.time.Duration;

import io.github.gradientspring.benchmarks.Payloads;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.IndexingJob;

import org.jspecify.annotations.Nullable;

import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpResources;

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
     * Stops the application and Reactor Netty's global event loops and connection pool, and waits until their
     * threads have ended. The loops outlive the context, and a loop thread that ends loads Netty classes as it
     * frees its pooled memory ({@code io.netty.buffer.FreeChunkEvent}); once the caller has closed this class's
     * loader, that fails with a {@code NoClassDefFoundError}. So they end here, while the loader is open.
     * @param context the running application
     */
    public static void stop(ConfigurableApplicationContext context) {
        context.close();
        // A quiet period, during which the loops still run tasks, lets the pool close its connections on them.
        HttpResources.disposeLoopsAndConnectionsLater(Duration.ofMillis(100), Duration.ofSeconds(5))
            .block(Duration.ofSeconds(10));
        Schedulers.shutdownNow();
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
