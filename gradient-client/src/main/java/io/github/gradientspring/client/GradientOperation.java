package io.github.gradientspring.client;

/**
 * The operations of {@link IndexingJobsClient}, named as they appear in observations and metrics.
 */
public enum GradientOperation {

    /** {@link IndexingJobsClient#create}. */
    CREATE("create"),

    /** {@link IndexingJobsClient#retrieve}. */
    RETRIEVE("retrieve"),

    /** {@link IndexingJobsClient#list} and each page of {@link IndexingJobsClient#listAll()}. */
    LIST("list"),

    /** {@link IndexingJobsClient#listByKnowledgeBase}. */
    LIST_BY_KNOWLEDGE_BASE("list_by_knowledge_base"),

    /** {@link IndexingJobsClient#listDataSources}. */
    LIST_DATA_SOURCES("list_data_sources"),

    /** {@link IndexingJobsClient#detailsSignedUrl}. */
    DETAILS_SIGNED_URL("details_signed_url"),

    /** {@link IndexingJobsClient#cancel}. */
    CANCEL("cancel"),

    /** {@link IndexingJobsClient#watch} and {@link IndexingJobsClient#awaitCompletion}. */
    WATCH("watch");

    private final String tagValue;

    GradientOperation(String tagValue) {
        this.tagValue = tagValue;
    }

    /** The name used in observations and metrics, such as {@code list_by_knowledge_base}. */
    public String tagValue() {
        return this.tagValue;
    }

    /**
     * Whether sending the request twice has the same effect as once. Only {@link #CREATE} is not: a second
     * request could start a second job.
     * @return whether the operation is idempotent
     */
    public boolean isIdempotent() {
        return this != CREATE;
    }

}
