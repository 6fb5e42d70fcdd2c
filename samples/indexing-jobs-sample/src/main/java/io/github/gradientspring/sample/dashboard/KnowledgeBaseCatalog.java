package io.github.gradientspring.sample.dashboard;

import java.util.List;

/**
 * The knowledge bases the dashboard offers to index. DigitalOcean's indexing-jobs API has no operation that lists
 * them, so the application says which: {@code sample.knowledge-bases} in remote mode
 * ({@link ConfiguredKnowledgeBases}); the local application offers the simulator's seeded knowledge bases with a
 * {@code @Primary} catalog of its own.
 */
@FunctionalInterface
public interface KnowledgeBaseCatalog {

    /**
     * The knowledge bases to offer, in the order to show them.
     * @return the knowledge bases
     */
    List<OfferedKnowledgeBase> knowledgeBases();

}
