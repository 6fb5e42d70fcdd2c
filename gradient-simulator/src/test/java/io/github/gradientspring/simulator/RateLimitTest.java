package io.github.gradientspring.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    private static final String JOBS = "/v2/gen-ai/indexing_jobs";
    private static final long T0 = ManualClock.DEFAULT_START.getEpochSecond();

    @Test
    void everyResponseReportsHourlyLimitRemainingAndReset() {
        try (GradientSimulator simulator = Fixtures.manual().start()) {
            Http http = Http.to(simulator);
            Http.Response first = http.get(JOBS);
            assertThat(first.header("ratelimit-limit")).isEqualTo("5000");
            assertThat(first.header("ratelimit-remaining")).isEqualTo("4999");
            assertThat(first.header("ratelimit-reset")).isEqualTo(Long.toString(T0 + 3600));

            simulator.advance(Duration.ofSeconds(10));
            Http.Response second = http.get(JOBS);
            assertThat(second.header("ratelimit-remaining")).isEqualTo("4998");
            // The reset is when the oldest counted request expires, not a fixed hourly boundary.
            assertThat(second.header("ratelimit-reset")).isEqualTo(Long.toString(T0 + 3600));
        }
    }

    @Test
    void aFaultThatReplacesTheAnswerCarriesNoRateLimitHeadersAndIsNotCounted() {
        try (GradientSimulator simulator = Fixtures.manual().start()) {
            Http http = Http.to(simulator);
            simulator.faults().on(Operation.LIST).respond(Fault.status(503));
            Http.Response faulted = http.get(JOBS);
            assertThat(faulted.status()).isEqualTo(503);
            assertThat(faulted.header("x-request-id")).isNotBlank();
            assertThat(faulted.header("ratelimit-limit")).isNull();
            assertThat(faulted.header("ratelimit-remaining")).isNull();
            // Not counted: the next real answer still has all but one request of the budget left.
            assertThat(http.get(JOBS).header("ratelimit-remaining")).isEqualTo("4999");
        }
    }

    @Test
    void aFaultThatKeepsTheRealAnswerIsCountedAndCarriesTheHeaders() {
        try (GradientSimulator simulator = Fixtures.manual().start()) {
            Http http = Http.to(simulator);
            simulator.faults().on(Operation.LIST).respond(Fault.wrongContentType());
            Http.Response faulted = http.get(JOBS);
            assertThat(faulted.status()).isEqualTo(200);
            assertThat(faulted.header("ratelimit-remaining")).isEqualTo("4999");
            assertThat(http.get(JOBS).header("ratelimit-remaining")).isEqualTo("4998");
        }
    }

    @Test
    void aFaultIsAnsweredBeforeTheTokenIsChecked() {
        try (GradientSimulator simulator = Fixtures.manual().start()) {
            simulator.faults().on(Operation.LIST).respond(Fault.status(503));
            Http.Response faulted = new Http(simulator.baseUrl(), "a-wrong-token").get(JOBS);
            assertThat(faulted.status()).isEqualTo(503);
            assertThat(new Http(simulator.baseUrl(), "a-wrong-token").get(JOBS).status()).isEqualTo(401);
        }
    }

    @Test
    void resetRollsToTheNextOldestRequestOnceTheOldestExpires() {
        try (GradientSimulator simulator = Fixtures.manual().start()) {
            Http http = Http.to(simulator);
            http.get(JOBS);
            simulator.advance(Duration.ofMinutes(30));
            http.get(JOBS);
            simulator.advance(Duration.ofMinutes(31));
            Http.Response response = http.get(JOBS);
            assertThat(response.header("ratelimit-remaining")).isEqualTo("4998");
            assertThat(response.header("ratelimit-reset")).isEqualTo(Long.toString(T0 + 1800 + 3600));
        }
    }

    @Test
    void burstBudgetExhaustedAnswers429WithRetryAfterUntilTheMinuteRollsOver() {
        try (GradientSimulator simulator = Fixtures.manual().rateLimits(RateLimits.of(3, 100)).start()) {
            Http http = Http.to(simulator);
            for (int i = 0; i < 3; i++) {
                assertThat(http.get(JOBS).status()).isEqualTo(200);
            }
            Http.Response limited = http.get(JOBS);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("id").asString()).isEqualTo("too_many_requests");
            assertThat(limited.json().get("message").asString()).isEqualTo("API rate limit exceeded.");
            assertThat(limited.header("retry-after")).isEqualTo("60");
            assertThat(limited.header("ratelimit-limit")).isEqualTo("100");
            assertThat(limited.header("ratelimit-remaining")).isEqualTo("97");
            assertThat(limited.header("x-request-id")).isNotBlank();

            simulator.advance(Duration.ofSeconds(59));
            assertThat(http.get(JOBS).header("retry-after")).isEqualTo("1");
            simulator.advance(Duration.ofSeconds(1));
            assertThat(http.get(JOBS).status()).isEqualTo(200);
            assertThat(simulator.journal().rateLimited()).isEqualTo(2);
        }
    }

    @Test
    void hourlyBudgetExhaustedAnswers429UntilTheOldestRequestExpires() {
        try (GradientSimulator simulator = Fixtures.manual().rateLimits(RateLimits.of(100, 5)).start()) {
            Http http = Http.to(simulator);
            for (int i = 0; i < 5; i++) {
                assertThat(http.get(JOBS).status()).isEqualTo(200);
                simulator.advance(Duration.ofSeconds(61));
            }
            Http.Response limited = http.get(JOBS);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("ratelimit-remaining")).isEqualTo("0");
            assertThat(limited.header("retry-after")).isEqualTo(Long.toString(3600 - 5 * 61));
            assertThat(limited.header("ratelimit-reset")).isEqualTo(Long.toString(T0 + 3600));

            simulator.advance(Duration.ofSeconds(3600 - 5 * 61));
            Http.Response again = http.get(JOBS);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.header("ratelimit-remaining")).isEqualTo("0");
        }
    }

    @Test
    void rejectedRequestsDoNotCountAgainstTheBudget() {
        try (GradientSimulator simulator = Fixtures.manual().rateLimits(RateLimits.of(2, 10)).start()) {
            Http http = Http.to(simulator);
            http.get(JOBS);
            http.get(JOBS);
            for (int i = 0; i < 5; i++) {
                assertThat(http.get(JOBS).status()).isEqualTo(429);
            }
            simulator.advance(Duration.ofMinutes(1));
            Http.Response response = http.get(JOBS);
            assertThat(response.status()).isEqualTo(200);
            // Two admitted before, this one now: the five 429s in between were not counted.
            assertThat(response.header("ratelimit-remaining")).isEqualTo("7");
        }
    }

    @Test
    void budgetsArePerToken() {
        try (GradientSimulator simulator = Fixtures.manual().readOnlyTokens("second-token")
                .rateLimits(RateLimits.of(1, 10)).start()) {
            Http http = Http.to(simulator);
            assertThat(http.get(JOBS).status()).isEqualTo(200);
            assertThat(http.get(JOBS).status()).isEqualTo(429);
            Http.Response other = http.withToken("second-token").get(JOBS);
            assertThat(other.status()).isEqualTo(200);
            assertThat(other.header("ratelimit-remaining")).isEqualTo("9");
        }
    }

    @Test
    void rateLimitsOffSendNoRateLimitHeadersAndNeverLimit() {
        try (GradientSimulator simulator = Fixtures.manual().rateLimits(RateLimits.OFF).start()) {
            Http http = Http.to(simulator);
            for (int i = 0; i < 300; i++) {
                assertThat(http.get(JOBS).status()).isEqualTo(200);
            }
            assertThat(http.get(JOBS).header("ratelimit-limit")).isNull();
        }
    }

    @Test
    void defaultBudgetIsDigitalOceans250PerMinute() {
        try (GradientSimulator simulator = Fixtures.manual().start()) {
            Http http = Http.to(simulator);
            for (int i = 0; i < 250; i++) {
                assertThat(http.get(JOBS).status()).isEqualTo(200);
            }
            assertThat(http.get(JOBS).status()).isEqualTo(429);
            assertThat(simulator.rateLimits()).isEqualTo(RateLimits.DIGITALOCEAN);
        }
    }
}
