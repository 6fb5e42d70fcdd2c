package io.github.gradientspring.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointsTest extends ManualSimulatorTest {

    @Test
    void baseUrlIsLoopbackWithoutTrailingSlash() {
        assertThat(simulator.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(simulator.accessToken()).isEqualTo("simulator-token");
    }

    @Test
    void createAnswersJobEnvelopeWithEveryFieldInWireTypes() {
        Http.Response response = http.post("/v2/gen-ai/indexing_jobs",
                "{\"knowledge_base_uuid\":\"" + kb.uuid() + "\",\"data_source_uuids\":[\"" + kb.dataSourceUuid(0) + "\"]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.header("x-request-id")).matches("[0-9a-f-]{36}");
        JsonNode job = response.job();
        assertThat(job.get("uuid").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(job.get("knowledge_base_uuid").asString()).isEqualTo(kb.uuid());
        assertThat(job.get("data_source_uuids").get(0).asString()).isEqualTo(kb.dataSourceUuid(0));
        assertThat(job.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_PENDING");
        assertThat(job.get("status").asString()).isEqualTo("INDEX_JOB_STATUS_PENDING");
        assertThat(job.get("created_at").asString()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(job.get("updated_at").asString()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(job.has("started_at")).isFalse();
        assertThat(job.has("finished_at")).isFalse();
        // int64 fields are JSON numbers, uint64 fields are JSON strings (gradient-api.md §1.8).
        assertThat(job.get("completed_datasources").isNumber()).isTrue();
        assertThat(job.get("total_datasources").asLong()).isEqualTo(1);
        assertThat(job.get("tokens").isNumber()).isTrue();
        assertThat(job.get("total_tokens").isString()).isTrue();
        assertThat(job.get("is_report_available").asBoolean()).isFalse();
        JsonNode source = job.get("data_source_jobs").get(0);
        assertThat(source.get("data_source_uuid").asString()).isEqualTo(kb.dataSourceUuid(0));
        assertThat(source.get("status").asString()).isEqualTo("DATA_SOURCE_STATUS_UNKNOWN");
        for (String field : new String[] {"indexed_item_count", "indexed_file_count", "failed_item_count",
                "skipped_item_count", "removed_item_count", "total_file_count", "total_bytes", "total_bytes_indexed"}) {
            assertThat(source.get(field).isString()).as(field).isTrue();
        }
        assertThat(source.get("total_bytes").asString()).isEqualTo("400000");
        assertThat(source.get("total_file_count").asString()).isEqualTo("100");
    }

    @Test
    void createWithoutDataSourceUuidsIndexesEveryDataSource() {
        JsonNode job = http.post("/v2/gen-ai/indexing_jobs", "{\"knowledge_base_uuid\":\"" + kb.uuid() + "\"}").job();
        assertThat(job.get("total_datasources").asLong()).isEqualTo(2);
        assertThat(job.get("data_source_uuids")).extracting(JsonNode::asString).containsExactlyElementsOf(kb.dataSourceUuids());

        JsonNode emptyList = http.post("/v2/gen-ai/indexing_jobs",
                "{\"knowledge_base_uuid\":\"" + kb.uuid() + "\",\"data_source_uuids\":[]}").job();
        assertThat(emptyList.get("total_datasources").asLong()).isEqualTo(2);
    }

    @Test
    void retrieveAnswersTheSameJob() {
        String uuid = Fixtures.createJob(http, kb);
        Http.Response response = http.get("/v2/gen-ai/indexing_jobs/" + uuid);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.job().get("uuid").asString()).isEqualTo(uuid);
        assertThat(response.job().get("data_source_jobs")).hasSize(2);
    }

    @Test
    void retrieveAcceptsUpperCaseUuid() {
        String uuid = Fixtures.createJob(http, kb);
        assertThat(http.get("/v2/gen-ai/indexing_jobs/" + uuid.toUpperCase()).status()).isEqualTo(200);
    }

    @Test
    void listAnswersJobsLinksAndMetaNewestFirst() {
        String first = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(1));
        String second = Fixtures.createJob(http, kb);

        Http.Response response = http.get("/v2/gen-ai/indexing_jobs");
        JsonNode body = response.json();
        assertThat(body.get("jobs")).extracting(job -> job.get("uuid").asString()).containsExactly(second, first);
        assertThat(body.get("links").get("pages").isObject()).isTrue();
        assertThat(body.get("links").get("pages").isEmpty()).isTrue();
        assertThat(body.get("meta").get("page").asInt()).isEqualTo(1);
        assertThat(body.get("meta").get("pages").asInt()).isEqualTo(1);
        assertThat(body.get("meta").get("total").asInt()).isEqualTo(2);
        assertThat(body.get("meta").get("total").isNumber()).isTrue();
    }

    @Test
    void listByKnowledgeBaseAnswersOnlyThatKnowledgeBasesJobs() {
        SeededKnowledgeBase other = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("other").dataSource(1, 1));
        String mine = Fixtures.createJob(http, kb);
        Fixtures.createJob(http, other);

        JsonNode body = http.get("/v2/gen-ai/knowledge_bases/" + kb.uuid() + "/indexing_jobs").json();
        assertThat(body.get("jobs")).extracting(job -> job.get("uuid").asString()).containsExactly(mine);
        assertThat(body.get("meta").get("total").asInt()).isEqualTo(1);
        assertThat(body.has("links")).isTrue();
    }

    @Test
    void listByKnowledgeBaseAnswersEmptyListForKnowledgeBaseWithoutJobs() {
        JsonNode body = http.get("/v2/gen-ai/knowledge_bases/" + kb.uuid() + "/indexing_jobs").json();
        assertThat(body.get("jobs")).isEmpty();
        assertThat(body.get("meta").get("total").asInt()).isZero();
    }

    @Test
    void listDataSourcesAnswersIndexedDataSourcesWithoutPagination() {
        String uuid = Fixtures.createJob(http, kb);
        JsonNode body = http.get("/v2/gen-ai/indexing_jobs/" + uuid + "/data_sources").json();
        assertThat(body.get("indexed_data_sources")).extracting(s -> s.get("data_source_uuid").asString())
                .containsExactlyElementsOf(kb.dataSourceUuids());
        assertThat(body.has("links")).isFalse();
        assertThat(body.has("meta")).isFalse();
    }

    @Test
    void detailsSignedUrlAnswersDownloadableUrlOnceReportIsAvailable() {
        String uuid = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(21));

        Http.Response response = http.get("/v2/gen-ai/indexing_jobs/" + uuid + "/details_signed_url");
        assertThat(response.status()).isEqualTo(200);
        String url = response.json().get("signed_url").asString();
        assertThat(url).startsWith(simulator.baseUrl() + "/_simulator/reports/" + uuid + ".json?");

        Http.Response report = new Http(simulator.baseUrl(), null).get(url);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_SUCCEEDED");
    }

    @Test
    void detailsSignedUrlAnswersNotFoundWhileReportIsNotAvailable() {
        String uuid = Fixtures.createJob(http, kb);
        Http.Response response = http.get("/v2/gen-ai/indexing_jobs/" + uuid + "/details_signed_url");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("id").asString()).isEqualTo("not_found");
    }

    @Test
    void cancelAnswersCancelledJob() {
        String uuid = Fixtures.createJob(http, kb);
        Http.Response response = http.put("/v2/gen-ai/indexing_jobs/" + uuid + "/cancel", "{\"uuid\":\"" + uuid + "\"}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_CANCELLED");
    }

    @Test
    void everyResponseCarriesRequestIdAndRateLimitHeaders() {
        for (Http.Response response : new Http.Response[] {
                http.get("/v2/gen-ai/indexing_jobs"),
                http.get("/v2/gen-ai/indexing_jobs/" + kb.uuid()),
                http.withToken("wrong").get("/v2/gen-ai/indexing_jobs"),
                http.get("/v2/nothing-here")}) {
            assertThat(response.header("x-request-id")).isNotBlank();
            assertThat(response.header("ratelimit-limit")).isEqualTo("5000");
            assertThat(response.header("ratelimit-remaining")).isNotNull();
            assertThat(response.header("ratelimit-reset")).isNotNull();
        }
    }

    @Test
    void requestIdsDifferPerResponse() {
        assertThat(http.get("/v2/gen-ai/indexing_jobs").header("x-request-id"))
                .isNotEqualTo(http.get("/v2/gen-ai/indexing_jobs").header("x-request-id"));
    }

    @Test
    void responsesDecodeLikeTheFixtureShapes() {
        String uuid = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(30));
        JsonNode job = http.get("/v2/gen-ai/indexing_jobs/" + uuid).job();
        // Every field the specification declares for a finished job is present (fixtures/get-indexing-job.response.json).
        assertThat(job.propertyNames()).contains("completed_datasources", "created_at", "data_source_jobs",
                "data_source_uuids", "finished_at", "is_report_available", "knowledge_base_uuid", "phase", "started_at",
                "status", "tokens", "total_datasources", "total_tokens", "updated_at", "uuid");
        assertThat(job.get("data_source_jobs").get(0).propertyNames()).contains("completed_at", "data_source_uuid",
                "failed_item_count", "indexed_file_count", "indexed_item_count", "removed_item_count",
                "skipped_item_count", "started_at", "status", "total_bytes", "total_bytes_indexed", "total_file_count");
    }
}
