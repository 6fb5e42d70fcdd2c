/**
 * A local fake of DigitalOcean Gradient's indexing-jobs API on Reactor Netty, for tests, demos and benchmarks.
 */
@NullMarked
package io.github.gradientspring.simulator;

import org.jspecify.annotations.NullMarked;
