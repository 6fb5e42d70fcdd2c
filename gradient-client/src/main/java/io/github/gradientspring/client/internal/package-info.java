/**
 * How {@link io.github.gradientspring.client.IndexingJobsClient} works inside: the facade of endpoints, the exchange,
 * the retry step, the request budget and the watch hub. Not API: the few public types here are public only so that
 * the client's packages can reach them, and may change in any release. Use
 * {@link io.github.gradientspring.client.IndexingJobsClient} and its builder instead.
 * <p>
 * Everything here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.github.gradientspring.client.internal;

import org.jspecify.annotations.NullMarked;
