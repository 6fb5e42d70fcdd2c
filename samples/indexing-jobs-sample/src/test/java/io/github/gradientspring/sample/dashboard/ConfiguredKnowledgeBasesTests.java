package io.github.gradientspring.sample.dashboard;

import java.util.List;

import io.github.gradientspring.sample.SampleProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConfiguredKnowledgeBasesTests {

    @Test
    void aKnowledgeBaseWithoutANameIsNamedByItsUuid() {
        ConfiguredKnowledgeBases catalog = new ConfiguredKnowledgeBases(
                List.of(knowledgeBase("9758a232-b351-11ef-bf8f-4e013e2ddde4", null)));

        assertThat(catalog.knowledgeBases()).singleElement()
            .satisfies((kb) -> assertThat(kb.name()).isEqualTo("9758a232-b351-11ef-bf8f-4e013e2ddde4"));
    }

    @Test
    void aMissingUuidIsRejectedNamingTheProperty() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ConfiguredKnowledgeBases(
                    List.of(knowledgeBase("9758a232-b351-11ef-bf8f-4e013e2ddde4", "a"), knowledgeBase(" ", "b"))))
            .withMessage("sample.knowledge-bases[1].uuid must be set");
    }

    @Test
    void aMalformedDataSourceUuidIsRejectedNamingTheProperty() {
        SampleProperties.KnowledgeBase kb = knowledgeBase("9758a232-b351-11ef-bf8f-4e013e2ddde4", "docs");
        kb.setDataSourceUuids(List.of("not-a-uuid"));

        assertThatIllegalArgumentException().isThrownBy(() -> new ConfiguredKnowledgeBases(List.of(kb)))
            .withMessageStartingWith("sample.knowledge-bases[0].data-source-uuids[0]")
            .withMessageContaining("not-a-uuid");
    }

    private static SampleProperties.KnowledgeBase knowledgeBase(String uuid, String name) {
        SampleProperties.KnowledgeBase kb = new SampleProperties.KnowledgeBase();
        kb.setUuid(uuid);
        kb.setName(name);
        return kb;
    }

}
