package io.github.gradientspring.simulator;

/**
 * A data source of a seeded knowledge base.
 *
 * @param uuid       the data-source UUID ({@code data_source_uuid} on the wire)
 * @param itemCount  how many items it holds ({@code total_file_count} once indexed)
 * @param totalBytes its size in bytes ({@code total_bytes})
 */
public record SeededDataSource(String uuid, long itemCount, long totalBytes) {
}
