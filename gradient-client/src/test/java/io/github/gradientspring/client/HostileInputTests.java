package io.github.gradientspring.client;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import io.github.gradientspring.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Hostile identifiers and page numbers, against the simulator's journal: each is rejected before anything is sent,
 * with the argument named, so that none can reach another path of the API. {@link ValidationTests} checks the
 * messages in detail against a mock server; this checks every operation, {@code create}'s body included, and that
 * the values at the bounds are sent as they are.
 */
class HostileInputTests {

    private static GradientSimulator simulator;

    private static IndexingJobsClient client;

    private static String knowledgeBase;

    @BeforeAll
    static void start() {
        simulator = GradientSimulator.builder().manualClock().rateLimits(RateLimits.OFF).start();
        knowledgeBase = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(3, 3_000)).uuid();
        client = IndexingJobsClient.builder()
            .accessToken(simulator.accessToken())
            .baseUrl(simulator.baseUrl())
            .rateLimitPolicy(RateLimitPolicy.unlimited())
            .build();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void clear() {
        simulator.journal().clear();
    }

    static List<String> hostileIds() {
        return ValidationTests.hostileIds()
            .filter((id) -> id != null)
            .toList();
    }

    static Stream<Arguments> hostileIdsForEveryOperation() {
        List<Arguments> operations = List.of(
                Arguments.of("retrieve", "jobUuid", (Function<String, Object>) (id) -> client.retrieve(id)),
                Arguments.of("cancel", "jobUuid", (Function<String, Object>) (id) -> client.cancel(id)),
                Arguments.of("listDataSources", "jobUuid", (Function<String, Object>) (id) -> client.listDataSources(id)),
                Arguments.of("detailsSignedUrl", "jobUuid", (Function<String, Object>) (id) -> client.detailsSignedUrl(id)),
                Arguments.of("watch", "jobUuid", (Function<String, Object>) (id) -> client.watch(id)),
                Arguments.of("awaitCompletion", "jobUuid",
                        (Function<String, Object>) (id) -> client.awaitCompletion(id, Duration.ofMinutes(1))),
                Arguments.of("listByKnowledgeBase", "knowledgeBaseUuid",
                        (Function<String, Object>) (id) -> client.listByKnowledgeBase(id)),
                Arguments.of("create", "knowledgeBaseUuid", (Function<String, Object>) (id) -> client
                    .create(CreateIndexingJobRequest.forKnowledgeBase(id))),
                Arguments.of("create with data sources", "dataSourceUuids[1]",
                        (Function<String, Object>) (id) -> client.create(CreateIndexingJobRequest
                            .forDataSources(knowledgeBase, List.of(knowledgeBase, id)))));
        return operations.stream()
            .flatMap((operation) -> hostileIds().stream()
                .map((id) -> Arguments.of(operation.get()[0], operation.get()[1], operation.get()[2], id)));
    }

    @ParameterizedTest(name = "{0} rejects {3}")
    @MethodSource("hostileIdsForEveryOperation")
    void hostileIdsAreRejectedBeforeAnythingIsSent(String operation, String argument, Function<String, Object> call,
            String id) {
        assertThatIllegalArgumentException().isThrownBy(() -> {
            Object publisher = call.apply(id);
            // Were it not rejected at once, subscribing would send it.
            if (publisher instanceof org.reactivestreams.Publisher<?> p) {
                reactor.core.publisher.Flux.from(p).take(1).blockLast(Duration.ofSeconds(10));
            }
        }).withMessageStartingWith(argument + " must");
        assertThat(simulator.journal().total()).as("requests the server received").isZero();
    }

    @Test
    void pageNumbersOutsideTheBoundsAreRejectedBeforeAnythingIsSent() {
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.of(0, 20)).withMessageContaining("page");
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.of(-1, 20)).withMessageContaining("page");
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.of(Integer.MIN_VALUE, 20))
            .withMessageContaining("page");
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.of(1, 0)).withMessageContaining("perPage");
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.of(1, 201)).withMessageContaining("perPage");
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.of(1, -5)).withMessageContaining("perPage");
        assertThatIllegalArgumentException().isThrownBy(() -> client.list(null)).withMessageContaining("pageRequest");
        assertThatIllegalArgumentException().isThrownBy(() -> IndexingJobsClient.builder().listAllPageSize(201))
            .withMessageContaining("perPage");
        assertThat(simulator.journal().total()).isZero();
    }

    @Test
    void pageNumbersAtTheBoundsAreSentAsTheyAre() {
        IndexingJobPage last = client.list(PageRequest.of(Integer.MAX_VALUE, 200)).block(Duration.ofSeconds(10));
        IndexingJobPage smallest = client.list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10));
        assertThat(last.jobs()).isEmpty();
        assertThat(smallest.jobs()).isEmpty();
        assertThat(simulator.journal().requests(Operation.LIST)).extracting(RecordedRequest::path, RecordedRequest::query)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("/v2/gen-ai/indexing_jobs", "page=2147483647&per_page=200"),
                    org.assertj.core.groups.Tuple.tuple("/v2/gen-ai/indexing_jobs", "page=1&per_page=1"));
        assertThat(simulator.journal().total()).isEqualTo(2);
    }

    @Test
    void aValidIdReachesOnlyItsOwnPath() {
        String upperCase = knowledgeBase.toUpperCase();
        client.listByKnowledgeBase(upperCase).block(Duration.ofSeconds(10));
        assertThat(simulator.journal().requests()).singleElement().satisfies((request) -> {
            assertThat(request.operation()).isEqualTo(Operation.LIST_BY_KNOWLEDGE_BASE);
            assertThat(request.path()).isEqualTo("/v2/gen-ai/knowledge_bases/" + upperCase + "/indexing_jobs");
            assertThat(request.query()).isEmpty();
        });
    }

}
