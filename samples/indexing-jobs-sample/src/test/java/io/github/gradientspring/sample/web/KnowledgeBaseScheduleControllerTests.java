package io.github.gradientspring.sample.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.github.gradientspring.sample.IndexingJobsSampleApplication;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import io.github.gradientspring.test.AutoConfigureGradientSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /knowledge-bases/{kb}/schedule} against the simulator on a manual clock: set, read, replace and remove a
 * knowledge base's schedule, and see it start a job when the simulator's clock reaches its time.
 */
@SpringBootTest(classes = IndexingJobsSampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "gradient.retry.max-retries=0")
@AutoConfigureGradientSimulator
@AutoConfigureWebTestClient
class KnowledgeBaseScheduleControllerTests {

    private static final String UNKNOWN = "123e4567-e89b-12d3-a456-426614174000";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Autowired
    GradientSimulator simulator;

    SeededKnowledgeBase docs;

    @BeforeEach
    void seed() {
        this.docs = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(10, 4_000));
    }

    @Test
    void putSetsTheScheduleAndGetReadsItBack() {
        Map<String, Object> put = put(this.docs.uuid(), "{\"time\":\"02:30\",\"days\":[\"THURSDAY\",\"MONDAY\"]}");
        assertThat(put).containsEntry("knowledgeBaseUuid", this.docs.uuid())
            .containsEntry("time", "02:30")
            .containsEntry("days", List.of("MONDAY", "THURSDAY"))
            .containsEntry("active", true)
            .containsKeys("uuid", "nextRunAt", "createdAt");
        assertThat(this.simulator.journal().last().body()).contains("\"time\":\"02:30\"", "\"days\":[1,4]");

        Map<String, Object> got = this.http.get().uri("/knowledge-bases/{kb}/schedule", this.docs.uuid()).exchange()
            .expectStatus().isOk()
            .expectBody(JSON).returnResult().getResponseBody();
        assertThat(got).isEqualTo(put);
    }

    @Test
    void putReplacesASchedule() {
        Map<String, Object> first = put(this.docs.uuid(), "{\"time\":\"02:30\",\"days\":[\"MONDAY\"]}");
        Map<String, Object> second = put(this.docs.uuid(), "{\"time\":\"04:15\",\"days\":[\"SUNDAY\"]}");
        assertThat(second.get("uuid")).isNotEqualTo(first.get("uuid"));
        assertThat(second).containsEntry("time", "04:15").containsEntry("days", List.of("SUNDAY"));
        assertThat(this.simulator.journal().count(Operation.DELETE_SCHEDULE)).isEqualTo(1);
        assertThat(this.simulator.schedules()).extracting((s) -> s.active()).containsExactly(false, true);
    }

    @Test
    void aScheduleStartsAJobWhenTheSimulatorsClockReachesIt() {
        LocalDateTime soon = LocalDateTime.ofInstant(this.simulator.now(), ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MINUTES)
            .plusMinutes(2);
        put(this.docs.uuid(), "{\"time\":\"" + soon.format(DateTimeFormatter.ofPattern("HH:mm")) + "\",\"days\":[\""
                + soon.getDayOfWeek() + "\"]}");
        Instant runAt = soon.toInstant(ZoneOffset.UTC);
        this.simulator.advance(Duration.between(this.simulator.now(), runAt));

        this.http.get().uri("/jobs?knowledgeBase={kb}", this.docs.uuid()).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.jobs.length()").isEqualTo(1)
            .jsonPath("$.jobs[0].knowledgeBaseUuid").isEqualTo(this.docs.uuid());
        Map<String, Object> schedule = this.http.get().uri("/knowledge-bases/{kb}/schedule", this.docs.uuid())
            .exchange()
            .expectBody(JSON).returnResult().getResponseBody();
        assertThat(Instant.parse((String) schedule.get("lastRanAt"))).isEqualTo(runAt);
        assertThat(Instant.parse((String) schedule.get("nextRunAt"))).isEqualTo(runAt.plus(Duration.ofDays(7)));
    }

    @Test
    void deleteRemovesTheScheduleAndGetIsThenA404Problem() {
        put(this.docs.uuid(), "{\"time\":\"02:30\",\"days\":[\"MONDAY\"]}");
        this.http.delete().uri("/knowledge-bases/{kb}/schedule", this.docs.uuid()).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.active").isEqualTo(false)
            .jsonPath("$.deletedAt").isNotEmpty();
        this.http.get().uri("/knowledge-bases/{kb}/schedule", this.docs.uuid()).exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.gradientErrorId").isEqualTo("not_found");
        this.http.delete().uri("/knowledge-bases/{kb}/schedule", this.docs.uuid()).exchange()
            .expectStatus().isNotFound();
    }

    @Test
    void anUnknownKnowledgeBaseIsA404Problem() {
        this.http.put().uri("/knowledge-bases/{kb}/schedule", UNKNOWN).contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"time\":\"02:30\",\"days\":[\"MONDAY\"]}")
            .exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void badInputIsA400ProblemNamingTheFieldAndNothingIsSent() {
        expectBadRequest(this.docs.uuid(), "{\"time\":\"25:00\",\"days\":[\"MONDAY\"]}", "time");
        expectBadRequest(this.docs.uuid(), "{\"time\":\"02:30\",\"days\":[]}", "days");
        expectBadRequest(this.docs.uuid(), "{\"time\":\"02:30\"}", "days");
        expectBadRequest("not-a-uuid", "{\"time\":\"02:30\",\"days\":[\"MONDAY\"]}", "knowledgeBaseUuid");
        this.http.put().uri("/knowledge-bases/{kb}/schedule", this.docs.uuid()).contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"time\":\"02:30\",\"days\":[\"FUNDAY\"]}")
            .exchange()
            .expectStatus().isBadRequest();
        assertThat(this.simulator.journal().total()).isZero();
    }

    private Map<String, Object> put(String knowledgeBase, String body) {
        return this.http.put().uri("/knowledge-bases/{kb}/schedule", knowledgeBase)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus().isOk()
            .expectBody(JSON).returnResult().getResponseBody();
    }

    private void expectBadRequest(String knowledgeBase, String body, String field) {
        this.http.put().uri("/knowledge-bases/{kb}/schedule", knowledgeBase).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail").value((String detail) -> assertThat(detail).contains(field));
    }

}
