package io.github.gradientspring.simulator;

import org.jspecify.annotations.Nullable;

/**
 * DigitalOcean's page arithmetic: 1-based pages, 20 per page by default, at most 200 (larger values are clamped,
 * as the public API does), and only the relevant absolute links (no first/previous on page 1, no next/last on the
 * last page).
 */
final class Pagination {

    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 200;

    private Pagination() {
    }

    /**
     * One page of a collection.
     *
     * @param page     the page number served (1-based)
     * @param perPage  the page size used for the links
     * @param pages    how many pages the collection has (0 when it is empty)
     * @param total    how many items the collection has
     * @param first    link to page 1, or null
     * @param previous link to the page before, or null
     * @param next     link to the page after, or null
     * @param last     link to the last page, or null
     */
    record Page(int page, int perPage, int pages, long total, @Nullable String first, @Nullable String previous,
            @Nullable String next, @Nullable String last) {

        /** Index of the first item of this page in the whole collection. */
        long offset() {
            return (long) (page - 1) * perPage;
        }
    }

    /**
     * Computes a page with links built on {@code collectionUrl} (absolute, without query).
     */
    static Page of(int page, int perPage, long total, String collectionUrl) {
        int pages = (int) ((total + perPage - 1) / perPage);
        String first = null;
        String previous = null;
        String next = null;
        String last = null;
        if (page > 1) {
            first = link(collectionUrl, 1, perPage);
            // Past the end, "previous" points at the last real page so a client can step back into the data.
            previous = link(collectionUrl, Math.max(1, Math.min(page - 1, pages)), perPage);
        }
        if (page < pages) {
            next = link(collectionUrl, page + 1, perPage);
            last = link(collectionUrl, pages, perPage);
        }
        return new Page(page, perPage, pages, total, first, previous, next, last);
    }

    /** A single page holding everything (the per-knowledge-base listing, which has no paging parameters). */
    static Page single(long total) {
        return new Page(1, (int) Math.max(total, 1), total == 0 ? 0 : 1, total, null, null, null, null);
    }

    private static String link(String collectionUrl, int page, int perPage) {
        return collectionUrl + "?page=" + page + "&per_page=" + perPage;
    }

    /**
     * Reads a positive integer query parameter.
     *
     * @return the value, {@code fallback} when absent or empty, or -1 when it is not a positive integer
     */
    static int positiveInt(@Nullable String raw, int fallback) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            return value >= 1 ? value : -1;
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }
}
