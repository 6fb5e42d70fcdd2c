/**
 * The start-up and first-call measurements: small applications started in a fresh class loader, with and without
 * the starter.
 * <p>
 * Everything here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.github.gradientspring.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
