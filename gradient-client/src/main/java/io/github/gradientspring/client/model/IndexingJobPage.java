package io.github.gradientspring.client.model;

import java.util.List;

/**
 * One page of indexing jobs, newest first, with the links and counts the API sent beside it.
 *
 * @param jobs the jobs on this page, never {@code null}
 * @param links links to neighbouring pages, never {@code null}
 * @param meta page counts, never {@code null}
 */
public record IndexingJobPage(List<IndexingJob> jobs, PageLinks links, PageMeta meta) {

    public IndexingJobPage {
        jobs = (jobs != null) ? List.copyOf(jobs) : List.of();
        links = (links != null) ? links : PageLinks.NONE;
        meta = (meta != null) ? meta : PageMeta.NONE;
    }

    /**
     * Whether another page follows this one: the API linked a next page, or its counts say so. An empty page
     * never has a next one, so that a server that keeps linking forward cannot make a caller loop.
     * @return whether to fetch the next page
     */
    public boolean hasNext() {
        if (this.jobs.isEmpty()) {
            return false;
        }
        if (this.meta.page() != null && this.meta.pages() != null) {
            return this.meta.page() < this.meta.pages();
        }
        return this.links.next() != null && !this.links.next().isEmpty();
    }

}
