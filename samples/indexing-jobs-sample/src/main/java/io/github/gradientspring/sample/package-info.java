/**
 * The sample application on the Gradient starter.
 */
@NullMarked
package io.github.gradientspring.sample;

import org.jspecify.annotations.NullMarked;
