/**
 * Spring Boot auto-configuration of the Gradient indexing-jobs client: properties, connection details, the client and its builder, failure analysis and sanitizing.
 */
@NullMarked
package io.github.gradientspring.autoconfigure;

import org.jspecify.annotations.NullMarked;
