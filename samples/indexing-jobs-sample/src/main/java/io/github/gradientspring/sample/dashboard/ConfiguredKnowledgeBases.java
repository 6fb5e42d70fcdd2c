package io.github.gradientspring.sample.dashboard;

import java.util.ArrayList;
import java.util.List;

import io.github.gradientspring.client.model.GradientIds;
import io.github.gradientspring.sample.SampleProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The knowledge bases of {@code sample.knowledge-bases}, checked once at startup: a missing or malformed UUID stops
 * the application with a message naming the property, rather than a form that fails on every click.
 */
public final class ConfiguredKnowledgeBases implements KnowledgeBaseCatalog {

    private final List<OfferedKnowledgeBase> knowledgeBases;

    public ConfiguredKnowledgeBases(List<SampleProperties.KnowledgeBase> configured) {
        List<OfferedKnowledgeBase> offered = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            SampleProperties.KnowledgeBase kb = configured.get(i);
            String property = "sample.knowledge-bases[" + i + "]";
            String uuid = checkedUuid(kb.getUuid(), property + ".uuid");
            List<OfferedDataSource> dataSources = new ArrayList<>();
            for (int j = 0; j < kb.getDataSourceUuids().size(); j++) {
                dataSources.add(new OfferedDataSource(
                        checkedUuid(kb.getDataSourceUuids().get(j), property + ".data-source-uuids[" + j + "]"), null));
            }
            String name = StringUtils.hasText(kb.getName()) ? kb.getName() : uuid;
            offered.add(new OfferedKnowledgeBase(uuid, name, dataSources));
        }
        this.knowledgeBases = List.copyOf(offered);
    }

    @Override
    public List<OfferedKnowledgeBase> knowledgeBases() {
        return this.knowledgeBases;
    }

    private static String checkedUuid(@Nullable String uuid, String property) {
        // GradientIds says what is wrong with a malformed one, naming the property.
        if (uuid == null || !StringUtils.hasText(uuid)) {
            throw new IllegalArgumentException(property + " must be set");
        }
        return GradientIds.requireUuid(uuid, property);
    }

}
