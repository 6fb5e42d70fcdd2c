package io.github.gradientspring.sample.dashboard;

import java.util.List;

/**
 * A knowledge base the dashboard offers to index.
 *
 * @param uuid the knowledge base's UUID
 * @param name what the dashboard calls it
 * @param dataSources its data sources, which can be indexed one by one
 */
public record OfferedKnowledgeBase(String uuid, String name, List<OfferedDataSource> dataSources) {

    public OfferedKnowledgeBase {
        dataSources = List.copyOf(dataSources);
    }

}
