/**
 * Test support for applications on the Gradient starter: {@link io.github.gradientspring.test.AutoConfigureGradientSimulator} and a JUnit 5 extension, both on the local simulator.
 */
@NullMarked
package io.github.gradientspring.test;

import org.jspecify.annotations.NullMarked;
