package io.github.gradientspring.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorsTest {

    private static final String JOBS = "/v2/gen-ai/indexing_jobs";
    private static final String UNKNOWN = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";

    private GradientSimulator simulator;
    private Http http;
    private SeededKnowledgeBase kb;

    @BeforeEach
    void start() {
        simulator = Fixtures.manual().readOnlyTokens("reader-token").start();
        http = Http.to(simulator);
        kb = Fixtures.docs(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static void assertError(Http.Response response, int status, String id) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.get("id").asString()).isEqualTo(id);
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(body.get("request_id").asString()).isEqualTo(response.header("x-request-id"));
    }

    @Test
    void missingTokenIsUnauthorizedWithDigitalOceanBody() {
        Http.Response response = http.withToken(null).get(JOBS);
        assertError(response, 401, "unauthorized");
        assertThat(response.json().get("message").asString()).isEqualTo("Unable to authenticate you.");
    }

    @Test
    void wrongTokenIsUnauthorized() {
        assertError(http.withToken("not-the-token").get(JOBS), 401, "unauthorized");
    }

    @Test
    void nonBearerSchemeIsUnauthorized() {
        assertError(http.withAuthorization("Basic " + simulator.accessToken()).get(JOBS), 401, "unauthorized");
        assertError(http.withAuthorization("Bearer").get(JOBS), 401, "unauthorized");
        assertThat(http.withAuthorization("bearer " + simulator.accessToken()).get(JOBS).status()).isEqualTo(200);
    }

    @Test
    void readOnlyTokenMayReadButNotCreateOrCancel() {
        Http reader = http.withToken("reader-token");
        String uuid = Fixtures.createJob(http, kb);

        assertThat(reader.get(JOBS + "/" + uuid).status()).isEqualTo(200);
        assertError(reader.post(JOBS, Fixtures.createBody(kb.uuid())), 403, "forbidden");
        assertError(reader.put(JOBS + "/" + uuid + "/cancel", "{}"), 403, "forbidden");
    }

    @Test
    void unknownJobIsNotFoundOnEveryJobEndpoint() {
        assertError(http.get(JOBS + "/" + UNKNOWN), 404, "not_found");
        assertError(http.get(JOBS + "/" + UNKNOWN + "/data_sources"), 404, "not_found");
        assertError(http.get(JOBS + "/" + UNKNOWN + "/details_signed_url"), 404, "not_found");
        assertError(http.put(JOBS + "/" + UNKNOWN + "/cancel", ""), 404, "not_found");
        assertThat(http.get(JOBS + "/" + UNKNOWN).json().get("message").asString())
                .isEqualTo("The resource you requested could not be found.");
    }

    @Test
    void unknownKnowledgeBaseIsNotFound() {
        assertError(http.get("/v2/gen-ai/knowledge_bases/" + UNKNOWN + "/indexing_jobs"), 404, "not_found");
        assertError(http.post(JOBS, Fixtures.createBody(UNKNOWN)), 404, "not_found");
    }

    @Test
    void malformedUuidIsBadRequestOnEveryEndpoint() {
        assertError(http.get(JOBS + "/not-a-uuid"), 400, "bad_request");
        assertError(http.get(JOBS + "/not-a-uuid/data_sources"), 400, "bad_request");
        assertError(http.get(JOBS + "/not-a-uuid/details_signed_url"), 400, "bad_request");
        assertError(http.put(JOBS + "/not-a-uuid/cancel", ""), 400, "bad_request");
        assertError(http.get("/v2/gen-ai/knowledge_bases/not-a-uuid/indexing_jobs"), 400, "bad_request");
        assertError(http.post(JOBS, "{\"knowledge_base_uuid\":\"\\\"12345678-1234-1234-1234-123456789012\\\"\"}"),
                400, "bad_request");
    }

    @Test
    void createWithBadBodiesIsBadRequest() {
        assertError(http.post(JOBS, "{not json"), 400, "bad_request");
        assertError(http.post(JOBS, "[1,2]"), 400, "bad_request");
        assertError(http.post(JOBS, ""), 400, "bad_request");
        assertError(http.post(JOBS, "{}"), 400, "bad_request");
        assertError(http.post(JOBS, "{\"knowledge_base_uuid\": 42}"), 400, "bad_request");
        assertError(http.post(JOBS, "{\"knowledge_base_uuid\":\"" + kb.uuid() + "\",\"data_source_uuids\":\"x\"}"),
                400, "bad_request");
        assertError(http.post(JOBS, "{\"knowledge_base_uuid\":\"" + kb.uuid() + "\",\"data_source_uuids\":[\"example string\"]}"),
                400, "bad_request");
    }

    @Test
    void createWithDataSourceOfAnotherKnowledgeBaseIsNotFound() {
        SeededKnowledgeBase other = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("other").dataSource(1, 1));
        Http.Response response = http.post(JOBS, "{\"knowledge_base_uuid\":\"" + kb.uuid()
                + "\",\"data_source_uuids\":[\"" + other.dataSourceUuid(0) + "\"]}");
        assertError(response, 404, "not_found");
        assertThat(response.json().get("message").asString()).contains(other.dataSourceUuid(0));
        assertThat(simulator.journal().count(Operation.CREATE)).isEqualTo(1);
        assertThat(http.get(JOBS).json().get("meta").get("total").asInt()).isZero();
    }

    @Test
    void createIgnoresUnknownFieldsAndDuplicateDataSources() {
        Http.Response response = http.post(JOBS, "{\"knowledge_base_uuid\":\"" + kb.uuid() + "\",\"extra\":true,"
                + "\"data_source_uuids\":[\"" + kb.dataSourceUuid(1) + "\",\"" + kb.dataSourceUuid(1).toUpperCase() + "\"]}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.job().get("data_source_uuids")).extracting(JsonNode::asString)
                .containsExactly(kb.dataSourceUuid(1));
    }

    @Test
    void cancelAcceptsEveryBodyARealClientSends() {
        String a = Fixtures.createJob(http, kb);
        String b = Fixtures.createJob(http, kb);
        String c = Fixtures.createJob(http, kb);
        String d = Fixtures.createJob(http, kb);
        String e = Fixtures.createJob(http, kb);

        assertThat(http.put(JOBS + "/" + a + "/cancel", null).status()).isEqualTo(200);
        assertThat(http.put(JOBS + "/" + b + "/cancel", "{}").status()).isEqualTo(200);
        assertThat(http.put(JOBS + "/" + c + "/cancel", "{\"uuid\":\"" + c + "\"}").status()).isEqualTo(200);
        assertThat(http.put(JOBS + "/" + d + "/cancel", "{\"uuid\":\"" + d + "\",\"body_uuid\":\"" + d + "\",\"x\":1}")
                .status()).isEqualTo(200);
        assertThat(http.put(JOBS + "/" + e + "/cancel", "{\"uuid\":null}").status()).isEqualTo(200);
    }

    @Test
    void cancelWithBodyUuidDifferentFromPathIsBadRequest() {
        String a = Fixtures.createJob(http, kb);
        String b = Fixtures.createJob(http, kb);
        assertError(http.put(JOBS + "/" + a + "/cancel", "{\"uuid\":\"" + b + "\"}"), 400, "bad_request");
        assertError(http.put(JOBS + "/" + a + "/cancel", "{\"uuid\": 7}"), 400, "bad_request");
        assertError(http.put(JOBS + "/" + a + "/cancel", "{oops"), 400, "bad_request");
        assertThat(http.get(JOBS + "/" + a).job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_PENDING");
    }

    @Test
    void unknownRouteIsNotFound() {
        assertError(http.get("/v2/gen-ai/agents"), 404, "not_found");
        assertError(http.get(JOBS + "/" + UNKNOWN + "/something"), 404, "not_found");
        assertError(http.get("/"), 404, "not_found");
    }

    @Test
    void wrongMethodIsMethodNotAllowedWithAllowHeader() {
        Http.Response response = http.delete(JOBS + "/" + UNKNOWN);
        assertError(response, 405, "method_not_allowed");
        assertThat(response.header("allow")).isEqualTo("GET");
        assertThat(http.get(JOBS + "/" + UNKNOWN + "/cancel").header("allow")).isEqualTo("PUT");
        assertThat(http.put(JOBS, "{}").header("allow")).isEqualTo("GET, POST");
    }

    @Test
    void trailingSlashIsTolerated() {
        assertThat(http.get(JOBS + "/").status()).isEqualTo(200);
    }
}
