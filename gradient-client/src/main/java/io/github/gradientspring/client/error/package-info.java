/**
 * The exceptions the client raises, all rooted at {@link io.github.gradientspring.client.error.GradientException}:
 * one per status family of an API answer, plus connection, timeout and waiting failures.
 * <p>
 * Everything here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.github.gradientspring.client.error;

import org.jspecify.annotations.NullMarked;
