package io.github.gradientspring.simulator;

/**
 * The endpoints of the Gradient API that the simulator serves: the seven of indexing jobs and the three of
 * scheduled indexing.
 * Used to script faults per endpoint and to count requests in the {@link Journal}.
 */
public enum Operation {

    /** {@code POST /v2/gen-ai/indexing_jobs}: start an indexing job. */
    CREATE("POST", "/v2/gen-ai/indexing_jobs"),

    /** {@code GET /v2/gen-ai/indexing_jobs/{uuid}}: one job. */
    RETRIEVE("GET", "/v2/gen-ai/indexing_jobs/{uuid}"),

    /** {@code GET /v2/gen-ai/indexing_jobs?page&per_page}: every job of the account, newest first, paged. */
    LIST("GET", "/v2/gen-ai/indexing_jobs"),

    /** {@code GET /v2/gen-ai/knowledge_bases/{knowledge_base_uuid}/indexing_jobs}: the latest 15 jobs of one knowledge base. */
    LIST_BY_KNOWLEDGE_BASE("GET", "/v2/gen-ai/knowledge_bases/{knowledge_base_uuid}/indexing_jobs"),

    /** {@code GET /v2/gen-ai/indexing_jobs/{indexing_job_uuid}/data_sources}: the per-data-source progress of a job. */
    LIST_DATA_SOURCES("GET", "/v2/gen-ai/indexing_jobs/{indexing_job_uuid}/data_sources"),

    /** {@code GET /v2/gen-ai/indexing_jobs/{indexing_job_uuid}/details_signed_url}: where to download the job report. */
    DETAILS_SIGNED_URL("GET", "/v2/gen-ai/indexing_jobs/{indexing_job_uuid}/details_signed_url"),

    /** {@code PUT /v2/gen-ai/indexing_jobs/{uuid}/cancel}: cancel a pending or running job. */
    CANCEL("PUT", "/v2/gen-ai/indexing_jobs/{uuid}/cancel"),

    /** {@code POST /v2/gen-ai/scheduled-indexing}: schedule a knowledge base's indexing (one schedule per knowledge base). */
    CREATE_SCHEDULE("POST", "/v2/gen-ai/scheduled-indexing"),

    /** {@code GET /v2/gen-ai/scheduled-indexing/knowledge-base/{knowledge_base_uuid}}: a knowledge base's schedule. */
    RETRIEVE_SCHEDULE("GET", "/v2/gen-ai/scheduled-indexing/knowledge-base/{knowledge_base_uuid}"),

    /** {@code DELETE /v2/gen-ai/scheduled-indexing/{uuid}}: soft-delete a schedule. */
    DELETE_SCHEDULE("DELETE", "/v2/gen-ai/scheduled-indexing/{uuid}");

    private final String method;
    private final String pathTemplate;

    Operation(String method, String pathTemplate) {
        this.method = method;
        this.pathTemplate = pathTemplate;
    }

    /** The HTTP method of this endpoint, e.g. {@code "PUT"}. */
    public String method() {
        return method;
    }

    /** The path of this endpoint with its parameters in braces, as the OpenAPI specification writes it. */
    public String pathTemplate() {
        return pathTemplate;
    }
}
