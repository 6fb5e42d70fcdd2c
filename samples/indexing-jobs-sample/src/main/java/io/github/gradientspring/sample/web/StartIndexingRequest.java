package io.github.gradientspring.sample.web;

import java.util.List;

/**
 * The body of {@code POST /jobs}.
 *
 * @param knowledgeBaseUuid the knowledge base to index
 * @param dataSourceUuids the data sources to index; absent or empty for all of them
 */
public record StartIndexingRequest(String knowledgeBaseUuid, List<String> dataSourceUuids) {
}
