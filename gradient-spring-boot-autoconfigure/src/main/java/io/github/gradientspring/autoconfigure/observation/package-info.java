/**
 * Auto-configuration of the client's observations and metrics, active when Spring Boot's Micrometer modules are
 * present.
 */
@NullMarked
package io.github.gradientspring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
