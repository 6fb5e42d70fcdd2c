package io.github.gradientspring.redis;

import java.time.Duration;
import java.util.UUID;

import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.fleet.FleetGrant;
import io.github.gradientspring.client.fleet.FleetPriority;
import io.github.gradientspring.client.fleet.FleetScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared budget's order between the application's calls and the polls of watches, on a real Redis: polls leave a
 * twentieth of each window to calls, yet get one grant in ten while calls take everything else.
 */
class PollShareOnRedisTests {

    // A twentieth of 40: the last two slots of the minute are the calls' reserve.
    private static final RateLimitPolicy POLICY = RateLimitPolicy.of(40, 1_000);

    @RegisterExtension
    static final FleetRedis redis = new FleetRedis();

    private FleetTestSupport support;

    private FleetScope scope;

    @BeforeEach
    void start() {
        this.support = redis.support();
        this.scope = this.support.member()
            .join(UUID.randomUUID().toString().replace("-", ""), POLICY, Duration.ofSeconds(60));
    }

    private boolean granted(FleetPriority priority) {
        FleetGrant grant = this.scope.acquire(priority).block(Duration.ofSeconds(5));
        assertThat(grant).isNotNull();
        return grant.granted();
    }

    @Test
    void aPollIsRefusedTheCallsReserveWhileItHadItsShare() {
        for (int round = 0; round < 4; round++) {
            assertThat(granted(FleetPriority.POLL)).as("a poll with room above the reserve").isTrue();
            for (int i = 0; i < 8; i++) {
                assertThat(granted(FleetPriority.CALL)).isTrue();
            }
        }
        assertThat(granted(FleetPriority.POLL)).as("the 37th slot, for a poll").isTrue();
        assertThat(granted(FleetPriority.CALL)).isTrue();

        // 38 of 40 taken, the last poll one call ago: the two slots left are the calls'.
        assertThat(granted(FleetPriority.POLL)).as("a poll in the calls' reserve").isFalse();
        assertThat(granted(FleetPriority.CALL)).isTrue();
        assertThat(granted(FleetPriority.CALL)).isTrue();
        assertThat(granted(FleetPriority.CALL)).as("a call once the minute is full").isFalse();
    }

    @Test
    void aPollGetsOneGrantInTenWhileCallsTakeEverythingElse() {
        for (int i = 0; i < 38; i++) {
            assertThat(granted(FleetPriority.CALL)).isTrue();
        }

        // 38 calls in a row and no poll: the next poll may use the reserve.
        assertThat(granted(FleetPriority.POLL)).as("a poll after nine calls or more in a row").isTrue();
        assertThat(granted(FleetPriority.POLL)).as("the next poll, the share just taken").isFalse();
        assertThat(granted(FleetPriority.CALL)).as("the last slot, for a call").isTrue();
    }

}
