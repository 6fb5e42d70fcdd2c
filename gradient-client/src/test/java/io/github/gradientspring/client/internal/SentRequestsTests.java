package io.github.gradientspring.client.internal;

import java.time.Duration;

import io.github.gradientspring.client.fleet.FleetSentRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentRequestsTests {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void theLastHourIsKeptOldestFirstWithEachRequestsAge() {
        SentRequests sent = new SentRequests(100);
        sent.sent("grant-1", 0);
        sent.sent(null, 10 * SECOND);

        assertThat(sent.lastHour(70 * SECOND)).satisfiesExactly(
                (first) -> assertThat(first).isEqualTo(new FleetSentRequest("grant-1", Duration.ofSeconds(70))),
                (alone) -> {
                    assertThat(alone.id()).startsWith("alone-");
                    assertThat(alone.age()).isEqualTo(Duration.ofSeconds(60));
                });
    }

    @Test
    void requestsOlderThanAnHourAreForgotten() {
        SentRequests sent = new SentRequests(100);
        sent.sent("old", 0);
        sent.sent("recent", 1_000 * SECOND);

        assertThat(sent.lastHour(3_601 * SECOND)).extracting(FleetSentRequest::id).containsExactly("recent");
    }

    @Test
    void noMoreThanTheHourlyLimitIsKept() {
        SentRequests sent = new SentRequests(3);
        for (int i = 0; i < 5; i++) {
            sent.sent("grant-" + i, i * SECOND);
        }

        assertThat(sent.lastHour(5 * SECOND)).extracting(FleetSentRequest::id)
            .containsExactly("grant-2", "grant-3", "grant-4");
    }

}
