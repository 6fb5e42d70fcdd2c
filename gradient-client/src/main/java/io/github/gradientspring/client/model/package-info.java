/**
 * The API's payloads as immutable records with Java names; a field the API may omit is {@code @Nullable}.
 * <p>
 * Everything here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.github.gradientspring.client.model;

import org.jspecify.annotations.NullMarked;
