package io.github.gradientspring.test;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureGradientSimulator} in a {@code @WebFluxTest} slice, which switches Spring Boot's
 * auto-configuration off: the annotation's imports still give the controller a client pointed at the simulator.
 */
// tag::webflux-test[]
@WebFluxTest
@AutoConfigureGradientSimulator
@Import(WebFluxSliceTests.CancelController.class)
class WebFluxSliceTests {

    @Autowired
    WebTestClient http;

    @Autowired
    IndexingJobsClient client;

    @Autowired
    GradientSimulator simulator;

    @Test
    void theControllerCancelsAJobThroughTheSimulator() {
        String kb = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(10, 4_000)).uuid();
        IndexingJob job = this.client.create(CreateIndexingJobRequest.forKnowledgeBase(kb)).block(Duration.ofSeconds(10));

        this.http.post().uri("/jobs/{uuid}/cancel", job.uuid()).exchange().expectStatus().isOk();

        assertThat(this.simulator.journal().count(Operation.CANCEL)).isEqualTo(1);
    }

    @RestController
    static class CancelController {

        private final IndexingJobsClient gradient;

        CancelController(IndexingJobsClient gradient) {
            this.gradient = gradient;
        }

        @PostMapping("/jobs/{uuid}/cancel")
        Mono<String> cancel(@PathVariable String uuid) {
            return this.gradient.cancel(uuid).map((job) -> job.phase().name());
        }

    }

}
// end::webflux-test[]
