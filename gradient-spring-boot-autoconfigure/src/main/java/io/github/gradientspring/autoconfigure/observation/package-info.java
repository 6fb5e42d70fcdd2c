/**
 * Auto-configuration of the client's observations and metrics, active when Spring Boot's Micrometer modules are
 * present.
 */
package io.github.gradientspring.autoconfigure.observation;
