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
    WATCH("watch"),

    /** {@link IndexingJobsClient#createSchedule}. */
    CREATE_SCHEDULE("create_schedule"),

    /** {@link IndexingJobsClient#retrieveSchedule}. */
    RETRIEVE_SCHEDULE("retrieve_schedule"),

    /** {@link IndexingJobsClient#deleteSchedule}. */
    DELETE_SCHEDULE("delete_schedule");

    private final String tagValue;

    GradientOperation(String tagValue) {
        this.tagValue = tagValue;
    }

    /** The name used in observations and metrics, such as {@code list_by_knowledge_base}. */
    public String tagValue() {
        return this.tagValue;
    }

    /**
     * Whether sending the request twice has the same effect as once. {@link #CREATE} and {@link #CREATE_SCHEDULE}
     * are not: a second request could start a second job, or create a second schedule (or fail on the first), so
     * they are retried only where the API cannot have acted on the first.
     * @return whether the operation is idempotent
     */
    public boolean isIdempotent() {
        return this != CREATE && this != CREATE_SCHEDULE;
    }

}
