package io.github.gradientspring.client.model;

import org.jspecify.annotations.Nullable;

/**
 * Links to neighbouring pages of a listing ({@code links.pages}). The API gives only the relevant ones, so any
 * may be {@code null}; they are kept as the strings the API sent. The gen-ai API spells the previous page
 * {@code previous}, the rest of DigitalOcean's API {@code prev}: both are read.
 *
 * @param first the first page
 * @param previous the previous page
 * @param next the next page
 * @param last the last page
 */
public record PageLinks(@Nullable String first, @Nullable String previous, @Nullable String next,
        @Nullable String last) {

    /** Links for a listing that sent none. */
    public static final PageLinks NONE = new PageLinks(null, null, null, null);

}
