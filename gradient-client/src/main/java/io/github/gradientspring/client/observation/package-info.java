/**
 * Observability of {@link io.github.gradientspring.client.IndexingJobsClient}: the
 * {@code gradient.client.operation} observation (its documentation, context and conventions) and the
 * {@link io.github.gradientspring.client.observation.GradientResponseListener} hook that sees every HTTP response.
 * <p>
 * Nothing here needs a meter registry: metrics come from whatever handlers the
 * {@link io.micrometer.observation.ObservationRegistry} given to the client carries.
 * <p>
 * Everything here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.github.gradientspring.client.observation;

import org.jspecify.annotations.NullMarked;
