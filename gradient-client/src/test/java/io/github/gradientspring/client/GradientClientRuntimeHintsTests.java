package io.github.gradientspring.client;

import io.github.gradientspring.client.model.IndexingJob;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GradientClientRuntimeHints}: a native image can decode the API's JSON and read the client's version.
 */
class GradientClientRuntimeHintsTests {

    @Test
    void registersModelTypesForJsonBinding() {
        RuntimeHints hints = registeredHints();
        for (Class<?> type : GradientClientRuntimeHints.MODEL_TYPES) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type).withMemberCategories(GradientClientRuntimeHints.JSON_BINDING))
                .as(type.getName())
                .accepts(hints);
        }
    }

    @Test
    void registersTheClientsEnvelopeRecordsByName() {
        RuntimeHints hints = registeredHints();
        // Every record the client's mapper reads or writes is named, the schedule envelopes included.
        Class<?> json = ClassUtils.resolveClassName("io.github.gradientspring.client.internal.GradientJson",
                getClass().getClassLoader());
        assertThat(GradientClientRuntimeHints.ENVELOPE_TYPES).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(json.getDeclaredClasses()).filter(Class::isRecord).map(Class::getName).toList());
        for (String type : GradientClientRuntimeHints.ENVELOPE_TYPES) {
            assertThat(RuntimeHintsPredicates.reflection()
                .onType(TypeReference.of(type))
                .withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_DECLARED_METHODS,
                        MemberCategory.ACCESS_DECLARED_FIELDS))
                .as(type)
                .accepts(hints);
        }
    }

    @Test
    void envelopeNamesStillMatchTheClient() {
        // The names are strings because the records are package-private; a rename in the client must fail here.
        for (String type : GradientClientRuntimeHints.ENVELOPE_TYPES) {
            assertThat(ClassUtils.isPresent(type, getClass().getClassLoader())).as(type).isTrue();
            assertThat(ClassUtils.resolveClassName(type, getClass().getClassLoader()).isRecord()).as(type).isTrue();
        }
    }

    @Test
    void registersTheWireEnumCreators() throws Exception {
        RuntimeHints hints = registeredHints();
        for (Class<?> type : GradientClientRuntimeHints.MODEL_TYPES) {
            if (type.isEnum()) {
                assertThat(RuntimeHintsPredicates.reflection()
                    .onMethodInvocation(type.getMethod("fromWireValue", String.class)))
                    .as(type.getName())
                    .accepts(hints);
            }
        }
    }

    @Test
    void registersTheClientPropertiesResource() {
        assertThat(RuntimeHintsPredicates.resource().forResource(GradientClientRuntimeHints.CLIENT_PROPERTIES))
            .accepts(registeredHints());
        assertThat(getClass().getClassLoader().getResource(GradientClientRuntimeHints.CLIENT_PROPERTIES)).isNotNull();
    }

    @Test
    void isRegisteredInAotFactoriesSoThatEveryApplicationOnTheClientGetsTheHints() {
        assertThat(AotServices.factories(getClass().getClassLoader()).load(RuntimeHintsRegistrar.class))
            .hasAtLeastOneElementOfType(GradientClientRuntimeHints.class);
    }

    @Test
    void aheadOfTimeProcessingOfAPlainContextWithAClientContributesTheHints() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            // No Spring Boot and no auto-configuration: the client's own aot.factories entry is enough.
            context.register(ClientConfiguration.class);
            GenerationContext generationContext = new TestGenerationContext();
            new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
            RuntimeHints hints = generationContext.getRuntimeHints();
            assertThat(RuntimeHintsPredicates.reflection()
                .onType(TypeReference.of(GradientClientRuntimeHints.ENVELOPE_TYPES.get(0)))
                .withMemberCategories(GradientClientRuntimeHints.JSON_BINDING)).accepts(hints);
            assertThat(RuntimeHintsPredicates.resource().forResource(GradientClientRuntimeHints.CLIENT_PROPERTIES))
                .accepts(hints);
            assertThat(RuntimeHintsPredicates.reflection().onType(IndexingJob.class)).accepts(hints);
        }
    }

    private static RuntimeHints registeredHints() {
        RuntimeHints hints = new RuntimeHints();
        new GradientClientRuntimeHints().registerHints(hints, GradientClientRuntimeHintsTests.class.getClassLoader());
        return hints;
    }

    @Configuration(proxyBeanMethods = false)
    static class ClientConfiguration {

        @Bean
        IndexingJobsClient indexingJobsClient() {
            return IndexingJobsClient.builder().accessToken("aot-test-token").build();
        }

    }

}
