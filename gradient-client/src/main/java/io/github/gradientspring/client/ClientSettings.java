package io.github.gradientspring.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;

/**
 * The checked, immutable settings a built client runs with.
 */
record ClientSettings(URI baseUrl, Duration timeout, int maxResponseBytes, RetryDecider retries,
        ObservationRegistry observationRegistry, Duration watchInitialInterval, Duration watchMaxInterval,
        Duration watchTimeout, int listAllPageSize, Clock clock) {
}
