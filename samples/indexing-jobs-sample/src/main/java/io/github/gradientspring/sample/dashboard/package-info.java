/**
 * What the sample's dashboard ({@code GET /}, static files) needs beyond the job endpoints: the knowledge bases it
 * offers to index and the client's request budget.
 */
@NullMarked
package io.github.gradientspring.sample.dashboard;

import org.jspecify.annotations.NullMarked;
