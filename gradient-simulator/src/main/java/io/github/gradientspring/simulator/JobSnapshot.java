package io.github.gradientspring.simulator;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a job looks like at one instant: exactly the fields of {@code apiIndexingJob}. Null instants are
 * left out of the JSON, as proto-JSON leaves out unset timestamps.
 */
record JobSnapshot(
        String uuid,
        String knowledgeBaseUuid,
        List<String> dataSourceUuids,
        List<DataSourceSnapshot> dataSourceJobs,
        String phase,
        String status,
        long completedDatasources,
        long totalDatasources,
        long totalTokens,
        boolean reportAvailable,
        Instant createdAt,
        @Nullable Instant updatedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        boolean terminal) {

    /**
     * One data source of a job at one instant: the fields of {@code apiIndexedDataSource}.
     */
    record DataSourceSnapshot(
            String dataSourceUuid,
            String status,
            @Nullable Instant startedAt,
            @Nullable Instant completedAt,
            long indexedItemCount,
            long failedItemCount,
            long skippedItemCount,
            long totalFileCount,
            long totalBytes,
            long totalBytesIndexed,
            @Nullable String errorMsg,
            @Nullable String errorDetails) {
    }
}
