package io.github.gradientspring.client;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;

import io.github.gradientspring.client.error.RequestBudgetExhaustedException;
import io.github.gradientspring.client.model.IndexingJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DigitalOcean counts requests per token, so every client of one JVM built for the same token and base URL draws
 * from one budget, unless told otherwise. Each test uses tokens of its own: budgets are shared JVM-wide.
 */
class SharedBudgetTests {

    // Two an hour: once spent, the next slot is an hour away, so a further call fails at once.
    private static final RateLimitPolicy TWO_AN_HOUR = RateLimitPolicy.of(2, 2);

    private final MockGradientApi api = new MockGradientApi();

    @AfterEach
    void close() {
        this.api.close();
    }

    private IndexingJobsClient.Builder builder(String token) {
        return IndexingJobsClient.builder().accessToken(token).baseUrl(this.api.baseUrl()).rateLimitPolicy(TWO_AN_HOUR);
    }

    private void answerTwice() {
        for (int i = 0; i < 2; i++) {
            this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        }
    }

    @Test
    void twoClientsOfOneTokenAndBaseUrlDrawFromOneBudget() {
        IndexingJobsClient first = builder("shared-token-one").build();
        IndexingJobsClient second = builder("shared-token-one").build();
        answerTwice();
        first.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));
        first.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));

        assertThat(second.budget()).isSameAs(first.budget());
        assertThatThrownBy(() -> second.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10)))
            .isInstanceOf(RequestBudgetExhaustedException.class)
            .hasMessageContaining("the client's 2 requests of the rolling hour");
        assertThat(this.api.requestCount()).isEqualTo(2);
    }

    @Test
    void clientsOfDifferentTokensHaveBudgetsOfTheirOwn() {
        IndexingJobsClient first = builder("shared-token-two").build();
        IndexingJobsClient other = builder("shared-token-three").build();
        answerTwice();
        first.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));
        first.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));
        answerTwice();

        other.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));
        other.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));

        assertThat(other.budget()).isNotSameAs(first.budget());
        assertThat(this.api.requestCount()).isEqualTo(4);
    }

    @Test
    void aClientToldNotToShareKeepsABudgetOfItsOwn() {
        IndexingJobsClient first = builder("shared-token-four").build();
        IndexingJobsClient own = builder("shared-token-four").sharedBudget(false).build();
        assertThat(own.budget()).isNotSameAs(first.budget());
    }

    @Test
    void aClientOnASchedulerOfItsOwnKeepsABudgetOfItsOwn() {
        IndexingJobsClient first = builder("shared-token-five").build();
        IndexingJobsClient virtual = builder("shared-token-five").scheduler(VirtualTimeScheduler.create()).build();
        assertThat(virtual.budget()).isNotSameAs(first.budget());
    }

    @Test
    void theFirstClientsPolicyWinsWhenALaterOneAsksForAnother() {
        IndexingJobsClient first = builder("shared-token-six").build();
        IndexingJobsClient later = builder("shared-token-six").rateLimitPolicy(RateLimitPolicy.defaults()).build();
        assertThat(later.budget()).isSameAs(first.budget());
        assertThat(later.budget().policy()).isEqualTo(TWO_AN_HOUR);
    }

    @Test
    void theBudgetOfClientsThatAreAllGoneIsCollected() {
        WeakReference<RequestBudget> budget = budgetOfAClientLeftBehind("shared-token-eight");
        for (int i = 0; i < 50 && budget.get() != null; i++) {
            System.gc();
        }
        assertThat(budget.get()).as("the budget, once no client holds it").isNull();
        assertThat(builder("shared-token-eight").build().budget()).as("a new client gets a fresh budget")
            .extracting(RequestBudget::remainingInHour).isEqualTo(2);
    }

    private WeakReference<RequestBudget> budgetOfAClientLeftBehind(String token) {
        answerTwice();
        IndexingJobsClient gone = builder(token).build();
        gone.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));
        return new WeakReference<>(gone.budget());
    }

    @Test
    void aCopyOfTheBuilderSharesTheBudgetOfTheClientItWasCopiedFrom() {
        IndexingJobsClient.Builder builder = builder("shared-token-seven");
        IndexingJobsClient first = builder.build();
        IndexingJobsClient healthCheck = builder.copy().retryPolicy(RetryPolicy.none()).build();
        assertThat(healthCheck.budget()).isSameAs(first.budget());
    }

    @Test
    void twoClientsOfOneTokenWatchingOneJobPollItOnceBetweenThem() {
        IndexingJobsClient first = IndexingJobsClient.builder().accessToken("shared-token-hub").baseUrl(this.api.baseUrl())
            .build();
        IndexingJobsClient second = IndexingJobsClient.builder().accessToken("shared-token-hub")
            .baseUrl(this.api.baseUrl())
            .build();
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_SUCCEEDED"));

        List<IndexingJob> seen = Flux.merge(first.watch(MockGradientApi.JOB), second.watch(MockGradientApi.JOB))
            .collectList()
            .block(Duration.ofSeconds(10));

        assertThat(seen).hasSize(2).allMatch(IndexingJob::isTerminal);
        assertThat(this.api.requestCount()).as("polls of the job for both watches").isEqualTo(1);
    }

    @Test
    void controlClientsWithBudgetsOfTheirOwnPollAJobEachForTheirWatches() {
        IndexingJobsClient first = IndexingJobsClient.builder().accessToken("shared-token-own-hubs")
            .baseUrl(this.api.baseUrl())
            .sharedBudget(false)
            .build();
        IndexingJobsClient second = IndexingJobsClient.builder().accessToken("shared-token-own-hubs")
            .baseUrl(this.api.baseUrl())
            .sharedBudget(false)
            .build();
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_SUCCEEDED"));
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_SUCCEEDED"));

        List<IndexingJob> seen = Flux.merge(first.watch(MockGradientApi.JOB), second.watch(MockGradientApi.JOB))
            .collectList()
            .block(Duration.ofSeconds(10));

        assertThat(seen).hasSize(2);
        assertThat(this.api.requestCount()).isEqualTo(2);
    }

}
