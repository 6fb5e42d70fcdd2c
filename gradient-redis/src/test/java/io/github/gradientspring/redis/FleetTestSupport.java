package io.github.gradientspring.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.gradientspring.redis.test.RedisServerProcess;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What the fleet tests share: connection factories to a test's {@link RedisServerProcess}, key prefixes of their own
 * (so tests on one server never meet), and the fleet's log.
 */
final class FleetTestSupport implements AutoCloseable {

    private final RedisServerProcess redis;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    // One set of event loops for every connection factory of a test, as an application has.
    private final ClientResources resources = DefaultClientResources.create();

    final String keyPrefix = "gradient-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    FleetTestSupport(RedisServerProcess redis) {
        this.redis = redis;
    }

    /** A Lettuce connection factory to the server, closed with this support. */
    LettuceConnectionFactory connectionFactory() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(this.redis.host(), this.redis.port()),
                LettuceClientConfiguration.builder().clientResources(this.resources)
                    .commandTimeout(Duration.ofSeconds(1)).build());
        factory.afterPropertiesSet();
        factory.start();
        this.closeables.add(factory::destroy);
        return factory;
    }

    /** A member of a fleet on the server, with this test's key prefix; closed with this support. */
    RedisGradientFleet member(Duration leaseTime, Duration commandTimeout) {
        RedisGradientFleet fleet = RedisGradientFleet.builder(connectionFactory())
            .keyPrefix(this.keyPrefix)
            .leaseTime(leaseTime)
            .commandTimeout(commandTimeout)
            .build();
        this.closeables.add(0, fleet);
        return fleet;
    }

    RedisGradientFleet member() {
        return member(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : this.closeables) {
            closeable.close();
        }
        this.resources.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
    }

    /** Captures what the fleet logs, until closed. */
    static final class FleetLog implements AutoCloseable {

        private final Logger logger = (Logger) LoggerFactory.getLogger(RedisGradientFleet.class);

        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        FleetLog() {
            this.appender.start();
            this.logger.addAppender(this.appender);
        }

        List<String> lines() {
            synchronized (this.appender.list) {
                return this.appender.list.stream().map((event) -> event.getLevel() + " " + event.getFormattedMessage())
                    .toList();
            }
        }

        @Override
        public void close() {
            this.logger.detachAppender(this.appender);
        }

    }

}
