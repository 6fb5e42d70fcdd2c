package io.github.gradientspring.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java that docs/simulator.md shows runs as the page says: its snippets are the tagged regions below, checked
 * against the page by the sample's DocumentationSnippetsTests.
 */
class DocumentedApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theQuickstartStartsAJobThatFinishesWhenTheClockIsAdvanced() throws Exception {
        // tag::quickstart[]
        try (GradientSimulator simulator = GradientSimulator.builder().manualClock().start()) {
            SeededKnowledgeBase kb = simulator.addKnowledgeBase(
                    KnowledgeBaseSpec.named("docs").dataSource(120, 4_000_000).dataSource(8, 65_536));

            // Point the client under test at simulator.baseUrl() ("http://127.0.0.1:PORT", no trailing slash)
            // with simulator.accessToken(), and start a job on kb.uuid():
            String job = startIndexing(simulator.baseUrl(), simulator.accessToken(), kb.uuid());

            simulator.advance(Duration.ofSeconds(30));          // … the job has now finished
            assertThat(simulator.journal().count(Operation.CREATE)).isEqualTo(1);
            assertThat(jobJson(simulator, job)).contains("BATCH_JOB_PHASE_SUCCEEDED");
        }
        // end::quickstart[]
    }

    @Test
    void theFaultsSnippetArmsAndClearsEveryKindOfRule() throws Exception {
        try (GradientSimulator simulator = GradientSimulator.builder().start()) {
            // tag::faults[]
            simulator.faults().on(Operation.CANCEL).times(2)
                    .respond(Fault.status(503).retryAfter(Duration.ofSeconds(1)));
            simulator.faults().on(Operation.RETRIEVE).afterRequests(2).respond(Fault.connectionReset()); // the 3rd poll
            simulator.faults().onAny().always().respond(Fault.htmlErrorPage());
            simulator.faults().random(42L, 0.10, List.of(Fault.status(503), Fault.connectionReset(), Fault.delay(Duration.ofMillis(200))));
            simulator.faults().outage();          // every API request answers 503 until endOutage() or clear()
            // end::faults[]
            assertThat(simulator.faults().pendingRules()).isEqualTo(3);
            assertThat(statusOf(simulator, "/v2/gen-ai/indexing_jobs")).isEqualTo(503);
            // tag::faults-clear[]
            simulator.faults().clear();
            // end::faults-clear[]
            assertThat(simulator.faults().pendingRules()).isZero();
            assertThat(statusOf(simulator, "/v2/gen-ai/indexing_jobs")).isEqualTo(200);
        }
    }

    @Test
    void theJournalSnippetReadsWhatWasReceived() throws Exception {
        try (GradientSimulator simulator = GradientSimulator.builder().start()) {
            SeededKnowledgeBase kb = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(1, 1));
            String job = startIndexing(simulator.baseUrl(), simulator.accessToken(), kb.uuid());
            for (int i = 0; i < 3; i++) {
                jobJson(simulator, job);
            }
            // tag::journal[]
            Journal journal = simulator.journal();
            journal.count(Operation.CANCEL);           // requests routed to CANCEL, whatever they were answered
            journal.requests();                        // List<RecordedRequest>, oldest first
            journal.requests(Operation.RETRIEVE);
            journal.last();
            journal.total(); journal.rateLimited(); journal.counts();
            journal.await(Operation.RETRIEVE, 3).get(5, SECONDS);   // CompletableFuture: no polling, no sleeping
            // end::journal[]
            assertThat(journal.requests(Operation.RETRIEVE)).hasSize(3);
            assertThat(journal.total()).isEqualTo(4);
            // tag::journal-clear[]
            journal.clear();
            // end::journal-clear[]
            assertThat(journal.total()).isZero();
        }
    }

    private static String startIndexing(String baseUrl, String token, String knowledgeBaseUuid) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v2/gen-ai/indexing_jobs"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"knowledge_base_uuid\":\"" + knowledgeBaseUuid + "\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        java.util.regex.Matcher uuid = java.util.regex.Pattern.compile("\"uuid\":\"([0-9a-f-]{36})\"").matcher(response.body());
        assertThat(uuid.find()).isTrue();
        return uuid.group(1);
    }

    private static String jobJson(GradientSimulator simulator, String job) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v2/gen-ai/indexing_jobs/" + job))
            .header("Authorization", "Bearer " + simulator.accessToken())
            .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int statusOf(GradientSimulator simulator, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
            .header("Authorization", "Bearer " + simulator.accessToken())
            .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
