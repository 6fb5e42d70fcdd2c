/**
 * A local simulator of the indexing-jobs API on Reactor Netty, for tests, demos and benchmarks: {@link
 * io.github.gradientspring.simulator.GradientSimulator}.
 * <p>
 * Everything here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.github.gradientspring.simulator;

import org.jspecify.annotations.NullMarked;
