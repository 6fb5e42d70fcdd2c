package io.github.gradientspring.fleet;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.redis.RedisGradientFleet;
import io.github.gradientspring.redis.test.RedisServerProcess;
import io.github.gradientspring.simulator.GradientSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The way into fleet mode without Spring Boot that docs/fleet.md shows: a {@link RedisGradientFleet} on a Lettuce
 * connection factory, given to the client's builder.
 */
class FleetWithoutBootTests {

    @Test
    void aClientBuiltWithARedisFleetJoinsItForItsToken() {
        try (RedisServerProcess redis = RedisServerProcess.startOnFreePort();
                GradientSimulator simulator = GradientSimulator.builder().start()) {
            LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(redis.host(), redis.port());
            connectionFactory.start();
            String baseUrl = simulator.baseUrl();
            String token = simulator.accessToken();
            try {
                // tag::builder[]
                RedisGradientFleet fleet = RedisGradientFleet.builder(connectionFactory)  // a started LettuceConnectionFactory
                        .keyPrefix("gradient:")
                        .build();
                IndexingJobsClient client = IndexingJobsClient.builder()
                        .baseUrl(baseUrl)
                        .accessToken(token)
                        .fleet(fleet)
                        .build();
                // end::builder[]
                try (fleet) {
                    assertThat(client.list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10))).isNotNull();
                    assertThat(fleet.scopes()).hasSize(1);
                    assertThat(fleet.scopes().iterator().next().key()).doesNotContain(token);
                }
            }
            finally {
                connectionFactory.destroy();
            }
        }
    }

}
