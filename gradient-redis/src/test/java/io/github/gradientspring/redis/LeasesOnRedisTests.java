package io.github.gradientspring.redis;

import java.time.Duration;
import java.util.UUID;

import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.fleet.FleetScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leases of watched jobs, between members of a fleet on a real Redis: one holder at a time, renewed while it
 * lives, taken over when it stops.
 */
class LeasesOnRedisTests {

    private static final Duration LEASE = Duration.ofMillis(1500);

    @RegisterExtension
    static final FleetRedis redis = new FleetRedis();

    private FleetTestSupport support;

    private final String scopeKey = UUID.randomUUID().toString().replace("-", "");

    private final String job = UUID.randomUUID().toString();

    @BeforeEach
    void start() {
        this.support = redis.support();
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
        // A member killed with kill -9 leaves its lease behind: it neither renews nor releases it. Cutting its
        // connection does the same to a member in this JVM.
        LettuceConnectionFactory killedConnection = this.support.connectionFactory();
        RedisGradientFleet killed = RedisGradientFleet.builder(killedConnection)
            .keyPrefix(this.support.keyPrefix)
            .leaseTime(LEASE)
            .commandTimeout(Duration.ofSeconds(1))
            .build();
        FleetScope holder = killed.join(this.scopeKey, RateLimitPolicy.defaults(), Duration.ofSeconds(60));
        FleetScope survivor = join();
        assertThat(holder.watch(this.job).block(Duration.ofSeconds(5))).isTrue();
        assertThat(survivor.watch(this.job).block(Duration.ofSeconds(5))).isFalse();
        Mono<String> takenOver = survivor.leasesTaken().filter(this.job::equals).next().cache();
        takenOver.subscribe();

        // The holder's last renewal was at its watch, or a heartbeat since: the death is no earlier than that.
        long killedAt = System.nanoTime();
        killedConnection.destroy();

        assertThat(takenOver.block(LEASE.multipliedBy(2))).isEqualTo(this.job);
        Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
        // One lease time, plus what one Redis round trip of the survivor's heartbeat may take on a busy machine.
        assertThat(took).isLessThanOrEqualTo(LEASE.plusMillis(250));
        assertThat(survivor.holds(this.job)).isTrue();
        killed.close();
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
