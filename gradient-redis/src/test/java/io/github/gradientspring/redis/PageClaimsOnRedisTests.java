package io.github.gradientspring.redis;

import java.time.Duration;
import java.util.UUID;

import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.fleet.FleetScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims of list pages between members of a fleet on a real Redis: one member lists a page at a time, keeps it
 * while it goes on listing it, and leaves it to the others once its claim runs out.
 */
class PageClaimsOnRedisTests {

    private static final Duration HOLD = Duration.ofSeconds(30);

    @RegisterExtension
    static final FleetRedis redis = new FleetRedis();

    private FleetTestSupport support;

    private final String scopeKey = UUID.randomUUID().toString().replace("-", "");

    @BeforeEach
    void start() {
        this.support = redis.support();
    }

    private FleetScope join() {
        return join(this.support.member());
    }

    private FleetScope join(RedisGradientFleet member) {
        return member.join(this.scopeKey, RateLimitPolicy.defaults(), Duration.ofSeconds(60));
    }

    // What Redis holds for a page's claim, read directly.
    private ReactiveStringRedisTemplate template() {
        return new ReactiveStringRedisTemplate(this.support.connectionFactory());
    }

    private String pageKey(int page) {
        return FleetKeys.of(this.support.keyPrefix, this.scopeKey).page(page);
    }

    private static Duration claim(FleetScope scope, int page, Duration hold) {
        return scope.claimPage(page, hold).block(Duration.ofSeconds(5));
    }

    @Test
    void theFirstMemberToClaimAPageListsItAndTheOthersAreToldHowLongItsClaimHolds() {
        FleetScope first = join();
        FleetScope second = join();

        assertThat(claim(first, 2, HOLD)).isZero();
        Duration refused = claim(second, 2, HOLD);

        assertThat(refused).isPositive().isLessThanOrEqualTo(HOLD);
        assertThat(claim(second, 3, HOLD)).as("another page is free").isZero();
    }

    @Test
    void theHolderRenewsItsClaimEachTimeItClaimsThePageAgain() {
        FleetScope first = join();
        FleetScope second = join();
        ReactiveStringRedisTemplate template = template();
        String key = pageKey(1);
        assertThat(claim(first, 1, Duration.ofSeconds(2))).isZero();

        assertThat(claim(first, 1, HOLD)).as("claimed again by its holder").isZero();

        Long left = template.getExpire(key).map(Duration::toMillis).block(Duration.ofSeconds(5));
        assertThat(left).as("the claim's expiry, renewed").isGreaterThan(Duration.ofSeconds(2).toMillis());
        assertThat(claim(second, 1, HOLD)).isPositive();
    }

    @Test
    void aClaimThatRanOutGoesToTheNextMemberThatClaimsThePage() {
        FleetScope first = join();
        RedisGradientFleet secondMember = this.support.member();
        FleetScope second = join(secondMember);
        ReactiveStringRedisTemplate template = template();
        String key = pageKey(1);
        assertThat(claim(first, 1, HOLD)).isZero();
        // What the claim's expiry does once its holder stopped listing the page (or died).
        template.delete(key).block(Duration.ofSeconds(5));

        assertThat(claim(second, 1, HOLD)).isZero();

        assertThat(claim(first, 1, HOLD)).as("the first member, now refused").isPositive();
        assertThat(template.opsForValue().get(key).block(Duration.ofSeconds(5)))
            .as("the claim's holder, by its random member id").isEqualTo(secondMember.memberId());
    }

    @Test
    void aClaimHoldsForTheTimeAskedAndNoLonger() {
        FleetScope first = join();
        FleetScope second = join();
        assertThat(claim(first, 1, Duration.ofMillis(300))).isZero();
        assertThat(claim(second, 1, HOLD)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));
        Long left = template().getExpire(pageKey(1)).map(Duration::toMillis).block(Duration.ofSeconds(5));
        assertThat(left).as("the claim's expiry, as asked; the refusal did not extend it").isBetween(1L, 300L);

        // Asked again every 50 ms, 20 times at most: the claim runs out 300 ms after it was taken.
        Duration taken = Mono.defer(() -> second.claimPage(1, HOLD))
            .filter(Duration::isZero)
            .repeatWhenEmpty(20, (retries) -> retries.delayElements(Duration.ofMillis(50)))
            .block(Duration.ofSeconds(5));

        assertThat(taken).as("the second member's claim once the first ran out").isZero();
    }

}
