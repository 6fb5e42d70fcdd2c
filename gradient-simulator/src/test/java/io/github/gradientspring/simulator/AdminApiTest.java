package io.github.gradientspring.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AdminApiTest {

    private static final String JOBS = "/v2/gen-ai/indexing_jobs";

    private GradientSimulator simulator;
    private Http http;
    private Http admin;

    @BeforeEach
    void start() {
        simulator = Fixtures.manual().start();
        http = Http.to(simulator);
        admin = new Http(simulator.baseUrl(), null);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private String seed() {
        Http.Response response = admin.post("/_simulator/knowledge_bases",
                "{\"name\":\"docs\",\"data_sources\":[{\"items\":10,\"bytes\":4000},"
                        + "{\"uuid\":\"9a825ee0-bbb1-11ef-bf8f-4e013e2ddde4\",\"items\":2,\"bytes\":8}]}");
        assertThat(response.status()).isEqualTo(201);
        return response.json().get("uuid").asString();
    }

    @Test
    void seedingOverHttpCreatesAKnowledgeBaseAJobCanUse() {
        String kb = seed();
        JsonNode listed = admin.get("/_simulator/knowledge_bases").json().get("knowledge_bases").get(0);
        assertThat(listed.get("uuid").asString()).isEqualTo(kb);
        assertThat(listed.get("data_sources").get(1).get("uuid").asString()).isEqualTo("9a825ee0-bbb1-11ef-bf8f-4e013e2ddde4");
        assertThat(http.post(JOBS, Fixtures.createBody(kb)).status()).isEqualTo(200);
    }

    @Test
    void seedingWithBadInputIsBadRequest() {
        assertThat(admin.post("/_simulator/knowledge_bases", "{\"name\":\"x\"}").status()).isEqualTo(400);
        assertThat(admin.post("/_simulator/knowledge_bases", "{\"name\":\"x\",\"uuid\":\"nope\",\"data_sources\":[{}]}")
                .status()).isEqualTo(400);
        assertThat(admin.post("/_simulator/knowledge_bases", "not json").status()).isEqualTo(400);
    }

    @Test
    void stateShowsBaseUrlTokenClockAndKnowledgeBases() {
        seed();
        JsonNode state = admin.get("/_simulator/state").json();
        assertThat(state.get("base_url").asString()).isEqualTo(simulator.baseUrl());
        assertThat(state.get("access_token").asString()).isEqualTo("simulator-token");
        assertThat(state.get("manual").asBoolean()).isTrue();
        assertThat(state.get("now").asString()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(state.get("knowledge_bases")).hasSize(1);
    }

    @Test
    void advancingTheClockMovesJobs() {
        String kb = seed();
        String job = http.post(JOBS, Fixtures.createBody(kb)).job().get("uuid").asString();
        JsonNode advanced = admin.post("/_simulator/clock/advance", "{\"seconds\": 60}").json();
        assertThat(advanced.get("now").asString()).isEqualTo("2026-01-01T00:01:00.000Z");
        assertThat(admin.post("/_simulator/clock/advance", "{\"duration\": \"PT1M\"}").json().get("now").asString())
                .isEqualTo("2026-01-01T00:02:00.000Z");
        assertThat(admin.post("/_simulator/clock/advance", "{\"millis\": 500}").status()).isEqualTo(200);
        assertThat(admin.get("/_simulator/clock").json().get("now").asString()).isEqualTo("2026-01-01T00:02:00.500Z");
        assertThat(http.get(JOBS + "/" + job).job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_SUCCEEDED");
        assertThat(admin.post("/_simulator/clock/advance", "{}").status()).isEqualTo(400);
    }

    @Test
    void advancingARealClockIsAConflict() {
        try (GradientSimulator real = GradientSimulator.builder().start()) {
            Http.Response response = new Http(real.baseUrl(), null).post("/_simulator/clock/advance", "{\"seconds\":1}");
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.json().get("message").asString()).contains("real clock");
        }
    }

    @Test
    void advancingARealClockOverHttpNamesTheJarsFlag() {
        try (GradientSimulator real = GradientSimulator.builder().start()) {
            Http.Response response = new Http(real.baseUrl(), null).post("/_simulator/clock/advance", "{\"seconds\":1}");
            assertThat(response.json().get("message").asString())
                .isEqualTo("The simulator runs on a real clock; start it with --manual-clock "
                        + "(GradientSimulator.builder().manualClock() in Java) to advance time");
        }
    }

    @Test
    void faultsCanBeArmedAndClearedOverHttp() {
        String kb = seed();
        Http.Response armed = admin.post("/_simulator/faults", "{\"operation\":\"CREATE\",\"times\":2,"
                + "\"fault\":{\"kind\":\"status\",\"status\":503,\"retry_after_seconds\":2,\"should_retry\":true}}");
        assertThat(armed.status()).isEqualTo(200);
        Http.Response faulted = http.post(JOBS, Fixtures.createBody(kb));
        assertThat(faulted.status()).isEqualTo(503);
        assertThat(faulted.header("retry-after")).isEqualTo("2");
        assertThat(faulted.header("x-should-retry")).isEqualTo("true");
        assertThat(admin.delete("/_simulator/faults").status()).isEqualTo(200);
        assertThat(http.post(JOBS, Fixtures.createBody(kb)).status()).isEqualTo(200);
    }

    @Test
    void everyFaultKindCanBeDescribedInJson() {
        for (String fault : new String[] {"{\"kind\":\"delay\",\"delay_ms\":1}", "{\"kind\":\"stall_mid_body\",\"stall_ms\":1}",
                "{\"kind\":\"connection_reset\"}", "{\"kind\":\"reset_mid_body\"}", "{\"kind\":\"malformed_json\"}",
                "{\"kind\":\"truncated_json\"}", "{\"kind\":\"html_error_page\",\"status\":503}", "{\"kind\":\"empty_body\"}",
                "{\"kind\":\"wrong_content_type\"}", "{\"kind\":\"large_body\",\"size\":1024}",
                "{\"kind\":\"redirect\",\"status\":301,\"location\":\"/x\"}",
                "{\"kind\":\"status\",\"status\":500,\"retry_after_ms\":10,\"retry_after_http_date_seconds\":5,\"body\":\"oops\",\"content_type\":\"text/plain\"}"}) {
            assertThat(admin.post("/_simulator/faults", "{\"fault\":" + fault + "}").status()).as(fault).isEqualTo(200);
        }
        assertThat(simulator.faults().pendingRules()).isEqualTo(12);
        assertThat(admin.post("/_simulator/faults", "{\"fault\":{\"kind\":\"explode\"}}").status()).isEqualTo(400);
        assertThat(admin.post("/_simulator/faults", "{\"operation\":\"NOPE\",\"fault\":{\"kind\":\"empty_body\"}}").status())
                .isEqualTo(400);
    }

    @Test
    void outageAndRandomModeCanBeSwitchedOverHttp() {
        assertThat(admin.post("/_simulator/faults/outage", "").status()).isEqualTo(200);
        assertThat(http.get(JOBS).status()).isEqualTo(503);
        assertThat(admin.delete("/_simulator/faults/outage").status()).isEqualTo(200);
        assertThat(http.get(JOBS).status()).isEqualTo(200);

        assertThat(admin.post("/_simulator/faults/random",
                "{\"seed\":3,\"rate\":1.0,\"faults\":[{\"kind\":\"status\",\"status\":502}]}").status()).isEqualTo(200);
        assertThat(http.get(JOBS).status()).isEqualTo(502);
    }

    @Test
    void scriptsCanBeSetPerNextJobAndPerKnowledgeBase() {
        String kb = seed();
        assertThat(admin.post("/_simulator/scripts", "{\"script\":\"error_at:0\"}").status()).isEqualTo(200);
        assertThat(admin.post("/_simulator/scripts", "{\"script\":\"fail_at:0\",\"knowledge_base_uuid\":\"" + kb + "\"}")
                .status()).isEqualTo(200);
        String first = http.post(JOBS, Fixtures.createBody(kb)).job().get("uuid").asString();
        String second = http.post(JOBS, Fixtures.createBody(kb)).job().get("uuid").asString();
        simulator.advance(java.time.Duration.ofMinutes(5));
        assertThat(http.get(JOBS + "/" + first).job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_ERROR");
        assertThat(http.get(JOBS + "/" + second).job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_FAILED");
        assertThat(admin.post("/_simulator/scripts", "{\"script\":\"nonsense\"}").status()).isEqualTo(400);
    }

    @Test
    void journalCanBeReadAndClearedOverHttp() {
        http.get(JOBS + "?page=1");
        http.withToken("wrong").get(JOBS);
        JsonNode journal = admin.get("/_simulator/journal").json();
        assertThat(journal.get("total").asInt()).isEqualTo(2);
        assertThat(journal.get("counts").get("LIST").asInt()).isEqualTo(2);
        JsonNode first = journal.get("requests").get(0);
        assertThat(first.get("method").asString()).isEqualTo("GET");
        assertThat(first.get("query").asString()).isEqualTo("page=1");
        assertThat(first.get("operation").asString()).isEqualTo("LIST");
        assertThat(first.get("headers").get("authorization").get(0).asString()).isEqualTo("Bearer simulator-token");
        assertThat(journal.get("requests").get(1).get("status").asInt()).isEqualTo(401);

        assertThat(admin.delete("/_simulator/journal").status()).isEqualTo(200);
        assertThat(admin.get("/_simulator/journal").json().get("total").asInt()).isZero();
    }

    @Test
    void resetOverHttpForgetsJobs() {
        String kb = seed();
        http.post(JOBS, Fixtures.createBody(kb));
        assertThat(admin.post("/_simulator/reset", "").status()).isEqualTo(200);
        assertThat(http.get(JOBS).json().get("meta").get("total").asInt()).isZero();
    }

    @Test
    void unknownAdminRouteIsNotFound() {
        Http.Response response = admin.get("/_simulator/nothing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("id").asString()).isEqualTo("not_found");
        assertThat(admin.get("/_simulator/reports/not-a-job.json").status()).isEqualTo(404);
    }
}
