package io.github.gradientspring.client.model;

/**
 * Which page of a listing to fetch. Checked when made, so a bad page never reaches the API.
 *
 * @param page the page number, from 1
 * @param perPage items per page, from 1 to {@value #MAX_PER_PAGE}
 */
public record PageRequest(int page, int perPage) {

    /** Items per page when none is given, as the API does. */
    public static final int DEFAULT_PER_PAGE = 20;

    /** The most items per page the API serves. */
    public static final int MAX_PER_PAGE = 200;

    public PageRequest {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, but was " + page);
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException(
                    "perPage must be between 1 and " + MAX_PER_PAGE + ", but was " + perPage);
        }
    }

    /**
     * A page of the given number and size.
     * @param page the page number, from 1
     * @param perPage items per page, from 1 to 200
     * @return the request
     */
    public static PageRequest of(int page, int perPage) {
        return new PageRequest(page, perPage);
    }

    /**
     * The first page of {@value #DEFAULT_PER_PAGE} items.
     * @return the request
     */
    public static PageRequest first() {
        return new PageRequest(1, DEFAULT_PER_PAGE);
    }

    /**
     * The page after this one, of the same size.
     * @return the request
     */
    public PageRequest next() {
        return new PageRequest(this.page + 1, this.perPage);
    }

}
