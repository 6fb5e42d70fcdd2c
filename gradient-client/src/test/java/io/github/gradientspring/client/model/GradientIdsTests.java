package io.github.gradientspring.client.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GradientIdsTests {

    private static final String CANONICAL = "123e4567-e89b-12d3-a456-426614174000";

    @ParameterizedTest
    @ValueSource(strings = { CANONICAL, "00000000-0000-0000-0000-000000000000", "ABCDEF01-2345-6789-ABCD-EF0123456789",
            "abcdef01-2345-6789-abcd-ef0123456789", "aBcDeF01-2345-6789-AbCd-eF0123456789" })
    void canonicalUuidsOfEitherCaseAreAccepted(String id) {
        assertThat(GradientIds.isUuid(id)).isTrue();
        assertThat(GradientIds.requireUuid(id, "jobUuid")).isSameAs(id);
    }

    @Test
    void everyPositionOfAUuidIsChecked() {
        // One wrong character anywhere, a dash included, makes the id invalid.
        for (int i = 0; i < CANONICAL.length(); i++) {
            for (char wrong : new char[] { 'g', 'G', '/', '.', '%', ' ', '-', '0' }) {
                if (wrong == CANONICAL.charAt(i)) {
                    continue;
                }
                String id = CANONICAL.substring(0, i) + wrong + CANONICAL.substring(i + 1);
                boolean dashPosition = (i == 8 || i == 13 || i == 18 || i == 23);
                boolean stillValid = !dashPosition && wrong == '0';
                assertThat(GradientIds.isUuid(id)).as("%s", id).isEqualTo(stillValid);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-4266141740000",
            "123e4567-e89b-12d3-a456-42661417400", "123e456-7e89b-12d3-a456-426614174000",
            "{23e4567-e89b-12d3-a456-42661417400}", "123e4567-e89b-12d3-a456-42661417400\u0660" })
    void idsOfTheWrongShapeAreRejectedNamingTheArgument(String id) {
        assertThat(GradientIds.isUuid(id)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> GradientIds.requireUuid(id, "knowledgeBaseUuid"))
            .withMessageStartingWith("knowledgeBaseUuid must be a UUID such as");
    }

    @Test
    void nullIsNotAUuid() {
        assertThat(GradientIds.isUuid(null)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> GradientIds.requireUuid(null, "jobUuid"))
            .withMessage("jobUuid must not be null");
    }

}
