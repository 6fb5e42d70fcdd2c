package io.github.gradientspring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A WebFlux application on the Gradient starter: HTTP endpoints over the injected
 * {@link io.github.gradientspring.client.IndexingJobsClient}, a server-sent-events stream of a job's progress,
 * actuator health, metrics and Prometheus, and a terminal demo.
 * <p>
 * It talks to whatever {@code gradient.*} says, DigitalOcean by default. The main job runs it on an embedded
 * simulator instead, through {@code TestIndexingJobsSampleApplication} on the test class path.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class IndexingJobsSampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(IndexingJobsSampleApplication.class, args);
    }

}
