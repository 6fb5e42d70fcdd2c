package io.github.gradientspring.sample.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * A data source of an {@link OfferedKnowledgeBase}.
 *
 * @param uuid the data source's UUID
 * @param items how many items it holds, or {@code null} when not known (DigitalOcean's indexing-jobs API does not
 * say before a job has run)
 */
public record OfferedDataSource(String uuid, @Nullable Long items) {
}
