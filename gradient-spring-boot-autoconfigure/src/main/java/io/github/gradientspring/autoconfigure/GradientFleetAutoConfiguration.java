package io.github.gradientspring.autoconfigure;

import io.github.gradientspring.client.fleet.GradientFleet;
import io.github.gradientspring.redis.RedisGradientFleet;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of fleet mode: with
 * {@code gradient-redis} on the class path and a {@link ReactiveRedisConnectionFactory} bean (Spring Boot's, from
 * {@code spring.data.redis.*}, or the application's), a {@link RedisGradientFleet} bean that every client builder the
 * starter makes joins, so that every instance of the application on one access token and base URL shares one request
 * budget and polls each watched job once. {@code gradient.fleet.enabled=false} switches it off; a
 * {@link GradientFleet} bean of the application's replaces it.
 * <p>
 * Ordered after Spring Boot's Redis auto-configuration by class, so that the condition on the connection factory
 * sees it, and before {@link GradientAutoConfiguration}, whose clients take the fleet.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class, before = GradientAutoConfiguration.class)
@ConditionalOnClass({ RedisGradientFleet.class, ReactiveRedisConnectionFactory.class })
@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "gradient.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "gradient.fleet.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GradientFleetProperties.class)
public final class GradientFleetAutoConfiguration {

    /**
     * The fleet on the application's Redis. Its heartbeat starts here; the context closes it (leases released).
     * @param connectionFactory the reactive Redis connection factory
     * @param properties the {@code gradient.fleet.*} properties
     * @return the fleet
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(GradientFleet.class)
    RedisGradientFleet gradientFleet(ReactiveRedisConnectionFactory connectionFactory,
            GradientFleetProperties properties) {
        RedisGradientFleet.Builder builder = RedisGradientFleet.builder(connectionFactory);
        apply("gradient.fleet.key-prefix", () -> builder.keyPrefix(properties.getKeyPrefix()));
        apply("gradient.fleet.lease-time", () -> builder.leaseTime(properties.getLeaseTime()));
        apply("gradient.fleet.command-timeout", () -> builder.commandTimeout(properties.getCommandTimeout()));
        return builder.build();
    }

    private static void apply(String property, Runnable setter) {
        try {
            setter.run();
        }
        catch (IllegalArgumentException ex) {
            String message = ex.getMessage();
            throw new GradientConfigurationException(property,
                    (message != null && !message.isBlank()) ? message : "the value is not valid", ex);
        }
    }

}
