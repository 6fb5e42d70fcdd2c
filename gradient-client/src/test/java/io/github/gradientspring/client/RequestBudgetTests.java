package io.github.gradientspring.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.github.gradientspring.client.LocalRequestBudget.Priority;
import io.github.gradientspring.client.model.RateLimitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget lets requests through at the policy's rate, the application's first, and slows down when the API
 * says so. Driven by virtual time.
 */
class RequestBudgetTests {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private VirtualTimeScheduler time;

    private final List<String> granted = new ArrayList<>();

    @BeforeEach
    void virtualTime() {
        this.time = VirtualTimeScheduler.getOrSet();
    }

    @AfterEach
    void realTime() {
        VirtualTimeScheduler.reset();
    }

    private LocalRequestBudget budget(RateLimitPolicy policy) {
        return new LocalRequestBudget(policy, Schedulers::parallel, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Disposable ask(LocalRequestBudget budget, Priority priority, String name) {
        return budget.acquire(priority).subscribe(null, null, () -> this.granted.add(name));
    }

    @Test
    void aFullMinuteBudgetIsGrantedAtOnceAndEachTokenComesBackAMinuteAfterItWasSpent() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(10, 1000));
        for (int i = 0; i < 5; i++) {
            ask(budget, Priority.USER, "r" + i);
        }
        this.time.advanceTimeBy(Duration.ofSeconds(30));
        for (int i = 5; i < 12; i++) {
            ask(budget, Priority.USER, "r" + i);
        }
        assertThat(this.granted).hasSize(10);
        this.time.advanceTimeBy(Duration.ofMillis(29_999));
        assertThat(this.granted).hasSize(10);
        this.time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(this.granted).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11");
        assertThat(budget.granted()).isEqualTo(12);
    }

    @Test
    void noMinuteEverSeesMoreRequestsThanTheBudget() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(20, 100_000));
        java.util.List<Long> sentAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 200; i++) {
            budget.acquire(Priority.POLL).subscribe(null, null,
                    () -> sentAt.add(this.time.now(java.util.concurrent.TimeUnit.MILLISECONDS)));
            this.time.advanceTimeBy(Duration.ofMillis(700));
        }
        this.time.advanceTimeBy(Duration.ofMinutes(10));
        assertThat(sentAt).hasSize(200);
        for (int i = 0; i + 20 < sentAt.size(); i++) {
            assertThat(sentAt.get(i + 20) - sentAt.get(i)).as("21 requests span a full minute").isGreaterThanOrEqualTo(60_000);
        }
    }

    @Test
    void theHourlyBudgetBindsWhenTheMinuteOneWouldNot() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(100, 5));
        for (int i = 0; i < 6; i++) {
            ask(budget, Priority.USER, "r" + i);
        }
        assertThat(this.granted).hasSize(5);
        this.time.advanceTimeBy(Duration.ofMinutes(59));
        assertThat(this.granted).hasSize(5);
        this.time.advanceTimeBy(Duration.ofMinutes(1));
        assertThat(this.granted).hasSize(6);
    }

    @Test
    void theApplicationsCallsGoBeforeWaitingPolls() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(1, 1000));
        ask(budget, Priority.USER, "first");
        ask(budget, Priority.POLL, "poll-1");
        ask(budget, Priority.POLL, "poll-2");
        ask(budget, Priority.USER, "user");
        this.time.advanceTimeBy(Duration.ofSeconds(61));
        assertThat(this.granted).containsExactly("first", "user");
        this.time.advanceTimeBy(Duration.ofSeconds(60));
        assertThat(this.granted).containsExactly("first", "user", "poll-1");
    }

    @Test
    void theApisRemainingCountCapsTheBudgetUntilTheApisReset() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        budget.learn(200, new RateLimitStatus(5000L, 3L, NOW.plusSeconds(600)), null);
        for (int i = 0; i < 5; i++) {
            ask(budget, Priority.USER, "r" + i);
        }
        assertThat(this.granted).hasSize(3);
        this.time.advanceTimeBy(Duration.ofSeconds(599));
        assertThat(this.granted).hasSize(3);
        this.time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(this.granted).hasSize(5);
    }

    @Test
    void aLateAnswerCountedBeforeTheAllowanceRanOutCannotLiftThePause() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        budget.learn(200, new RateLimitStatus(5000L, 1L, NOW.plusSeconds(600)), null);
        ask(budget, Priority.USER, "spends the last");
        ask(budget, Priority.USER, "waits");
        budget.learn(200, new RateLimitStatus(5000L, 40L, NOW.plusSeconds(600)), null);
        assertThat(this.granted).containsExactly("spends the last");
        this.time.advanceTimeBy(Duration.ofSeconds(600));
        assertThat(this.granted).containsExactly("spends the last", "waits");
    }

    @Test
    void whileNotPausedTheApisCountIsBelievedEvenWhenItRises() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        budget.learn(200, new RateLimitStatus(5000L, 2L, NOW.plusSeconds(600)), null);
        budget.learn(200, new RateLimitStatus(5000L, 10L, NOW.plusSeconds(600)), null);
        for (int i = 0; i < 12; i++) {
            ask(budget, Priority.USER, "r" + i);
        }
        assertThat(this.granted).hasSize(10);
    }

    @Test
    void anExhaustedRemainingCountPausesEverythingUntilTheReset() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        budget.learn(200, new RateLimitStatus(5000L, 0L, NOW.plusSeconds(120)), null);
        ask(budget, Priority.USER, "user");
        ask(budget, Priority.POLL, "poll");
        this.time.advanceTimeBy(Duration.ofSeconds(119));
        assertThat(this.granted).isEmpty();
        this.time.advanceTimeBy(Duration.ofSeconds(2));
        assertThat(this.granted).containsExactly("user", "poll");
    }

    @Test
    void aTooManyRequestsAnswerPausesPollsForItsRetryAfterButNotTheApplication() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        budget.learn(429, RateLimitStatus.NONE, Duration.ofSeconds(30));
        ask(budget, Priority.POLL, "poll");
        ask(budget, Priority.USER, "user");
        assertThat(this.granted).containsExactly("user");
        assertThat(budget.pollsPausedUntil()).isEqualTo(NOW.plusSeconds(30));
        this.time.advanceTimeBy(Duration.ofSeconds(30));
        assertThat(this.granted).containsExactly("user", "poll");
        assertThat(budget.pollsPausedUntil()).isNull();
    }

    @Test
    void aTooManyRequestsAnswerWithoutRetryAfterPausesPollsBriefly() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        budget.learn(429, RateLimitStatus.NONE, null);
        ask(budget, Priority.POLL, "poll");
        this.time.advanceTimeBy(LocalRequestBudget.DEFAULT_PAUSE.minusMillis(1));
        assertThat(this.granted).isEmpty();
        this.time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(this.granted).containsExactly("poll");
    }

    @Test
    void anAbsurdRetryAfterIsCappedAtAnHour() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        budget.learn(429, RateLimitStatus.NONE, Duration.ofDays(365));
        ask(budget, Priority.POLL, "poll");
        this.time.advanceTimeBy(Duration.ofHours(1));
        assertThat(this.granted).containsExactly("poll");
    }

    @Test
    void aCancelledRequestLeavesTheQueue() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(1, 1000));
        ask(budget, Priority.USER, "first");
        Disposable gaveUp = ask(budget, Priority.USER, "gave-up");
        ask(budget, Priority.USER, "next");
        gaveUp.dispose();
        assertThat(budget.waiting()).isEqualTo(1);
        this.time.advanceTimeBy(Duration.ofSeconds(61));
        assertThat(this.granted).containsExactly("first", "next");
    }

    @Test
    void anUnlimitedPolicyGrantsEverythingAtOnce() {
        LocalRequestBudget budget = budget(RateLimitPolicy.unlimited());
        for (int i = 0; i < 10_000; i++) {
            ask(budget, Priority.POLL, "r" + i);
        }
        assertThat(this.granted).hasSize(10_000);
    }

    @Test
    void policiesAreChecked() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.of(0, 10))
            .withMessage("requestsPerMinute must be 1 or more, but was 0");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.of(10, 0))
            .withMessage("requestsPerHour must be 1 or more, but was 0");
        assertThat(RateLimitPolicy.defaults().requestsPerMinute()).isEqualTo(200);
        assertThat(RateLimitPolicy.defaults().requestsPerHour()).isEqualTo(4000);
    }

    @Test
    void theBudgetReportsWhatIsLeftAndAResetForgetsEverySpentSlotAndPause() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(10, 1000));
        for (int i = 0; i < 12; i++) {
            ask(budget, Priority.USER, "r" + i);
        }
        budget.learn(429, RateLimitStatus.NONE, Duration.ofSeconds(30));
        assertThat(budget.remainingInMinute()).isZero();
        assertThat(budget.remainingInHour()).isEqualTo(990);
        assertThat(budget.waiting()).isEqualTo(2);
        assertThat(budget.pausedUntil()).isNotNull();

        budget.reset();

        assertThat(this.granted).hasSize(12);
        assertThat(budget.waiting()).isZero();
        assertThat(budget.remainingInMinute()).isEqualTo(8);
        assertThat(budget.remainingInHour()).isEqualTo(998);
        assertThat(budget.pausedUntil()).isNull();
    }

    @Test
    void aClientWithoutABudgetReportsTheUnlimitedOne() {
        IndexingJobsClient client = IndexingJobsClient.builder().accessToken("token")
            .rateLimitPolicy(RateLimitPolicy.unlimited()).build();
        assertThat(client.budget()).isSameAs(RequestBudget.unlimited());
        assertThat(client.budget().remainingInMinute()).isEqualTo(-1);
        assertThat(client.budget().policy().isEnabled()).isFalse();
    }

}
