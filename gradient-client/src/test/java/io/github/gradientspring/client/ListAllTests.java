package io.github.gradientspring.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code listAll} fetches a page only when the subscriber wants more jobs than it holds, and stops at the end.
 */
class ListAllTests {

    private final MockGradientApi api = new MockGradientApi();

    private final IndexingJobsClient client = this.api.builder().listAllPageSize(2).build();

    @AfterEach
    void close() {
        this.api.close();
    }

    private static String page(int page, int pages, String... uuids) {
        StringBuilder jobs = new StringBuilder();
        for (String uuid : uuids) {
            jobs.append((jobs.length() > 0) ? "," : "").append("{\"uuid\":\"").append(uuid).append("\"}");
        }
        return "{\"jobs\":[" + jobs + "],\"links\":{\"pages\":{}},\"meta\":{\"page\":" + page + ",\"pages\":" + pages
                + ",\"total\":5}}";
    }

    @Test
    void pagesAreFetchedOnlyWhenTheSubscriberAsksForMore() {
        this.api.enqueueJson(200, page(1, 3, "a", "b"));
        this.api.enqueueJson(200, page(2, 3, "c", "d"));
        this.api.enqueueJson(200, page(3, 3, "e"));
        StepVerifier.create(this.client.listAll(), 0)
            .then(() -> assertThat(this.api.requestCount()).isZero())
            .thenRequest(1)
            .expectNextMatches((job) -> job.uuid().equals("a"))
            .thenRequest(1)
            .expectNextMatches((job) -> job.uuid().equals("b"))
            .then(() -> assertThat(this.api.requestCount()).isEqualTo(1))
            .thenRequest(1)
            .expectNextMatches((job) -> job.uuid().equals("c"))
            .then(() -> assertThat(this.api.requestCount()).isEqualTo(2))
            .thenRequest(Long.MAX_VALUE)
            .expectNextMatches((job) -> job.uuid().equals("d"))
            .expectNextMatches((job) -> job.uuid().equals("e"))
            .verifyComplete();
        assertThat(this.api.take().getTarget()).isEqualTo("/v2/gen-ai/indexing_jobs?page=1&per_page=2");
        assertThat(this.api.take().getTarget()).isEqualTo("/v2/gen-ai/indexing_jobs?page=2&per_page=2");
        assertThat(this.api.take().getTarget()).isEqualTo("/v2/gen-ai/indexing_jobs?page=3&per_page=2");
        assertThat(this.api.requestCount()).isEqualTo(3);
    }

    @Test
    void followsNextLinksWhenThereIsNoMeta() {
        this.api.enqueueJson(200, "{\"jobs\":[{\"uuid\":\"a\"},{\"uuid\":\"b\"}],\"links\":{\"pages\":{\"next\":\"x\"}}}");
        this.api.enqueueJson(200, "{\"jobs\":[{\"uuid\":\"c\"}],\"links\":{\"pages\":{\"first\":\"x\",\"prev\":\"y\"}}}");
        StepVerifier.create(this.client.listAll()).expectNextCount(3).verifyComplete();
        assertThat(this.api.requestCount()).isEqualTo(2);
    }

    @Test
    void anEmptyPageEndsTheListingEvenIfItLinksOnward() {
        this.api.enqueueJson(200, "{\"jobs\":[],\"links\":{\"pages\":{\"next\":\"x\"}},\"meta\":{\"page\":1,\"pages\":9}}");
        StepVerifier.create(this.client.listAll()).verifyComplete();
        assertThat(this.api.requestCount()).isEqualTo(1);
    }

    @Test
    void takingFewerJobsThanAPageHoldsFetchesOnePage() {
        this.api.enqueueJson(200, page(1, 3, "a", "b"));
        StepVerifier.create(this.client.listAll().take(1)).expectNextCount(1).verifyComplete();
        assertThat(this.api.requestCount()).isEqualTo(1);
    }

    @Test
    void aFailedPageFailsTheStream() {
        this.api.enqueueJson(200, page(1, 2, "a", "b"));
        this.api.enqueueJson(404, "{\"id\":\"not_found\",\"message\":\"gone\"}");
        StepVerifier.create(this.client.listAll())
            .expectNextCount(2)
            .expectError(io.github.gradientspring.client.error.GradientNotFoundException.class)
            .verify();
    }

}
