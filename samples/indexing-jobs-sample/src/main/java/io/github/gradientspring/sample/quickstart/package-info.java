/**
 * The README's quickstart service.
 */
@NullMarked
package io.github.gradientspring.sample.quickstart;

import org.jspecify.annotations.NullMarked;
