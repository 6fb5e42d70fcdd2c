/**
 * The reactive client of DigitalOcean Gradient's knowledge-base indexing-jobs API: {@link
 * io.github.gradientspring.client.IndexingJobsClient}, its builder, the retry, rate-limit and quota policies it keeps
 * to, and the view of its request budget. The wire records are in {@code .model}, the exceptions in {@code .error},
 * the observation types in {@code .observation}; {@code .internal} is how the client works and is not API.
 * <p>
 * Everything here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.github.gradientspring.client;

import org.jspecify.annotations.NullMarked;
