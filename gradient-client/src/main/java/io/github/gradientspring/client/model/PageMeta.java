package io.github.gradientspring.client.model;

import org.jspecify.annotations.Nullable;

/**
 * Counts of a listing ({@code meta}); any may be {@code null} when the API leaves it out.
 *
 * @param page this page's number, from 1
 * @param pages how many pages there are
 * @param total how many items there are across all pages
 */
public record PageMeta(@Nullable Long page, @Nullable Long pages, @Nullable Long total) {

    /** Meta for a listing that sent none. */
    public static final PageMeta NONE = new PageMeta(null, null, null);

}
