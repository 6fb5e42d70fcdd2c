package io.github.gradientspring.redis;

import java.time.Duration;
import java.util.UUID;

import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.fleet.FleetScope;
import io.github.gradientspring.redis.test.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leases of watched jobs, between members of a fleet on a real Redis: one holder at a time, renewed while it
 * lives, taken over when it stops.
 */
class LeasesOnRedisTests {

    private static final Duration LEASE = Duration.ofMillis(900);

    private static RedisServerProcess redis;

    private FleetTestSupport support;

    private final String scopeKey = UUID.randomUUID().toString().replace("-", "");

    private final String job = UUID.randomUUID().toString();

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.startOnFreePort();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void start() {
        this.support = new FleetTestSupport(redis);
    }

    @AfterEach
    void stop() throws Exception {
        this.support.close();
    }

    private FleetScope join() {
        return this.support.member(LEASE, Duration.ofSeconds(1))
            .join(this.scopeKey, RateLimitPolicy.defaults(), Duration.ofSeconds(60));
    }

    @Test
    void theFirstWatcherHoldsTheLeaseAndKeepsItWhileItLives() {
        FleetScope first = join();
        FleetScope second = join();

        assertThat(first.watch(this.job).block(Duration.ofSeconds(5))).isTrue();
        assertThat(second.watch(this.job).block(Duration.ofSeconds(5))).isFalse();

        // Three lease times: the holder renews on each heartbeat, so the other never gets it.
        StepVerifier.create(second.leasesTaken()).expectSubscription().expectNoEvent(LEASE.multipliedBy(3))
            .thenCancel().verify(Duration.ofSeconds(10));
        assertThat(first.holds(this.job)).isTrue();
        assertThat(second.holds(this.job)).isFalse();
        assertThat(first.status().leasesHeld()).isEqualTo(1);
        assertThat(second.status().members()).isEqualTo(2);
    }

    @Test
    void aLeaseLeftByAMemberThatWasKilledIsTakenOverWithinOneLeasePeriod() {
        // What a member killed with kill -9 leaves: its lease, which nobody renews any more.
        RedisGradientFleet probe = this.support.member(LEASE, Duration.ofSeconds(1));
        String leaseKey = FleetKeys.of(this.support.keyPrefix, this.scopeKey).lease(this.job);
        new ReactiveStringRedisTemplate(this.support.connectionFactory()).opsForValue()
            .set(leaseKey, "killed-member", LEASE).block(Duration.ofSeconds(5));
        FleetScope survivor = probe.join(this.scopeKey, RateLimitPolicy.defaults(), Duration.ofSeconds(60));

        assertThat(survivor.watch(this.job).block(Duration.ofSeconds(5))).isFalse();

        // The lease expires within one lease time; the next heartbeat (every third of it) takes it.
        StepVerifier.create(survivor.leasesTaken().filter(this.job::equals).next())
            .expectNext(this.job)
            .expectComplete()
            .verify(LEASE.multipliedBy(2));
        assertThat(survivor.holds(this.job)).isTrue();
    }

    @Test
    void aHolderThatStopsWatchingHandsTheJobOverAtTheNextHeartbeat() {
        FleetScope first = join();
        FleetScope second = join();
        assertThat(first.watch(this.job).block(Duration.ofSeconds(5))).isTrue();
        assertThat(second.watch(this.job).block(Duration.ofSeconds(5))).isFalse();

        first.unwatch(this.job).block(Duration.ofSeconds(5));

        StepVerifier.create(second.leasesTaken().filter(this.job::equals).next())
            .expectNext(this.job)
            .expectComplete()
            .verify(LEASE);
        assertThat(first.holds(this.job)).isFalse();
    }

}
