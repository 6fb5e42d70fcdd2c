package io.github.gradientspring.client.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What to index: a knowledge base, and optionally some of its data sources. Checked when made, so a bad id never
 * reaches the API.
 * <p>
 * With no data sources, the API indexes all of the knowledge base's data sources, and the request leaves
 * {@code data_source_uuids} out. DigitalOcean's documentation disagrees on whether a subset is honoured, so
 * indexing the whole knowledge base is the safe default.
 *
 * @param knowledgeBaseUuid the knowledge base to index
 * @param dataSourceUuids the data sources to index, empty for all
 */
public record CreateIndexingJobRequest(String knowledgeBaseUuid, List<String> dataSourceUuids) {

    public CreateIndexingJobRequest {
        GradientIds.requireUuid(knowledgeBaseUuid, "knowledgeBaseUuid");
        if (dataSourceUuids == null) {
            dataSourceUuids = List.of();
        }
        List<String> checked = new ArrayList<>(dataSourceUuids.size());
        for (int i = 0; i < dataSourceUuids.size(); i++) {
            checked.add(GradientIds.requireUuid(dataSourceUuids.get(i), "dataSourceUuids[" + i + "]"));
        }
        dataSourceUuids = List.copyOf(checked);
    }

    /**
     * Indexes every data source of a knowledge base.
     * @param knowledgeBaseUuid the knowledge base
     * @return the request
     */
    public static CreateIndexingJobRequest forKnowledgeBase(String knowledgeBaseUuid) {
        return new CreateIndexingJobRequest(knowledgeBaseUuid, List.of());
    }

    /**
     * Indexes the given data sources of a knowledge base.
     * @param knowledgeBaseUuid the knowledge base
     * @param dataSourceUuids the data sources
     * @return the request
     */
    public static CreateIndexingJobRequest forDataSources(String knowledgeBaseUuid, List<String> dataSourceUuids) {
        return new CreateIndexingJobRequest(knowledgeBaseUuid, dataSourceUuids);
    }

}
