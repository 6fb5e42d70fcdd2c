package io.github.gradientspring.redis;

import java.time.Duration;
import java.util.List;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.error.GradientRateLimitException;
import io.github.gradientspring.client.error.RequestBudgetExhaustedException;
import io.github.gradientspring.client.fleet.GradientFleet;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Signal;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Two members of a fleet (two clients with budgets of their own, each its own fleet member) on one real Redis and
 * one simulator with DigitalOcean's limits on: they draw from one budget and learn DigitalOcean's pauses together.
 */
class SharedBudgetOnRedisTests {

    @RegisterExtension
    static final FleetRedis redis = new FleetRedis();

    private FleetTestSupport support;

    private GradientSimulator simulator;

    @BeforeEach
    void start() {
        this.support = redis.support();
        this.simulator = GradientSimulator.builder().rateLimits(RateLimits.DIGITALOCEAN).start();
    }

    @AfterEach
    void stop() {
        this.simulator.close();
    }

    private IndexingJobsClient client(GradientFleet fleet, RateLimitPolicy policy) {
        return IndexingJobsClient.builder()
            .accessToken(this.simulator.accessToken())
            .baseUrl(this.simulator.baseUrl())
            .rateLimitPolicy(policy)
            .retryPolicy(RetryPolicy.none())
            .sharedBudget(false)
            .fleet(fleet)
            .build();
    }

    @Test
    void twoMembersNeverSpendMoreThanThePolicyBetweenThem() {
        RateLimitPolicy policy = RateLimitPolicy.of(10, 100).withMaxWait(Duration.ofMillis(500));
        IndexingJobsClient first = client(this.support.member(), policy);
        IndexingJobsClient second = client(this.support.member(), policy);

        List<Signal<IndexingJobPage>> outcomes = Flux.range(0, 30)
            .flatMap((i) -> ((i % 2 == 0) ? first : second).list(PageRequest.of(1, 20)).materialize())
            .collectList()
            .block(Duration.ofSeconds(20));

        assertThat(outcomes).filteredOn(Signal::isOnNext).as("calls answered").hasSize(10);
        assertThat(outcomes).filteredOn(Signal::isOnError)
            .allSatisfy((signal) -> assertThat(signal.getThrowable()).isInstanceOf(RequestBudgetExhaustedException.class))
            .hasSize(20);
        assertThat(this.simulator.journal().count(Operation.LIST)).as("requests DigitalOcean saw").isEqualTo(10);
        assertThat(first.budget().remainingInMinute()).isZero();
        assertThat(second.budget().remainingInMinute()).isZero();
    }

    @Test
    void a429SeenByOneMemberPausesTheOther() {
        RateLimitPolicy policy = RateLimitPolicy.of(100, 1000).withMaxWait(Duration.ofMillis(500));
        IndexingJobsClient first = client(this.support.member(), policy);
        IndexingJobsClient second = client(this.support.member(), policy);
        this.simulator.faults().on(Operation.LIST).times(1).respond(Fault.status(429).retryAfter(Duration.ofSeconds(30)));
        Throwable tooMany = catchThrowable(() -> first.list(PageRequest.of(1, 20)).block(Duration.ofSeconds(10)));
        // The first member tells the fleet what the 429 said in the background, one Redis round trip after its call
        // failed: the second member's next request finds the pause once Redis holds it.
        awaitPauseInRedis();
        Throwable paused = catchThrowable(() -> second.list(PageRequest.of(1, 20)).block(Duration.ofSeconds(10)));

        assertThat(tooMany).isInstanceOf(GradientRateLimitException.class);
        assertThat(((GradientRateLimitException) tooMany).isFromServer()).isTrue();
        assertThat(paused).isInstanceOf(RequestBudgetExhaustedException.class);
        assertThat(((RequestBudgetExhaustedException) paused).window())
            .isEqualTo(RequestBudgetExhaustedException.Window.SERVER_PAUSE);
        assertThat(second.budget().pausedUntil()).as("the pause the other member learned").isNotNull();
        assertThat(this.simulator.journal().count(Operation.LIST)).as("only the first member's request was sent")
            .isEqualTo(1);
    }

    // Until the scope's state hash (docs/fleet.md: `…:state`) holds a pause that has not ended.
    private void awaitPauseInRedis() {
        ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(this.support.connectionFactory());
        // A scan slower than a tick drops the ticks it overlaps rather than overflowing the interval.
        Flux.interval(Duration.ofMillis(20))
            .onBackpressureDrop()
            .concatMap((tick) -> template.scan(ScanOptions.scanOptions().match(this.support.keyPrefix + "*:state").build())
                .concatMap((key) -> template.<String, String>opsForHash().get(key, "paused"))
                .filter((until) -> Long.parseLong(until) > System.currentTimeMillis())
                .next())
            .next()
            .block(Duration.ofSeconds(5));
    }

}
