package io.github.gradientspring.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.github.gradientspring.client.observation.GradientObservationConvention;
import io.github.gradientspring.client.observation.GradientResponseListener;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The checked, immutable settings a built client runs with.
 *
 * @param observationConvention the convention of the client's observations, or {@code null} for the registry's
 * global one or the default
 * @param responseListeners told about every response, in order
 * @param watchListSweep whether watches may refresh due jobs through the account's job list
 */
record ClientSettings(URI baseUrl, Duration timeout, int maxResponseBytes, RetryDecider retries,
        ObservationRegistry observationRegistry, Duration watchInitialInterval, Duration watchMaxInterval,
        Duration watchTimeout, int listAllPageSize, @Nullable GradientObservationConvention observationConvention,
        List<GradientResponseListener> responseListeners, boolean watchListSweep) {

    ClientSettings {
        responseListeners = List.copyOf(responseListeners);
    }

}
