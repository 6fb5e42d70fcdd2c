package io.github.gradientspring.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.RetryQuota;
import io.github.gradientspring.client.RequestBudget;
import io.github.gradientspring.client.GradientOperation;
import io.github.gradientspring.client.internal.LocalRequestBudget.Priority;
import io.github.gradientspring.client.error.RequestBudgetExhaustedException;
import io.github.gradientspring.client.error.RequestBudgetExhaustedException.Window;
import io.github.gradientspring.client.model.RateLimitStatus;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The budget lets requests through at the policy's rate, the application's first, follows what DigitalOcean's
 * headers say, and bounds every wait of a call. Driven by virtual time through {@link ClientTime}.
 */
class RequestBudgetTests {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private static final Duration LONG_WAIT = Duration.ofHours(1);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    private final List<String> granted = new ArrayList<>();

    private final Map<String, Permit> permits = new HashMap<>();

    private final Map<String, Throwable> failed = new HashMap<>();

    RequestBudgetTests() {
        this.time.advanceTimeTo(NOW);
    }

    private LocalRequestBudget budget(RateLimitPolicy policy) {
        return new LocalRequestBudget(policy, Duration.ofSeconds(60), new ClientTime(this.time, Clock.systemUTC()));
    }

    private Disposable ask(LocalRequestBudget budget, Priority priority, String name) {
        return budget.acquire(priority).subscribe((permit) -> {
            this.granted.add(name);
            this.permits.put(name, permit);
        }, (error) -> this.failed.put(name, error));
    }

    private static RateLimitStatus remaining(long remaining, Instant reset) {
        return new RateLimitStatus(5000L, remaining, reset);
    }

    private void advance(Duration duration) {
        this.time.advanceTimeBy(duration);
    }

    @Test
    void aFullMinuteIsGrantedAtOnceAndEachSlotComesBackOneMinuteAfterTheSecondItWasTakenIn() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(10, 1000));
        for (int i = 0; i < 5; i++) {
            ask(budget, Priority.USER, "r" + i);
        }
        advance(Duration.ofSeconds(30));
        for (int i = 5; i < 12; i++) {
            ask(budget, Priority.USER, "r" + i);
        }
        assertThat(this.granted).hasSize(10);
        // Taken in the second 0..1 s: back at 61 s, never before 60 s after any of them.
        advance(Duration.ofMillis(30_999));
        assertThat(this.granted).hasSize(10);
        advance(Duration.ofMillis(1));
        assertThat(this.granted).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11");
        // All twelve are counted in the rolling hour, as the public view reports.
        assertThat(budget.remainingInHour()).isEqualTo(1000 - 12);
    }

    @Test
    void noMinuteEverSeesMoreRequestsThanTheBudget() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(20, 100_000));
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 200; i++) {
            budget.acquire(Priority.POLL).subscribe((permit) -> sentAt.add(this.time.now(TimeUnit.MILLISECONDS)));
            advance(Duration.ofMillis(700));
        }
        advance(Duration.ofMinutes(10));
        assertThat(sentAt).hasSize(200);
        for (int i = 0; i + 20 < sentAt.size(); i++) {
            assertThat(sentAt.get(i + 20) - sentAt.get(i)).as("21 requests span a full minute").isGreaterThanOrEqualTo(60_000);
        }
    }

    @Test
    void theHourlyBudgetBindsWhenTheMinuteOneWouldNot() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(5, 8));
        for (int i = 0; i < 9; i++) {
            ask(budget, Priority.POLL, "r" + i);
        }
        assertThat(this.granted).hasSize(5);
        advance(Duration.ofSeconds(61));
        assertThat(this.granted).hasSize(8);
        advance(Duration.ofMinutes(58));
        assertThat(this.granted).hasSize(8);
        advance(Duration.ofSeconds(60));
        assertThat(this.granted).hasSize(9);
    }

    @Test
    void theApplicationsCallsGoBeforeWaitingPolls() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(1, 1000).withMaxWait(LONG_WAIT));
        ask(budget, Priority.USER, "first");
        ask(budget, Priority.POLL, "poll-1");
        ask(budget, Priority.POLL, "poll-2");
        ask(budget, Priority.USER, "user");
        advance(Duration.ofSeconds(61));
        assertThat(this.granted).containsExactly("first", "user");
        advance(Duration.ofSeconds(61));
        assertThat(this.granted).containsExactly("first", "user", "poll-1");
    }

    @Test
    void whileCallsAndPollsBothWaitOneGrantInTenGoesToAPoll() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(10, 100_000).withMaxWait(LONG_WAIT));
        for (int i = 0; i < 40; i++) {
            ask(budget, Priority.USER, "call");
        }
        for (int i = 0; i < 5; i++) {
            ask(budget, Priority.POLL, "poll");
        }
        assertThat(this.granted).hasSize(10).containsOnly("call");
        for (int minute = 1; minute <= 3; minute++) {
            advance(Duration.ofSeconds(61));
            List<String> thisMinute = this.granted.subList(10 * minute, 10 * minute + 10);
            assertThat(thisMinute).as("minute " + minute).containsOnlyOnce("poll");
        }
    }

    @Test
    void theApisRemainingCountCapsTheBudgetAndOnceItIsSpentOneProbeGoesAtTheReset() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000).withMaxWait(LONG_WAIT));
        ask(budget, Priority.USER, "first");
        this.permits.get("first").responded(200, remaining(3, NOW.plusSeconds(600)), null);
        for (int i = 0; i < 5; i++) {
            ask(budget, Priority.USER, "r" + i);
        }
        assertThat(this.granted).containsExactly("first", "r0", "r1", "r2");
        // The three end without an answer: nothing says more remains, so the budget waits for the API's reset.
        this.permits.get("r0").release();
        this.permits.get("r1").release();
        this.permits.get("r2").release();
        advance(Duration.ofSeconds(599));
        assertThat(this.granted).hasSize(4);
        advance(Duration.ofSeconds(1));
        assertThat(this.granted).as("one probe").containsExactly("first", "r0", "r1", "r2", "r3");
        this.permits.get("r3").responded(200, remaining(10, NOW.plusSeconds(1200)), null);
        assertThat(this.granted).containsExactly("first", "r0", "r1", "r2", "r3", "r4");
    }

    @Test
    void afterAPauseOneProbeGoesAndTheRestFollowWhatRatelimitRemainingAllows() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000).withMaxWait(LONG_WAIT));
        ask(budget, Priority.USER, "first");
        this.permits.get("first").responded(200, remaining(0, NOW.plusSeconds(120)), null);
        for (int i = 0; i < 50; i++) {
            ask(budget, Priority.USER, "q" + i);
        }
        ask(budget, Priority.POLL, "poll");
        advance(Duration.ofSeconds(119));
        assertThat(this.granted).containsExactly("first");
        assertThat(budget.pausedUntil()).isEqualTo(NOW.plusSeconds(120));
        advance(Duration.ofSeconds(1));
        assertThat(this.granted).as("the probe alone").containsExactly("first", "q0");
        this.permits.get("q0").responded(200, remaining(3, NOW.plusSeconds(130)), null);
        assertThat(this.granted).as("three more, as the probe's answer allows").hasSize(5);
        this.permits.get("q1").responded(200, remaining(0, NOW.plusSeconds(130)), null);
        advance(Duration.ofSeconds(9));
        assertThat(this.granted).hasSize(5);
        advance(Duration.ofSeconds(1));
        assertThat(this.granted).as("the next probe").hasSize(6);
    }

    @Test
    void aProbeThatGetsNoAnswerLetsTheNextWaiterProbe() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000).withMaxWait(LONG_WAIT));
        ask(budget, Priority.USER, "first");
        this.permits.get("first").responded(429, RateLimitStatus.NONE, Duration.ofSeconds(10));
        ask(budget, Priority.USER, "a");
        ask(budget, Priority.USER, "b");
        advance(Duration.ofSeconds(10));
        assertThat(this.granted).containsExactly("first", "a");
        this.permits.get("a").release(); // timed out, or the connection failed
        assertThat(this.granted).containsExactly("first", "a", "b");
        this.permits.get("a").responded(200, remaining(100, NOW.plusSeconds(100)), null);
        ask(budget, Priority.USER, "c");
        assertThat(this.granted).as("a released permit's late report counts for nothing").containsExactly("first", "a", "b");
    }

    @Test
    void aLateAnswerToARequestGrantedBeforeThePauseCannotLiftIt() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000).withMaxWait(LONG_WAIT));
        ask(budget, Priority.USER, "early");
        ask(budget, Priority.USER, "late");
        this.permits.get("early").responded(200, remaining(0, NOW.plusSeconds(600)), null);
        ask(budget, Priority.USER, "waits");
        this.permits.get("late").responded(200, remaining(40, NOW.plusSeconds(600)), null);
        assertThat(this.granted).containsExactly("early", "late");
        advance(Duration.ofSeconds(600));
        assertThat(this.granted).containsExactly("early", "late", "waits");
    }

    @Test
    void whileNotPausedTheApisCountIsBelievedEvenWhenItRises() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        ask(budget, Priority.USER, "a");
        ask(budget, Priority.USER, "b");
        this.permits.get("a").responded(200, remaining(2, NOW.plusSeconds(600)), null);
        this.permits.get("b").responded(200, remaining(10, NOW.plusSeconds(600)), null);
        for (int i = 0; i < 12; i++) {
            ask(budget, Priority.USER, "r" + i);
        }
        assertThat(this.granted).hasSize(12);
    }

    @Test
    void aTooManyRequestsAnswerPausesEveryRequestForItsRetryAfterThenOneProbes() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        ask(budget, Priority.USER, "first");
        this.permits.get("first").responded(429, RateLimitStatus.NONE, Duration.ofSeconds(30));
        ask(budget, Priority.POLL, "poll");
        ask(budget, Priority.USER, "user");
        assertThat(this.granted).containsExactly("first");
        assertThat(budget.pausedUntil()).isEqualTo(NOW.plusSeconds(30));
        advance(Duration.ofSeconds(30));
        assertThat(this.granted).containsExactly("first", "user");
        assertThat(budget.pausedUntil()).isNull();
        this.permits.get("user").responded(200, RateLimitStatus.NONE, null);
        assertThat(this.granted).containsExactly("first", "user", "poll");
    }

    @Test
    void aTooManyRequestsAnswerWithoutRetryAfterPausesFiveSeconds() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        ask(budget, Priority.USER, "first");
        this.permits.get("first").responded(429, RateLimitStatus.NONE, null);
        ask(budget, Priority.POLL, "poll");
        advance(ApiAllowance.DEFAULT_PAUSE.minusMillis(1));
        assertThat(this.granted).containsExactly("first");
        advance(Duration.ofMillis(1));
        assertThat(this.granted).containsExactly("first", "poll");
    }

    @Test
    void aRetryAfterBeyondTheRetryPolicysCapPausesOnlyForTheCap() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        ask(budget, Priority.USER, "first");
        this.permits.get("first").responded(429, RateLimitStatus.NONE, Duration.ofDays(365));
        assertThat(budget.pausedUntil()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void aRatelimitResetPauseIsCappedAtAnHour() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        ask(budget, Priority.USER, "first");
        this.permits.get("first").responded(200, remaining(0, NOW.plus(Duration.ofDays(2))), null);
        assertThat(budget.pausedUntil()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void aCallFailsAtOnceWhenTheNextSlotOfAFullWindowIsFurtherThanMaxWait() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(1, 1000));
        ask(budget, Priority.USER, "first");
        ask(budget, Priority.USER, "second");
        assertThat(this.failed).containsOnlyKeys("second");
        RequestBudgetExhaustedException failure = (RequestBudgetExhaustedException) this.failed.get("second");
        assertThat(failure.isFromServer()).isFalse();
        assertThat(failure.statusCode()).isZero();
        assertThat(failure.window()).isEqualTo(Window.MINUTE);
        assertThat(failure.slotFreesAt()).isEqualTo(NOW.plusSeconds(61));
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(61));
        assertThat(failure).hasMessage("Not sent: the request budget is spent: the client's 1 requests of the rolling "
                + "minute; a slot frees at 2026-11-28T10:01:01Z, in 1m1s, and a call waits for the budget at most "
                + "1m (max-wait)");
        assertThat(budget.waiting()).isZero();
    }

    @Test
    void aCallFailsAtOnceBehindAPauseOfDigitalOceanLongerThanMaxWait() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000));
        ask(budget, Priority.USER, "first");
        this.permits.get("first").responded(200, remaining(0, NOW.plus(Duration.ofMinutes(30))), null);
        ask(budget, Priority.USER, "call");
        ask(budget, Priority.POLL, "poll");
        RequestBudgetExhaustedException failure = (RequestBudgetExhaustedException) this.failed.get("call");
        assertThat(failure.window()).isEqualTo(Window.SERVER_PAUSE);
        assertThat(failure.slotFreesAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(failure.getMessage()).contains("DigitalOcean paused the token").contains("in 30m");
        advance(Duration.ofMinutes(30));
        assertThat(this.granted).as("a poll waits as long as needed").containsExactly("first", "poll");
    }

    @Test
    void aCallWhoseWaitWasNotKnownFailsOnceMaxWaitHasPassed() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(200, 4000).withMaxWait(Duration.ofSeconds(20)));
        ask(budget, Priority.USER, "first");
        this.permits.get("first").responded(429, RateLimitStatus.NONE, Duration.ofSeconds(5));
        advance(Duration.ofSeconds(5));
        ask(budget, Priority.USER, "probe");
        ask(budget, Priority.USER, "behind the probe");
        advance(Duration.ofMillis(19_999));
        assertThat(this.failed).isEmpty();
        advance(Duration.ofMillis(1));
        RequestBudgetExhaustedException failure = (RequestBudgetExhaustedException) this.failed.get("behind the probe");
        assertThat(failure.window()).isEqualTo(Window.SERVER_PAUSE);
        assertThat(failure.slotFreesAt()).isNull();
        assertThat(budget.waiting()).isZero();
    }

    @Test
    void theClientSideExceptionIsNeverRetried() {
        RequestBudgetExhaustedException refused = new RequestBudgetExhaustedException(Window.HOUR, 4000,
                NOW.plusSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60), -1);
        RetryDecider retries = new RetryDecider(RetryPolicy.defaults(), () -> 0.0, RetryQuota.disabled());
        for (GradientOperation operation : GradientOperation.values()) {
            assertThat(retries.delayBeforeRetry(operation, refused, 0)).as(operation.name()).isNull();
        }
    }

    @Test
    void aFullQueueRefusesTheNextCallAtOnce() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(1, 1000).withMaxWait(LONG_WAIT).withMaxQueued(2));
        ask(budget, Priority.USER, "first");
        ask(budget, Priority.USER, "q1");
        ask(budget, Priority.USER, "q2");
        ask(budget, Priority.USER, "overflow");
        RequestBudgetExhaustedException failure = (RequestBudgetExhaustedException) this.failed.get("overflow");
        assertThat(failure.isQueueFull()).isTrue();
        assertThat(failure.getMessage()).contains("and 2 calls already wait for it (max-queued)");
        assertThat(this.failed).containsOnlyKeys("overflow");
    }

    @Test
    void aCancelledRequestLeavesTheQueue() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(1, 1000).withMaxWait(LONG_WAIT));
        ask(budget, Priority.USER, "first");
        Disposable gaveUp = ask(budget, Priority.USER, "gave-up");
        ask(budget, Priority.USER, "next");
        gaveUp.dispose();
        assertThat(budget.waiting()).isEqualTo(1);
        advance(Duration.ofSeconds(61));
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
    void aWindowCountsBySecondSoItsMemoryDoesNotGrowWithTheLimit() {
        RollingWindow window = new RollingWindow(Integer.MAX_VALUE, Duration.ofHours(1));
        for (int i = 0; i < 1_000_000; i++) {
            window.take(i); // a million requests within one nanosecond-second
        }
        assertThat(window.buckets()).isEqualTo(1);
        for (long second = 1; second <= 5000; second++) {
            window.take(second * 1_000_000_000L);
        }
        assertThat(window.buckets()).as("at most one bucket per second of the window").isEqualTo(3601);
        assertThat(window.remaining(5000L * 1_000_000_000L)).isEqualTo(Integer.MAX_VALUE - 3601);
    }

    @Test
    void policiesAreCheckedWithMessagesNamingTheArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.of(0, 10))
            .withMessage("requestsPerMinute must be 1 or more, but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.of(10, 0))
            .withMessage("requestsPerHour must be 1 or more, but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.of(11, 10))
            .withMessage("requestsPerMinute (11) must not be more than requestsPerHour (10)");
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.defaults().withMaxWait(Duration.ofSeconds(-1)))
            .withMessage("maxWait must be from 0 to PT1H (DigitalOcean's window), but was PT-1S");
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.defaults().withMaxWait(Duration.ofHours(2)))
            .withMessage("maxWait must be from 0 to PT1H (DigitalOcean's window), but was PT2H");
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.defaults().withMaxQueued(0))
            .withMessage("maxQueued must be from 1 to 1000000, but was 0");
        assertThat(RateLimitPolicy.defaults().requestsPerMinute()).isEqualTo(200);
        assertThat(RateLimitPolicy.defaults().requestsPerHour()).isEqualTo(4000);
        assertThat(RateLimitPolicy.defaults().maxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(RateLimitPolicy.defaults().maxQueued()).isEqualTo(1000);
        assertThat(RateLimitPolicy.of(Integer.MAX_VALUE, Integer.MAX_VALUE).requestsPerHour()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theBudgetReportsWhatIsLeftAndAResetForgetsEverySpentSlotAndPause() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(10, 1000).withMaxWait(LONG_WAIT));
        for (int i = 0; i < 12; i++) {
            ask(budget, Priority.USER, "r" + i);
        }
        this.permits.get("r0").responded(429, RateLimitStatus.NONE, Duration.ofSeconds(30));
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


    @Test
    void requestsCountedFromEarlierFreeTheirSlotsSpreadOverTheWindow() {
        LocalRequestBudget budget = budget(RateLimitPolicy.of(10, 100));

        budget.countEarlier(5, 40);

        assertThat(budget.remainingInMinute()).isEqualTo(5);
        assertThat(budget.remainingInHour()).isEqualTo(60);
        // Five slots spread over the last minute: the oldest two come back within the next half minute or so,
        // all of them within a minute and a second.
        this.time.advanceTimeBy(Duration.ofSeconds(26));
        assertThat(budget.remainingInMinute()).isBetween(6, 8);
        this.time.advanceTimeBy(Duration.ofSeconds(35));
        assertThat(budget.remainingInMinute()).isEqualTo(10);
        assertThat(budget.remainingInHour()).as("the hour's, spread over the hour").isBetween(60, 62);
    }

}
