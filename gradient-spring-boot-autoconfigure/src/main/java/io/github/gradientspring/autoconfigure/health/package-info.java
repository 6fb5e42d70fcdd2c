/**
 * The {@code gradient} health indicator and its auto-configuration, active when Spring Boot's health module is
 * present.
 */
@NullMarked
package io.github.gradientspring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
