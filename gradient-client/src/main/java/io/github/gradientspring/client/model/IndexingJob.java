package io.github.gradientspring.client.model;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A knowledge-base indexing job ({@code apiIndexingJob}).
 * <p>
 * The API declares no field as required, so any of these may be {@code null}, except that {@link #phase()} and
 * {@link #status()} are never {@code null} (absent or unrecognised values read as {@code UNKNOWN}) and the lists are
 * never {@code null} (absent reads as empty). Counts the API sends as uint64 strings are {@link BigInteger}, exact
 * above {@link Long#MAX_VALUE}.
 *
 * @param uuid the job
 * @param knowledgeBaseUuid the knowledge base being indexed
 * @param dataSourceUuids the data sources the job covers
 * @param dataSourceJobs per-data-source progress
 * @param phase where the job is in its life; decides completion
 * @param status what the job achieved
 * @param completedDatasources data sources finished so far
 * @param totalDatasources data sources in the job
 * @param tokens tokens consumed; deprecated by the API in favour of {@code totalTokens}
 * @param totalTokens total tokens consumed by the job
 * @param isReportAvailable whether {@code detailsSignedUrl} has a report to download
 * @param createdAt when the job was created
 * @param updatedAt when the job last changed
 * @param startedAt when indexing started
 * @param finishedAt when the job ended
 * @param totalItemsIndexed legacy total of indexed items, still sent by some API versions
 * @param totalItemsFailed legacy total of failed items
 * @param totalItemsSkipped legacy total of skipped items
 */
public record IndexingJob(
        @Nullable String uuid,
        @Nullable String knowledgeBaseUuid,
        List<String> dataSourceUuids,
        List<IndexedDataSource> dataSourceJobs,
        IndexingJobPhase phase,
        IndexingJobStatus status,
        @Nullable Long completedDatasources,
        @Nullable Long totalDatasources,
        @Nullable Long tokens,
        @Nullable BigInteger totalTokens,
        @Nullable Boolean isReportAvailable,
        @Nullable OffsetDateTime createdAt,
        @Nullable OffsetDateTime updatedAt,
        @Nullable OffsetDateTime startedAt,
        @Nullable OffsetDateTime finishedAt,
        @Nullable BigInteger totalItemsIndexed,
        @Nullable BigInteger totalItemsFailed,
        @Nullable BigInteger totalItemsSkipped) {

    public IndexingJob {
        dataSourceUuids = (dataSourceUuids != null) ? List.copyOf(dataSourceUuids) : List.of();
        dataSourceJobs = (dataSourceJobs != null) ? List.copyOf(dataSourceJobs) : List.of();
        phase = (phase != null) ? phase : IndexingJobPhase.UNKNOWN;
        status = (status != null) ? status : IndexingJobStatus.UNKNOWN;
    }

    /** Whether the job can no longer change. */
    public boolean isTerminal() {
        return this.phase.isTerminal();
    }

}
