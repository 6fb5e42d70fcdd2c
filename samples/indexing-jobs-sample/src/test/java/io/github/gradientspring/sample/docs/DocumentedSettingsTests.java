package io.github.gradientspring.sample.docs;

import io.github.gradientspring.docs.DocumentedBeans;
import io.github.gradientspring.sample.IndexingJobsSampleApplication;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.test.AutoConfigureGradientSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/configuration.md and docs/observability.md tell users to write does what they say: the YAML files and
 * beans shown there (the docs' snippets are these files, checked by {@code DocumentationSnippetsTests}).
 */
@SpringBootTest(classes = IndexingJobsSampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.import=classpath:docs/observability-histogram.yml,classpath:docs/observability-probes.yml" })
@AutoConfigureGradientSimulator
@AutoConfigureWebTestClient
@AutoConfigureMetrics
@Import(DocumentedBeans.class)
class DocumentedSettingsTests {

    private static final String UNKNOWN_JOB = "123e4567-e89b-12d3-a456-426614174000";

    @Autowired
    WebTestClient http;

    @Autowired
    GradientSimulator simulator;

    @Test
    void theConventionFoldsFailuresIntoErrorAndTheHistogramIsPublished() {
        this.http.get().uri("/jobs/{uuid}", UNKNOWN_JOB).exchange().expectStatus().isNotFound();

        this.http.get().uri("/actuator/prometheus").exchange()
            .expectStatus().isOk()
            .expectBody(String.class)
            .value((text) -> assertThat(text).containsPattern(
                    "gradient_client_operation_seconds_count\\{[^}]*gradient_operation=\"retrieve\"[^}]*outcome=\"ERROR\"")
                .contains("gradient_client_operation_seconds_bucket{"));
    }

    @Test
    void theCustomizerSwitchesRetriesOff() {
        this.simulator.faults().on(Operation.RETRIEVE).times(1).respond(Fault.status(503));

        this.http.get().uri("/jobs/{uuid}", UNKNOWN_JOB).exchange().expectStatus().isEqualTo(502);

        assertThat(this.simulator.journal().count(Operation.RETRIEVE)).isEqualTo(1);
    }

    @Test
    void theReadinessGroupIncludesGradient() {
        this.http.get().uri("/actuator/health/readiness").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.components.gradient.status").isEqualTo("UP");
    }

}
