package io.github.gradientspring.sample.local;

import io.github.gradientspring.sample.IndexingJobsSampleApplication;

import org.springframework.boot.SpringApplication;

/**
 * The sample application on an embedded simulator: the main job ({@code -Pdemo} runs it with
 * {@code spring-boot:test-run}). Spring Boot's dev-time idiom: the production application, plus
 * {@link LocalSimulatorConfiguration} and the {@code local} profile ({@code application-local.yml}: the demo on,
 * its knowledge base, quick polling), all from the test class path.
 */
public final class TestIndexingJobsSampleApplication {

    private TestIndexingJobsSampleApplication() {
    }

    public static void main(String[] args) {
        // tag::test-application[]
        SpringApplication.from(IndexingJobsSampleApplication::main)
            .with(LocalSimulatorConfiguration.class)
            .withAdditionalProfiles("local")
            .run(args);
        // end::test-application[]
    }

}
