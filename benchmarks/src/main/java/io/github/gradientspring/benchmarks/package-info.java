/**
 * JMH benchmarks and the side-by-side harness of the client against a plain WebClient (not published).
 * <p>
 * Everything here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.github.gradientspring.benchmarks;

import org.jspecify.annotations.NullMarked;
