/**
 * The sample's HTTP API over the client.
 */
@NullMarked
package io.github.gradientspring.sample.web;

import org.jspecify.annotations.NullMarked;
