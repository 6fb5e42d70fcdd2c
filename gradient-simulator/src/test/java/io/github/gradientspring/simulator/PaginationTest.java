package io.github.gradientspring.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PaginationTest {

    private GradientSimulator simulator;
    private Http http;
    private SeededKnowledgeBase kb;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void start() {
        simulator = Fixtures.manual().rateLimits(RateLimits.OFF).start();
        http = Http.to(simulator);
        kb = Fixtures.docs(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private void createJobs(int count) {
        for (int i = 0; i < count; i++) {
            created.add(Fixtures.createJob(http, kb));
        }
    }

    private String link(int page, int perPage) {
        return simulator.baseUrl() + "/v2/gen-ai/indexing_jobs?page=" + page + "&per_page=" + perPage;
    }

    @Test
    void defaultPageHoldsTwentyJobsAndLinksForward() {
        createJobs(45);
        JsonNode body = http.get("/v2/gen-ai/indexing_jobs").json();
        assertThat(body.get("jobs")).hasSize(20);
        assertThat(body.get("jobs").get(0).get("uuid").asString()).isEqualTo(created.get(44));
        JsonNode pages = body.get("links").get("pages");
        assertThat(pages.has("first")).isFalse();
        assertThat(pages.has("previous")).isFalse();
        assertThat(pages.get("next").asString()).isEqualTo(link(2, 20));
        assertThat(pages.get("last").asString()).isEqualTo(link(3, 20));
        assertThat(body.get("meta").get("pages").asInt()).isEqualTo(3);
        assertThat(body.get("meta").get("total").asInt()).isEqualTo(45);
    }

    @Test
    void middlePageLinksBothWays() {
        createJobs(45);
        JsonNode body = http.get("/v2/gen-ai/indexing_jobs?page=2&per_page=20").json();
        JsonNode pages = body.get("links").get("pages");
        assertThat(pages.get("first").asString()).isEqualTo(link(1, 20));
        assertThat(pages.get("previous").asString()).isEqualTo(link(1, 20));
        assertThat(pages.get("next").asString()).isEqualTo(link(3, 20));
        assertThat(pages.get("last").asString()).isEqualTo(link(3, 20));
        assertThat(body.get("meta").get("page").asInt()).isEqualTo(2);
    }

    @Test
    void lastPageHasNoNextOrLastAndHoldsTheRest() {
        createJobs(45);
        JsonNode body = http.get("/v2/gen-ai/indexing_jobs?page=3").json();
        assertThat(body.get("jobs")).hasSize(5);
        assertThat(body.get("jobs").get(4).get("uuid").asString()).isEqualTo(created.get(0));
        JsonNode pages = body.get("links").get("pages");
        assertThat(pages.has("next")).isFalse();
        assertThat(pages.has("last")).isFalse();
        assertThat(pages.get("previous").asString()).isEqualTo(link(2, 20));
    }

    @Test
    void followingNextLinksVisitsEveryJobOnce() {
        createJobs(23);
        List<String> seen = new ArrayList<>();
        String url = "/v2/gen-ai/indexing_jobs?per_page=5";
        while (url != null) {
            JsonNode body = http.get(url).json();
            body.get("jobs").forEach(job -> seen.add(job.get("uuid").asString()));
            JsonNode next = body.get("links").get("pages").get("next");
            url = next == null ? null : next.asString();
        }
        assertThat(seen).hasSize(23).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void exactMultipleOfPageSizeHasNoEmptyTrailingPage() {
        createJobs(10);
        JsonNode body = http.get("/v2/gen-ai/indexing_jobs?page=2&per_page=5").json();
        assertThat(body.get("jobs")).hasSize(5);
        assertThat(body.get("meta").get("pages").asInt()).isEqualTo(2);
        assertThat(body.get("links").get("pages").has("next")).isFalse();
    }

    @Test
    void perPageAbove200IsClampedTo200() {
        createJobs(205);
        JsonNode body = http.get("/v2/gen-ai/indexing_jobs?per_page=500").json();
        assertThat(body.get("jobs")).hasSize(200);
        assertThat(body.get("links").get("pages").get("next").asString()).isEqualTo(link(2, 200));
        assertThat(body.get("meta").get("pages").asInt()).isEqualTo(2);
    }

    @Test
    void pageBeyondTheEndIsEmptyAndPointsBack() {
        createJobs(3);
        JsonNode body = http.get("/v2/gen-ai/indexing_jobs?page=9").json();
        assertThat(body.get("jobs")).isEmpty();
        assertThat(body.get("meta").get("page").asInt()).isEqualTo(9);
        assertThat(body.get("meta").get("total").asInt()).isEqualTo(3);
        assertThat(body.get("links").get("pages").get("previous").asString()).isEqualTo(link(1, 20));
        assertThat(body.get("links").get("pages").has("next")).isFalse();
    }

    @Test
    void emptyAccountAnswersEmptyListWithZeroPages() {
        JsonNode body = http.get("/v2/gen-ai/indexing_jobs").json();
        assertThat(body.get("jobs")).isEmpty();
        assertThat(body.get("meta").get("total").asInt()).isZero();
        assertThat(body.get("meta").get("pages").asInt()).isZero();
    }

    @Test
    void invalidPagingParametersAreBadRequest() {
        for (String query : new String[] {"page=0", "page=-1", "page=abc", "per_page=0", "per_page=x"}) {
            Http.Response response = http.get("/v2/gen-ai/indexing_jobs?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("id").asString()).isEqualTo("bad_request");
        }
    }

    @Test
    void listByKnowledgeBaseReturnsLatestFifteenAndIgnoresPagingParameters() {
        createJobs(18);
        JsonNode body = http.get("/v2/gen-ai/knowledge_bases/" + kb.uuid() + "/indexing_jobs?page=2&per_page=5").json();
        assertThat(body.get("jobs")).hasSize(15);
        assertThat(body.get("jobs").get(0).get("uuid").asString()).isEqualTo(created.get(17));
        assertThat(body.get("jobs").get(14).get("uuid").asString()).isEqualTo(created.get(3));
        assertThat(body.get("meta").get("total").asInt()).isEqualTo(15);
        assertThat(body.get("links").get("pages").isEmpty()).isTrue();
    }
}
