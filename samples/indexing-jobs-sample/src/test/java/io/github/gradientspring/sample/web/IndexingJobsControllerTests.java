package io.github.gradientspring.sample.web;

import java.time.Duration;
import java.util.Map;

import io.github.gradientspring.sample.IndexingJobsSampleApplication;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import io.github.gradientspring.test.AutoConfigureGradientSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's HTTP endpoints against the simulator on a manual clock. The test's simulator stands in for the remote
 * API, so the sample (the production application, which carries no simulator) runs no demo.
 */
@SpringBootTest(classes = IndexingJobsSampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "gradient.watch.initial-interval=10ms", "gradient.watch.max-interval=50ms",
                "gradient.retry.max-retries=0" })
@AutoConfigureGradientSimulator
@AutoConfigureWebTestClient
@AutoConfigureMetrics
class IndexingJobsControllerTests {

    private static final String UNKNOWN_JOB = "123e4567-e89b-12d3-a456-426614174000";

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Autowired
    GradientSimulator simulator;

    SeededKnowledgeBase docs;

    @BeforeEach
    void seed() {
        this.docs = this.simulator.addKnowledgeBase(
                KnowledgeBaseSpec.named("docs").dataSource(100, 400_000).dataSource(50, 200_000).dataSource(10, 4_000));
    }

    @Test
    void postStartsAJobAndAnswers201WithItsLocation() {
        Map<String, Object> job = start("{\"knowledgeBaseUuid\":\"" + this.docs.uuid() + "\"}");

        assertThat(job).containsEntry("phase", "PENDING").containsEntry("knowledgeBaseUuid", this.docs.uuid());
        assertThat(this.simulator.journal().last().body()).contains("\"knowledge_base_uuid\":\"" + this.docs.uuid());
    }

    @Test
    void postIndexesOnlyTheDataSourcesGiven() {
        Map<String, Object> job = start("{\"knowledgeBaseUuid\":\"" + this.docs.uuid() + "\",\"dataSourceUuids\":[\""
                + this.docs.dataSourceUuid(1) + "\"]}");

        assertThat(job).containsEntry("totalDatasources", 1);
    }

    @Test
    void listsGetsAndListsTheDataSourcesOfJobs() {
        String uuid = (String) start("{\"knowledgeBaseUuid\":\"" + this.docs.uuid() + "\"}").get("uuid");
        this.simulator.advance(Duration.ofMinutes(1));

        this.http.get().uri("/jobs").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.jobs[0].uuid").isEqualTo(uuid)
            .jsonPath("$.meta.total").isEqualTo(1);
        this.http.get().uri("/jobs?knowledgeBase={kb}", this.docs.uuid()).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.jobs[0].uuid").isEqualTo(uuid);
        this.http.get().uri("/jobs/{uuid}", uuid).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.phase").isEqualTo("SUCCEEDED")
            .jsonPath("$.status").isEqualTo("COMPLETED")
            .jsonPath("$.completedDatasources").isEqualTo(3);
        this.http.get().uri("/jobs/{uuid}/data-sources", uuid).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.length()").isEqualTo(3)
            .jsonPath("$[0].dataSourceUuid").isEqualTo(this.docs.dataSourceUuid(0))
            .jsonPath("$[0].status").isEqualTo("UPDATED")
            .jsonPath("$[0].indexedItemCount").isEqualTo(100);
    }

    @Test
    void cancelsWithPostOrPut() {
        String first = (String) start("{\"knowledgeBaseUuid\":\"" + this.docs.uuid() + "\"}").get("uuid");
        String second = (String) start("{\"knowledgeBaseUuid\":\"" + this.docs.uuid() + "\"}").get("uuid");

        this.http.post().uri("/jobs/{uuid}/cancel", first).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.phase").isEqualTo("CANCELLED");
        this.http.put().uri("/jobs/{uuid}/cancel", second).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.phase").isEqualTo("CANCELLED");
        assertThat(this.simulator.journal().count(Operation.CANCEL)).isEqualTo(2);
    }

    @Test
    void streamsAJobsProgressAsServerSentEventsUntilItEnds() {
        String uuid = (String) start("{\"knowledgeBaseUuid\":\"" + this.docs.uuid() + "\"}").get("uuid");

        Flux<ServerSentEvent<Map<String, Object>>> events = this.http.get().uri("/jobs/{uuid}/events", uuid)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
            .returnResult(EVENT)
            .getResponseBody();

        StepVerifier.create(events)
            .assertNext((event) -> {
                assertThat(event.event()).isEqualTo("job");
                assertThat(event.data()).containsEntry("uuid", uuid).containsEntry("phase", "PENDING");
            })
            .then(() -> this.simulator.advance(Duration.ofSeconds(3)))
            .assertNext((event) -> assertThat(event.data()).containsEntry("phase", "RUNNING"))
            .then(() -> this.http.post().uri("/jobs/{uuid}/cancel", uuid).exchange().expectStatus().isOk())
            .assertNext((event) -> assertThat(event.data()).containsEntry("phase", "CANCELLED"))
            .expectComplete()
            .verify(Duration.ofSeconds(30));
    }

    @Test
    void eventsOfAnUnknownJobAre404() {
        this.http.get().uri("/jobs/{uuid}/events", UNKNOWN_JOB)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus().isNotFound();
    }

    @Test
    void anUnknownJobIsA404ProblemWithGradientsErrorId() {
        this.http.get().uri("/jobs/{uuid}", UNKNOWN_JOB).exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status").isEqualTo(404)
            .jsonPath("$.gradientStatus").isEqualTo(404)
            .jsonPath("$.gradientErrorId").isEqualTo("not_found")
            .jsonPath("$.gradientRequestId").isNotEmpty();
    }

    @Test
    void aBadIdIsA400ProblemWithTheMessageAndNothingIsSent() {
        this.http.get().uri("/jobs/not-a-uuid").exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("jobUuid"));
        this.http.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"knowledgeBaseUuid\":\"x\"}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("knowledgeBaseUuid"));
        assertThat(this.simulator.journal().total()).isZero();
    }

    @Test
    void aMissingBodyIsA400Problem() {
        this.http.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnknownKnowledgeBaseIsA404Problem() {
        this.http.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"knowledgeBaseUuid\":\"" + UNKNOWN_JOB + "\"}")
            .exchange()
            .expectStatus().isNotFound()
            .expectBody().jsonPath("$.gradientErrorId").isEqualTo("not_found");
    }

    @Test
    void aRejectedTokenIsThisServersProblem502() {
        this.simulator.faults().on(Operation.LIST).times(1).respond(Fault.status(401));

        this.http.get().uri("/jobs").exchange()
            .expectStatus().isEqualTo(502)
            .expectBody()
            .jsonPath("$.gradientStatus").isEqualTo(401)
            .jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("gradient.access-token"));
    }

    @Test
    @DirtiesContext // the client honours the 429: its watches pause for the 7 s asked, so the next test gets a new one
    void aRateLimitIsA429WithRetryAfter() {
        this.simulator.faults().on(Operation.RETRIEVE).times(1).respond(Fault.status(429).retryAfter(Duration.ofSeconds(7)));

        this.http.get().uri("/jobs/{uuid}", UNKNOWN_JOB).exchange()
            .expectStatus().isEqualTo(429)
            .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "7");
    }

    @Test
    void actuatorExposesHealthMetricsAndPrometheus() {
        this.http.get().uri("/jobs").exchange().expectStatus().isOk();

        this.http.get().uri("/actuator/health").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.components.gradient.status").isEqualTo("UP");
        this.http.get().uri("/actuator/metrics/gradient.client.operation").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.name").isEqualTo("gradient.client.operation");
        this.http.get().uri("/actuator/prometheus").exchange()
            .expectStatus().isOk()
            .expectBody(String.class)
            .value((text) -> assertThat(text).contains("gradient_client_operation_seconds_count{"));
    }

    private Map<String, Object> start(String body) {
        return this.http.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
            .exchange()
            .expectStatus().isCreated()
            .expectHeader().value(HttpHeaders.LOCATION, (location) -> assertThat(location).startsWith("/jobs/"))
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult()
            .getResponseBody();
    }

}
