package io.github.gradientspring.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code gradient.client.operation} observation. Implement it, or better extend
 * {@link DefaultGradientObservationConvention}, and give it to
 * {@link io.github.gradientspring.client.IndexingJobsClient.Builder#observationConvention} (in Spring Boot:
 * declare it as a bean) to change the keys. A {@link io.micrometer.observation.GlobalObservationConvention} of
 * {@link GradientObservationContext} registered on the observation registry applies when no convention is given
 * to the client.
 */
public interface GradientObservationConvention extends ObservationConvention<GradientObservationContext> {

    @Override
    default String getName() {
        return DefaultGradientObservationConvention.NAME;
    }

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof GradientObservationContext;
    }

}
