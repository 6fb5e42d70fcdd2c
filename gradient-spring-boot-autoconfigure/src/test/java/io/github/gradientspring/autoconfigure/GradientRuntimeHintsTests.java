package io.github.gradientspring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GradientRuntimeHints}: a native image can decode the API's JSON and read the client's version.
 */
class GradientRuntimeHintsTests {

    @Test
    void registersModelTypesForJsonBinding() {
        RuntimeHints hints = registeredHints();
        for (Class<?> type : GradientRuntimeHints.MODEL_TYPES) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type).withMemberCategories(GradientRuntimeHints.JSON_BINDING))
                .as(type.getName())
                .accepts(hints);
        }
    }

    @Test
    void registersTheClientsEnvelopeRecordsByName() {
        RuntimeHints hints = registeredHints();
        assertThat(GradientRuntimeHints.ENVELOPE_TYPES).hasSize(8);
        for (String type : GradientRuntimeHints.ENVELOPE_TYPES) {
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
        for (String type : GradientRuntimeHints.ENVELOPE_TYPES) {
            assertThat(ClassUtils.isPresent(type, getClass().getClassLoader())).as(type).isTrue();
            assertThat(ClassUtils.resolveClassName(type, getClass().getClassLoader()).isRecord()).as(type).isTrue();
        }
    }

    @Test
    void registersTheWireEnumCreators() throws Exception {
        RuntimeHints hints = registeredHints();
        for (Class<?> type : GradientRuntimeHints.MODEL_TYPES) {
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
        assertThat(RuntimeHintsPredicates.resource().forResource(GradientRuntimeHints.CLIENT_PROPERTIES))
            .accepts(registeredHints());
        assertThat(getClass().getClassLoader().getResource(GradientRuntimeHints.CLIENT_PROPERTIES)).isNotNull();
    }

    @Test
    void aheadOfTimeProcessingOfTheContextContributesTheHints() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.register(GradientAutoConfiguration.class);
            TestPropertyValues.of("gradient.access-token=" + WireFixtures.TOKEN).applyTo(context);
            GenerationContext generationContext = new TestGenerationContext();
            new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
            RuntimeHints hints = generationContext.getRuntimeHints();
            assertThat(RuntimeHintsPredicates.reflection()
                .onType(TypeReference.of(GradientRuntimeHints.ENVELOPE_TYPES.get(0)))
                .withMemberCategories(GradientRuntimeHints.JSON_BINDING)).accepts(hints);
            assertThat(RuntimeHintsPredicates.resource().forResource(GradientRuntimeHints.CLIENT_PROPERTIES))
                .accepts(hints);
            // Boot's own processor covers the binding of the properties class.
            assertThat(RuntimeHintsPredicates.reflection().onType(GradientProperties.Retry.class)).accepts(hints);
            assertThat(generationContext.getGeneratedFiles()).isNotNull();
        }
    }

    private static RuntimeHints registeredHints() {
        RuntimeHints hints = new RuntimeHints();
        new GradientRuntimeHints().registerHints(hints, GradientRuntimeHintsTests.class.getClassLoader());
        return hints;
    }

}
