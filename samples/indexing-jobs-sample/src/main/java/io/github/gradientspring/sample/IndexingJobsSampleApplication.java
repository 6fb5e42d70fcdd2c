package io.github.gradientspring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A WebFlux application on the Gradient starter: HTTP endpoints over the injected
 * {@link io.github.gradientspring.client.IndexingJobsClient}, a server-sent-events stream of a job's progress,
 * actuator health, metrics and Prometheus, and a terminal demo.
 * <p>
 * In local mode (the default, {@code sample.mode=local}) it runs against an embedded Gradient simulator that
 * {@link LocalModeEnvironmentPostProcessor} starts before the client exists; with {@code sample.mode=remote} it
 * talks to whatever {@code gradient.*} says, DigitalOcean by default.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class IndexingJobsSampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(IndexingJobsSampleApplication.class, args);
    }

}
