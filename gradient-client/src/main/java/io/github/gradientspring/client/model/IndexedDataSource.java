package io.github.gradientspring.client.model;

import java.math.BigInteger;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * The indexing of one data source within a job ({@code apiIndexedDataSource}). Every field may be {@code null}
 * because the API declares none as required; counts are exact unsigned 64-bit values, which the API sends as
 * JSON strings.
 *
 * @param dataSourceUuid the data source
 * @param status how indexing this data source went, never {@code null}
 * @param startedAt when indexing this data source started
 * @param completedAt when indexing this data source ended
 * @param errorMsg a short code naming the part of the system that failed
 * @param errorDetails a description of the failure
 * @param indexedItemCount items indexed
 * @param indexedFileCount files indexed
 * @param failedItemCount items that failed
 * @param skippedItemCount items skipped
 * @param removedItemCount items removed from the index
 * @param totalFileCount files in the data source
 * @param totalBytes bytes in the data source
 * @param totalBytesIndexed bytes indexed
 */
public record IndexedDataSource(
        @Nullable String dataSourceUuid,
        DataSourceStatus status,
        @Nullable OffsetDateTime startedAt,
        @Nullable OffsetDateTime completedAt,
        @Nullable String errorMsg,
        @Nullable String errorDetails,
        @Nullable BigInteger indexedItemCount,
        @Nullable BigInteger indexedFileCount,
        @Nullable BigInteger failedItemCount,
        @Nullable BigInteger skippedItemCount,
        @Nullable BigInteger removedItemCount,
        @Nullable BigInteger totalFileCount,
        @Nullable BigInteger totalBytes,
        @Nullable BigInteger totalBytesIndexed) {

    public IndexedDataSource {
        status = (status != null) ? status : DataSourceStatus.UNKNOWN;
    }

}
