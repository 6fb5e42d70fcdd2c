package io.github.gradientspring.client;

import java.time.Duration;
import java.util.List;

import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.PageRequest;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes over the wire for each of the seven endpoints: method, path, query, headers and body, and how the
 * envelopes of the answers are unwrapped.
 */
class WireFormatTests {

    private final MockGradientApi api = new MockGradientApi();

    private final IndexingJobsClient client = this.api.client();

    @AfterEach
    void close() {
        this.api.close();
    }

    @Test
    void cancelSendsUuidInBodyAndPath() {
        this.api.enqueueFixture("cancel-indexing-job.response.json");
        IndexingJob job = this.client.cancel(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        RecordedRequest request = this.api.take();
        assertThat(request.getMethod()).isEqualTo("PUT");
        assertThat(request.getTarget()).isEqualTo("/v2/gen-ai/indexing_jobs/" + MockGradientApi.JOB + "/cancel");
        assertThat(request.getBody().utf8()).isEqualTo("{\"uuid\":\"" + MockGradientApi.JOB + "\"}");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(job.uuid()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void createPostsKnowledgeBaseAndDataSources() {
        this.api.enqueueFixture("create-indexing-job.response.json");
        IndexingJob job = this.client
            .create(CreateIndexingJobRequest.forDataSources(MockGradientApi.KB, List.of(MockGradientApi.DS)))
            .block(Duration.ofSeconds(30));
        RecordedRequest request = this.api.take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/v2/gen-ai/indexing_jobs");
        assertThat(request.getBody().utf8()).isEqualTo("{\"knowledge_base_uuid\":\"" + MockGradientApi.KB
                + "\",\"data_source_uuids\":[\"" + MockGradientApi.DS + "\"]}");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(job).isNotNull();
    }

    @Test
    void createOfAWholeKnowledgeBaseLeavesDataSourcesOut() {
        this.api.enqueueFixture("create-indexing-job.response.json");
        this.client.create(CreateIndexingJobRequest.forKnowledgeBase(MockGradientApi.KB)).block(Duration.ofSeconds(30));
        assertThat(this.api.take().getBody().utf8())
            .isEqualTo("{\"knowledge_base_uuid\":\"" + MockGradientApi.KB + "\"}");
    }

    @Test
    void retrieveGetsTheJobPath() {
        this.api.enqueueFixture("get-indexing-job.response.json");
        IndexingJob job = this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        RecordedRequest request = this.api.take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/v2/gen-ai/indexing_jobs/" + MockGradientApi.JOB);
        assertThat(request.getBodySize()).isZero();
        assertThat(request.getHeaders().get("Content-Type")).isNull();
        assertThat(job.knowledgeBaseUuid()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void listSendsPageAndPerPageAndUnwrapsJobsLinksAndMeta() {
        this.api.enqueueFixture("list-indexing-jobs.response.json");
        IndexingJobPage page = this.client.list(PageRequest.of(3, 50)).block(Duration.ofSeconds(30));
        RecordedRequest request = this.api.take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/v2/gen-ai/indexing_jobs?page=3&per_page=50");
        assertThat(page.jobs()).hasSize(1);
        assertThat(page.links().next()).isEqualTo("example string");
        assertThat(page.links().previous()).isEqualTo("example string");
        assertThat(page.meta().page()).isEqualTo(123L);
        assertThat(page.meta().pages()).isEqualTo(123L);
        assertThat(page.meta().total()).isEqualTo(123L);
    }

    @Test
    void listByKnowledgeBaseGetsTheKnowledgeBasePathWithoutPaging() {
        this.api.enqueueFixture("list-indexing-jobs-by-knowledge-base.response.json");
        IndexingJobPage page = this.client.listByKnowledgeBase(MockGradientApi.KB).block(Duration.ofSeconds(30));
        RecordedRequest request = this.api.take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/v2/gen-ai/knowledge_bases/" + MockGradientApi.KB + "/indexing_jobs");
        assertThat(page.jobs()).hasSize(1);
    }

    @Test
    void listDataSourcesUnwrapsIndexedDataSources() {
        this.api.enqueueFixture("list-indexing-job-data-sources.response.json");
        List<IndexedDataSource> dataSources = this.client.listDataSources(MockGradientApi.JOB).collectList().block(Duration.ofSeconds(30));
        RecordedRequest request = this.api.take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/v2/gen-ai/indexing_jobs/" + MockGradientApi.JOB + "/data_sources");
        assertThat(dataSources).hasSize(1);
        assertThat(dataSources.get(0).dataSourceUuid()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void detailsSignedUrlUnwrapsTheUrl() {
        this.api.enqueueJson(200, "{\"signed_url\":\"https://spaces.example.com/report.json?X-Amz-Signature=abc\"}");
        assertThat(this.client.detailsSignedUrl(MockGradientApi.JOB).block(Duration.ofSeconds(30)))
            .hasToString("https://spaces.example.com/report.json?X-Amz-Signature=abc");
        RecordedRequest request = this.api.take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget())
            .isEqualTo("/v2/gen-ai/indexing_jobs/" + MockGradientApi.JOB + "/details_signed_url");
    }

    @Test
    void everyRequestCarriesBearerTokenAcceptAndUserAgent() {
        this.api.enqueueFixture("get-indexing-job.response.json");
        this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        RecordedRequest request = this.api.take();
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + MockGradientApi.TOKEN);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("User-Agent")).matches("gradient-spring-boot/0\\.1\\.0-SNAPSHOT \\(Java .+\\)");
    }

    @Test
    void baseUrlWithPathAndTrailingSlashPrefixesEveryPath() {
        IndexingJobsClient prefixed = this.api.builder().baseUrl(this.api.baseUrl() + "/proxy/do/").build();
        this.api.enqueueFixture("get-indexing-job.response.json");
        prefixed.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(this.api.take().getTarget()).isEqualTo("/proxy/do/v2/gen-ai/indexing_jobs/" + MockGradientApi.JOB);
    }

    @Test
    void nothingIsSentUntilSubscribed() {
        this.client.cancel(MockGradientApi.JOB);
        this.client.listAll();
        this.client.watch(MockGradientApi.JOB);
        assertThat(this.api.requestCount()).isZero();
    }

}
