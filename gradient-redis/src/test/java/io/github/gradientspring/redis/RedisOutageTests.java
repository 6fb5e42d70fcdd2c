package io.github.gradientspring.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.fleet.FleetJobState;
import io.github.gradientspring.client.fleet.FleetScope;
import io.github.gradientspring.client.fleet.GradientFleet;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.redis.FleetTestSupport.FleetLog;
import io.github.gradientspring.redis.test.RedisServerProcess;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stopped under a running fleet, and started again: no call hangs or fails because of it, each member keeps to
 * its share of the budget and polls its own watches, says so once, and rejoins when Redis is back.
 */
class RedisOutageTests {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(300);

    private RedisServerProcess redis;

    private FleetTestSupport support;

    private GradientSimulator simulator;

    @BeforeEach
    void start() {
        this.redis = RedisServerProcess.startOnFreePort();
        this.support = new FleetTestSupport(this.redis);
        this.simulator = GradientSimulator.builder()
            .rateLimits(RateLimits.DIGITALOCEAN)
            .jobTiming(JobTiming.of(Duration.ofMillis(300), Duration.ofMillis(500)))
            .start();
    }

    @AfterEach
    void stop() throws Exception {
        this.support.close();
        this.simulator.close();
        this.redis.close();
    }

    private IndexingJobsClient client(GradientFleet fleet, RateLimitPolicy policy) {
        return IndexingJobsClient.builder()
            .accessToken(this.simulator.accessToken())
            .baseUrl(this.simulator.baseUrl())
            .rateLimitPolicy(policy)
            .watchInitialInterval(Duration.ofMillis(200))
            .watchMaxInterval(Duration.ofMillis(400))
            .sharedBudget(false)
            .fleet(fleet)
            .build();
    }

    private static void awaitStatus(FleetScope scope, Predicate<FleetScope> condition,
            Duration atMost) {
        Flux.interval(Duration.ofMillis(50)).filter((tick) -> condition.test(scope)).next().block(atMost);
    }

    @Test
    void whileRedisIsAwayCallsSucceedOnTheMembersShareAndTheFleetRejoinsWhenItIsBack() {
        try (FleetLog log = new FleetLog()) {
            RateLimitPolicy policy = RateLimitPolicy.of(20, 200).withMaxWait(Duration.ofSeconds(2));
            RedisGradientFleet fleet = this.support.member(Duration.ofMillis(900), COMMAND_TIMEOUT);
            IndexingJobsClient client = client(fleet, policy);
            client(this.support.member(Duration.ofMillis(900), COMMAND_TIMEOUT), policy);
            FleetScope scope = fleet.scopes().iterator().next();
            awaitStatus(scope, (joined) -> joined.status().members() == 2, Duration.ofSeconds(5));
            client.list(PageRequest.of(1, 20)).block(Duration.ofSeconds(5));
            assertThat(client.budget().remainingInMinute()).as("the shared minute after one call").isEqualTo(19);

            this.redis.stop();
            for (int i = 0; i < 5; i++) {
                long before = System.nanoTime();
                assertThat(client.list(PageRequest.of(1, 20)).block(Duration.ofSeconds(5))).isNotNull();
                assertThat(Duration.ofNanos(System.nanoTime() - before)).as("call " + i + " while Redis is away")
                    .isLessThan(Duration.ofSeconds(3));
            }

            assertThat(scope.status().degraded()).isTrue();
            // The member's share (20 / 2 members), less its part of what the fleet spent before (1 call / 2 members,
            // rounded up), less the 5 calls.
            assertThat(client.budget().remainingInMinute()).as("the member's share, less what it and the fleet spent")
                .isEqualTo(4);
            String member = "member " + fleet.memberId();
            assertThat(log.lines()).filteredOn((line) -> line.startsWith("WARN") && line.contains(member)).hasSize(1)
                .allMatch((line) -> line.contains("Fleet mode is degraded"));

            this.redis.start();
            awaitStatus(scope, (rejoined) -> !rejoined.status().degraded(), Duration.ofSeconds(15));
            client.list(PageRequest.of(1, 20)).block(Duration.ofSeconds(5));

            assertThat(scope.status().degraded()).isFalse();
            assertThat(log.lines()).filteredOn((line) -> line.startsWith("INFO") && line.contains(member)).hasSize(1)
                .allMatch((line) -> line.contains("Fleet mode rejoined"));
            assertThat(log.lines()).filteredOn((line) -> line.startsWith("WARN") && line.contains(member)).hasSize(1);
            // Redis kept nothing across its restart; the member counted its requests of the minute again: the one
            // before the outage, the five sent alone during it, and the one after.
            assertThat(client.budget().remainingInMinute()).as("the shared minute after the recount").isEqualTo(13);
        }
    }

    @Test
    void aWatchWhileRedisIsAwayIsPolledByItsOwnMemberToTheEnd() {
        RedisGradientFleet fleet = this.support.member(Duration.ofMillis(900), COMMAND_TIMEOUT);
        IndexingJobsClient client = client(fleet, RateLimitPolicy.defaults());
        String knowledgeBase = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("outage").dataSource(5, 500))
            .uuid();
        IndexingJob created = client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBase))
            .block(Duration.ofSeconds(10));

        this.redis.stop();
        long before = System.nanoTime();
        IndexingJob last = client.watch(created.uuid()).blockLast(Duration.ofSeconds(15));

        assertThat(last).isNotNull();
        assertThat(last.isTerminal()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void jobStatesReachTheOtherMembersAgainOnceRedisIsBack() {
        String scopeKey = UUID.randomUUID().toString().replace("-", "");
        String jobUuid = UUID.randomUUID().toString();
        FleetScope publisher = this.support.member(Duration.ofMillis(900), COMMAND_TIMEOUT)
            .join(scopeKey, RateLimitPolicy.defaults(), Duration.ofSeconds(60));
        FleetScope listener = this.support.member(Duration.ofMillis(900), COMMAND_TIMEOUT)
            .join(scopeKey, RateLimitPolicy.defaults(), Duration.ofSeconds(60));
        listener.watch(jobUuid).block(Duration.ofSeconds(5));
        FleetJobState before = new FleetJobState(jobUuid, 0, "{\"uuid\":\"" + jobUuid + "\",\"phase\":\"before\"}");
        FleetJobState after = new FleetJobState(jobUuid, 0, "{\"uuid\":\"" + jobUuid + "\",\"phase\":\"after\"}");
        assertThat(publishedUntilHeard(publisher, listener, before)).isEqualTo(before);

        this.redis.stop();
        awaitStatus(listener, (scope) -> scope.status().degraded(), Duration.ofSeconds(10));
        this.redis.start();
        awaitStatus(listener, (scope) -> !scope.status().degraded(), Duration.ofSeconds(15));
        awaitStatus(publisher, (scope) -> !scope.status().degraded(), Duration.ofSeconds(15));

        // The restarted Redis kept nothing: the listener's next heartbeat registers its watch again.
        assertThat(publishedUntilHeard(publisher, listener, after)).isEqualTo(after);
    }

    // Publishes every 200 ms until the listener hears it (its subscription and registration may lag a restart).
    private static FleetJobState publishedUntilHeard(FleetScope publisher, FleetScope listener, FleetJobState state) {
        return listener.states()
            .filter(state::equals)
            .next()
            // A publish slower than a tick (Redis just back) drops the ticks it overlaps instead of overflowing.
            .doOnSubscribe((subscription) -> Flux.interval(Duration.ZERO, Duration.ofMillis(200))
                .onBackpressureDrop()
                .take(Duration.ofSeconds(15))
                .concatMap((tick) -> publisher.publish(List.of(state)).onErrorResume((failure) -> Mono.empty()))
                .takeUntilOther(listener.states().filter(state::equals).next())
                .subscribe())
            .block(Duration.ofSeconds(15));
    }

}
