package io.github.gradientspring.redis;

import io.github.gradientspring.redis.test.RedisServerProcess;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for a test class, started before its first test and stopped after its last, and a
 * {@link FleetTestSupport} of each test's own (connection factories, a key prefix, the fleet members it made), closed
 * after it. Registered as a static field:
 * {@code @RegisterExtension static final FleetRedis redis = new FleetRedis();}.
 */
final class FleetRedis implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private RedisServerProcess server;

    private FleetTestSupport support;

    @Override
    public void beforeAll(ExtensionContext context) {
        this.server = RedisServerProcess.startOnFreePort();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        this.support = new FleetTestSupport(this.server);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        this.support.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        this.server.close();
    }

    /** The running test's support: its members, connection factories and key prefix. */
    FleetTestSupport support() {
        return this.support;
    }

}
