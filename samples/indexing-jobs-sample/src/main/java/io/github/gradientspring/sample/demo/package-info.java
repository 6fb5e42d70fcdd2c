/**
 * The sample's terminal demo: two jobs, their progress, a cancel.
 */
@NullMarked
package io.github.gradientspring.sample.demo;

import org.jspecify.annotations.NullMarked;
