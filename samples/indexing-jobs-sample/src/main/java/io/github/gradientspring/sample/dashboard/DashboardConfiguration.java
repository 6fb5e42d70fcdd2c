package io.github.gradientspring.sample.dashboard;

import io.github.gradientspring.sample.SampleProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard's catalog of knowledge bases from {@code sample.knowledge-bases}. The local application adds a
 * {@code @Primary} catalog of the simulator's seeded knowledge bases, which wins over this one.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    @Bean
    KnowledgeBaseCatalog configuredKnowledgeBases(SampleProperties properties) {
        return new ConfiguredKnowledgeBases(properties.getKnowledgeBases());
    }

}
