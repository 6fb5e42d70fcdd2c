package io.github.gradientspring.client;

import java.math.BigInteger;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.github.gradientspring.client.model.DataSourceStatus;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.client.model.IndexingJobStatus;
import io.github.gradientspring.client.model.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoding is lenient where the API is loose: every field optional, unknown fields and enum values tolerated,
 * uint64 strings exact, both spellings of the previous-page link.
 */
class DecodingTests {

    private static final OffsetDateTime EXAMPLE_TIME = OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final MockGradientApi api = new MockGradientApi();

    private final IndexingJobsClient client = this.api.client();

    @AfterEach
    void close() {
        this.api.close();
    }

    @Test
    void everyDocumentedJobFieldOfTheSpecExampleIsDecoded() {
        this.api.enqueueFixture("get-indexing-job.response.json");
        IndexingJob job = this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(job.uuid()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(job.knowledgeBaseUuid()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(job.dataSourceUuids()).containsExactly("example string");
        assertThat(job.phase()).isEqualTo(IndexingJobPhase.UNKNOWN);
        assertThat(job.status()).isEqualTo(IndexingJobStatus.UNKNOWN);
        assertThat(job.completedDatasources()).isEqualTo(123L);
        assertThat(job.totalDatasources()).isEqualTo(123L);
        assertThat(job.tokens()).isEqualTo(123L);
        assertThat(job.totalTokens()).isEqualTo(BigInteger.valueOf(12345));
        assertThat(job.isReportAvailable()).isTrue();
        assertThat(job.createdAt()).isEqualTo(EXAMPLE_TIME);
        assertThat(job.updatedAt()).isEqualTo(EXAMPLE_TIME);
        assertThat(job.startedAt()).isEqualTo(EXAMPLE_TIME);
        assertThat(job.finishedAt()).isEqualTo(EXAMPLE_TIME);
        assertThat(job.dataSourceJobs()).hasSize(1);
        IndexedDataSource dataSource = job.dataSourceJobs().get(0);
        assertThat(dataSource.dataSourceUuid()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(dataSource.status()).isEqualTo(DataSourceStatus.UNKNOWN);
        assertThat(dataSource.startedAt()).isEqualTo(EXAMPLE_TIME);
        assertThat(dataSource.completedAt()).isEqualTo(EXAMPLE_TIME);
        assertThat(dataSource.errorMsg()).isEqualTo("example string");
        assertThat(dataSource.errorDetails()).isEqualTo("example string");
        BigInteger example = BigInteger.valueOf(12345);
        assertThat(dataSource.indexedItemCount()).isEqualTo(example);
        assertThat(dataSource.indexedFileCount()).isEqualTo(example);
        assertThat(dataSource.failedItemCount()).isEqualTo(example);
        assertThat(dataSource.skippedItemCount()).isEqualTo(example);
        assertThat(dataSource.removedItemCount()).isEqualTo(example);
        assertThat(dataSource.totalFileCount()).isEqualTo(example);
        assertThat(dataSource.totalBytes()).isEqualTo(example);
        assertThat(dataSource.totalBytesIndexed()).isEqualTo(example);
    }

    @Test
    void knownEnumValuesMapToTheirConstants() {
        this.api.enqueueJson(200, "{\"job\":{\"phase\":\"BATCH_JOB_PHASE_CANCELLED\",\"status\":\"INDEX_JOB_STATUS_NO_CHANGES\","
                + "\"data_source_jobs\":[{\"status\":\"DATA_SOURCE_STATUS_PARTIALLY_UPDATED\"}]}}");
        IndexingJob job = this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(job.phase()).isEqualTo(IndexingJobPhase.CANCELLED);
        assertThat(job.phase().isTerminal()).isTrue();
        assertThat(job.status()).isEqualTo(IndexingJobStatus.NO_CHANGES);
        assertThat(job.dataSourceJobs().get(0).status()).isEqualTo(DataSourceStatus.PARTIALLY_UPDATED);
    }

    @Test
    void unknownFieldsAndEnumValuesAreTolerated() {
        this.api.enqueueJson(200, "{\"job\":{\"uuid\":\"x\",\"phase\":\"BATCH_JOB_PHASE_HIBERNATING\","
                + "\"status\":\"INDEX_JOB_STATUS_SOMETHING_NEW\",\"brand_new_field\":{\"nested\":[1,2,3]},"
                + "\"data_source_jobs\":[{\"status\":\"DATA_SOURCE_STATUS_QUEUED\",\"surprise\":true}]},\"extra\":1}");
        IndexingJob job = this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(job.uuid()).isEqualTo("x");
        assertThat(job.phase()).isEqualTo(IndexingJobPhase.UNKNOWN);
        assertThat(job.phase().isTerminal()).isFalse();
        assertThat(job.status()).isEqualTo(IndexingJobStatus.UNKNOWN);
        assertThat(job.dataSourceJobs().get(0).status()).isEqualTo(DataSourceStatus.UNKNOWN);
    }

    @Test
    void anEmptyJobDecodesWithNullFieldsEmptyListsAndUnknownEnums() {
        this.api.enqueueJson(200, "{\"job\":{}}");
        IndexingJob job = this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(job.uuid()).isNull();
        assertThat(job.createdAt()).isNull();
        assertThat(job.totalTokens()).isNull();
        assertThat(job.dataSourceUuids()).isEmpty();
        assertThat(job.dataSourceJobs()).isEmpty();
        assertThat(job.phase()).isEqualTo(IndexingJobPhase.UNKNOWN);
        assertThat(job.status()).isEqualTo(IndexingJobStatus.UNKNOWN);
    }

    @Test
    void explicitNullsDecodeLikeAbsentFields() {
        this.api.enqueueJson(200, "{\"job\":{\"uuid\":null,\"phase\":null,\"data_source_jobs\":null,"
                + "\"total_tokens\":null,\"completed_datasources\":null,\"is_report_available\":null}}");
        IndexingJob job = this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(job.phase()).isEqualTo(IndexingJobPhase.UNKNOWN);
        assertThat(job.dataSourceJobs()).isEmpty();
        assertThat(job.completedDatasources()).isNull();
        assertThat(job.isReportAvailable()).isNull();
    }

    @Test
    void uint64CountsAboveLongMaxValueStayExact() {
        String max = "18446744073709551615";
        this.api.enqueueJson(200, "{\"job\":{\"total_tokens\":\"" + max + "\",\"data_source_jobs\":"
                + "[{\"total_bytes\":\"" + max + "\",\"indexed_item_count\":\"9223372036854775808\"}]}}");
        IndexingJob job = this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(job.totalTokens()).isEqualTo(new BigInteger(max));
        assertThat(job.dataSourceJobs().get(0).totalBytes()).isEqualTo(new BigInteger(max));
        assertThat(job.dataSourceJobs().get(0).indexedItemCount()).isEqualTo(new BigInteger("9223372036854775808"));
    }

    @Test
    void uint64CountsSentAsJsonNumbersAreAcceptedToo() {
        this.api.enqueueJson(200, "{\"job\":{\"total_tokens\":42,\"data_source_jobs\":[{\"total_bytes\":7}]}}");
        IndexingJob job = this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(job.totalTokens()).isEqualTo(BigInteger.valueOf(42));
        assertThat(job.dataSourceJobs().get(0).totalBytes()).isEqualTo(BigInteger.valueOf(7));
    }

    @Test
    void rfc3339TimesWithOffsetsAndFractionsKeepTheirInstant() {
        this.api.enqueueJson(200, "{\"job\":{\"created_at\":\"2025-10-16T12:30:45.123456+02:00\","
                + "\"finished_at\":\"2025-10-16T10:30:45Z\"}}");
        IndexingJob job = this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(job.createdAt().toInstant()).isEqualTo(OffsetDateTime
            .of(2025, 10, 16, 10, 30, 45, 123456000, ZoneOffset.UTC).toInstant());
        assertThat(job.finishedAt().toInstant())
            .isEqualTo(OffsetDateTime.of(2025, 10, 16, 10, 30, 45, 0, ZoneOffset.UTC).toInstant());
    }

    @Test
    void linksSpelledPrevAreReadAsPrevious() {
        this.api.enqueueJson(200, "{\"jobs\":[],\"links\":{\"pages\":{\"first\":\"https://a/1\",\"prev\":\"https://a/2\"}}}");
        IndexingJobPage page = this.client.list(PageRequest.first()).block(Duration.ofSeconds(30));
        assertThat(page.links().previous()).isEqualTo("https://a/2");
        assertThat(page.links().first()).isEqualTo("https://a/1");
        assertThat(page.links().next()).isNull();
    }

    @Test
    void aListWithoutLinksOrMetaHasNoNextPage() {
        this.api.enqueueJson(200, "{\"jobs\":[{\"uuid\":\"a\"}]}");
        IndexingJobPage page = this.client.list(PageRequest.first()).block(Duration.ofSeconds(30));
        assertThat(page.jobs()).hasSize(1);
        assertThat(page.meta().total()).isNull();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void aSignedUrlThatIsNotAUriLikeTheSpecsExampleFailsClearly() {
        this.api.enqueueFixture("get-indexing-job-details-signed-url.response.json");
        this.client.detailsSignedUrl(MockGradientApi.JOB)
            .as(reactor.test.StepVerifier::create)
            .expectErrorSatisfies((error) -> assertThat(error)
                .isInstanceOf(io.github.gradientspring.client.error.GradientResponseException.class)
                .hasMessageContaining("signed_url"))
            .verify();
    }

    @Test
    void onlyTheWireSpellingOfAnEnumIsRecognisedNotItsJavaName() {
        assertThat(IndexingJobPhase.fromWireValue("BATCH_JOB_PHASE_RUNNING")).isEqualTo(IndexingJobPhase.RUNNING);
        assertThat(IndexingJobPhase.fromWireValue("RUNNING")).isEqualTo(IndexingJobPhase.UNKNOWN);
        assertThat(IndexingJobStatus.fromWireValue(IndexingJobStatus.COMPLETED.name())).isEqualTo(IndexingJobStatus.UNKNOWN);
        assertThat(DataSourceStatus.fromWireValue(DataSourceStatus.UNKNOWN.wireValue())).isEqualTo(DataSourceStatus.UNKNOWN);
    }

}
