/**
 * The reactive client of DigitalOcean Gradient's knowledge-base indexing-jobs API: {@link
 * io.github.gradientspring.client.IndexingJobsClient}, its builder, and the retry, rate-limit and quota policies
 * it keeps to.
 * <p>
 * Everything here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.github.gradientspring.client;

import org.jspecify.annotations.NullMarked;
