package io.github.gradientspring.simulator;

import java.util.List;

/**
 * A knowledge base the simulator now knows, with the UUIDs a client needs to start jobs on it.
 *
 * @param uuid        the knowledge-base UUID ({@code knowledge_base_uuid} on the wire)
 * @param name        the display name it was seeded with
 * @param dataSources its data sources, in seeding order
 */
public record SeededKnowledgeBase(String uuid, String name, List<SeededDataSource> dataSources) {

    /** Copies the list so the record is immutable. */
    public SeededKnowledgeBase {
        dataSources = List.copyOf(dataSources);
    }

    /** The UUIDs of the data sources, in seeding order. */
    public List<String> dataSourceUuids() {
        return dataSources.stream().map(SeededDataSource::uuid).toList();
    }

    /** The UUID of the data source at {@code index} (0-based). */
    public String dataSourceUuid(int index) {
        return dataSources.get(index).uuid();
    }
}
