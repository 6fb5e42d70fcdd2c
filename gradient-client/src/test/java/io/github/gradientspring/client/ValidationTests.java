package io.github.gradientspring.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Bad input fails before anything is sent, with the argument named and the value shown safely.
 */
class ValidationTests {

    private final MockGradientApi api = new MockGradientApi();

    private final IndexingJobsClient client = this.api.client();

    @AfterEach
    void close() {
        this.api.close();
    }

    static Stream<String> hostileIds() {
        return Stream.of(null, "", "   ", "not-a-uuid", "../../v2/account", "123e4567-e89b-12d3-a456-426614174000/../x",
                "123e4567-e89b-12d3-a456-426614174000/cancel", "..%2F..%2Fv2%2Faccount", "%2e%2e",
                "123e4567-e89b-12d3-a456-42661417400%2F", "123e4567 e89b 12d3 a456 426614174000",
                "123e4567-e89b-12d3-a456-426614174000\r\nX-Injected: 1", "123e4567-e89b-12d3-a456-4266141740\u0000",
                "x".repeat(10_000), "123e4567-e89b-12d3-a456-42661417400é", "'; DROP TABLE jobs; --",
                "123e4567-e89b-12d3-a456-426614174000?page=1", "123e4567-e89b-12d3-a456-426614174000#x",
                "{123e4567-e89b-12d3-a456-426614174000}");
    }

    static Stream<Arguments> jobOperations() {
        return Stream.of(
                Arguments.of("retrieve", (Consumer<IndexingJobsClient>) (c) -> c.retrieve(HOLDER.id)),
                Arguments.of("cancel", (Consumer<IndexingJobsClient>) (c) -> c.cancel(HOLDER.id)),
                Arguments.of("listDataSources", (Consumer<IndexingJobsClient>) (c) -> c.listDataSources(HOLDER.id)),
                Arguments.of("detailsSignedUrl", (Consumer<IndexingJobsClient>) (c) -> c.detailsSignedUrl(HOLDER.id)),
                Arguments.of("watch", (Consumer<IndexingJobsClient>) (c) -> c.watch(HOLDER.id)),
                Arguments.of("awaitCompletion",
                        (Consumer<IndexingJobsClient>) (c) -> c.awaitCompletion(HOLDER.id, Duration.ofMinutes(1))));
    }

    private static final IdHolder HOLDER = new IdHolder();

    static final class IdHolder {

        String id;

    }

    static Stream<Arguments> everyOperationWithEveryHostileId() {
        List<String> ids = hostileIds().toList();
        return jobOperations().flatMap((operation) -> ids.stream()
            .map((id) -> Arguments.of(operation.get()[0], operation.get()[1], id)));
    }

    @ParameterizedTest(name = "{0} rejects {2}")
    @MethodSource("everyOperationWithEveryHostileId")
    void jobIdsThatAreNotUuidsAreRejectedBeforeSending(String name, Consumer<IndexingJobsClient> operation, String id) {
        HOLDER.id = id;
        assertThatIllegalArgumentException().isThrownBy(() -> operation.accept(this.client))
            .withMessageStartingWith("jobUuid must");
        assertThat(this.api.requestCount()).isZero();
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void knowledgeBaseIdsThatAreNotUuidsAreRejectedBeforeSending(String id) {
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.listByKnowledgeBase(id))
            .withMessageStartingWith("knowledgeBaseUuid must");
        assertThatIllegalArgumentException().isThrownBy(() -> CreateIndexingJobRequest.forKnowledgeBase(id))
            .withMessageStartingWith("knowledgeBaseUuid must");
        assertThat(this.api.requestCount()).isZero();
    }

    @Test
    void aRejectedValueIsShownQuotedWithControlCharactersEscapedAndLongValuesCut() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.retrieve("../x\r\nInjected: yes"))
            .withMessage("jobUuid must be a UUID such as 123e4567-e89b-12d3-a456-426614174000, but was "
                    + "\"../x\\u000d\\u000aInjected: yes\"");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.retrieve("y".repeat(500)))
            .withMessageEndingWith("\"" + "y".repeat(48) + "\" (500 characters, cut)");
    }

    @Test
    void nullAndBlankAreNamedAsSuch() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.cancel(null))
            .withMessage("jobUuid must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.cancel(" "))
            .withMessage("jobUuid must not be blank");
    }

    @Test
    void dataSourceIdsAreCheckedEachByPosition() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CreateIndexingJobRequest.forDataSources(MockGradientApi.KB,
                    Arrays.asList(MockGradientApi.DS, "../x")))
            .withMessageStartingWith("dataSourceUuids[1] must be a UUID");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CreateIndexingJobRequest.forDataSources(MockGradientApi.KB, Arrays.asList((String) null)))
            .withMessage("dataSourceUuids[0] must not be null");
    }

    @Test
    void pagesStartAtOneAndHoldOneToTwoHundredJobs() {
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.of(0, 20))
            .withMessage("page must be 1 or more, but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.of(-5, 20))
            .withMessage("page must be 1 or more, but was -5");
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.of(1, 0))
            .withMessage("perPage must be between 1 and 200, but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.of(1, 201))
            .withMessage("perPage must be between 1 and 200, but was 201");
        assertThat(PageRequest.of(Integer.MAX_VALUE, 200).perPage()).isEqualTo(200);
        assertThat(PageRequest.of(1, 1).page()).isEqualTo(1);
    }

    @Test
    void nullRequestsAndBadTimeoutsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.create(null))
            .withMessage("request must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.list(null))
            .withMessage("pageRequest must not be null");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> this.client.awaitCompletion(MockGradientApi.JOB, Duration.ZERO))
            .withMessage("timeout must be positive, but was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.awaitCompletion(MockGradientApi.JOB, null))
            .withMessage("timeout must be positive, but was null");
        assertThat(this.api.requestCount()).isZero();
    }

    @Test
    void upperCaseUuidsAreAcceptedAsTheyAre() {
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        this.client.retrieve(MockGradientApi.JOB.toUpperCase()).block(Duration.ofSeconds(30));
        assertThat(this.api.take().getTarget()).endsWith("/" + MockGradientApi.JOB.toUpperCase());
    }

}
