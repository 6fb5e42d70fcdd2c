package io.github.gradientspring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

/**
 * Small helpers shared by the tests: a job body as the API sends it, and a mock server on the loopback address.
 */
final class WireFixtures {

    static final String JOB_UUID = "123e4567-e89b-12d3-a456-426614174000";

    static final String KNOWLEDGE_BASE_UUID = "0b7d3c1a-9f2e-4c5d-8e6f-1a2b3c4d5e6f";

    static final String TOKEN = "dop_v1_test-token-0123456789abcdef";

    private WireFixtures() {
    }

    /** A job in the API's wire format, with a field this library does not know. */
    static String jobBody(String phase) {
        return """
                {"job": {"uuid": "%s", "knowledge_base_uuid": "%s", "phase": "%s",
                         "status": "INDEX_JOB_STATUS_IN_PROGRESS", "total_tokens": "18446744073709551615",
                         "created_at": "2025-01-01T00:00:00Z", "a_field_from_the_future": {"x": 1}}}
                """.formatted(JOB_UUID, KNOWLEDGE_BASE_UUID, phase);
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockWebServer startServer() throws IOException {
        MockWebServer server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        return server;
    }

    static String baseUrl(MockWebServer server) {
        return "http://127.0.0.1:" + server.getPort();
    }

    /**
     * Removes the real process environment from a test context, so that a DIGITALOCEAN_ACCESS_TOKEN or
     * GRADIENT_BASE_URL set on the machine cannot change a test's outcome. Tests that need variables add their own.
     */
    static void withoutProcessEnvironment(ConfigurableApplicationContext context) {
        context.getEnvironment()
            .getPropertySources()
            .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    }

}
