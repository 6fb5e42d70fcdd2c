package io.github.gradientspring.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * The fixed bodies the responder serves, made once: a cancelled job as {@code PUT …/cancel} answers it, and a page
 * of jobs as {@code GET /v2/gen-ai/indexing_jobs} answers it. Shaped like the API's own examples
 * ({@code /work/shared/fixtures}), with realistic values instead of the specification's placeholders.
 */
public final class Payloads {

    /** The job every benchmark cancels. */
    public static final String JOB_UUID = "79ca9798-cf7d-11ef-bf8f-4e013e2ddde4";

    /**
     * The job DoTs ({@code @digitalocean/dots}) cancels in {@code compare.sh}: the same cancelled job without its
     * {@code data_source_uuids} array, which DoTs 1.19.0 as npm installs it cannot decode (see docs/benchmarks.md).
     */
    public static final String JOB_WITHOUT_DATA_SOURCE_UUIDS = "79ca9798-cf7d-11ef-bf8f-4e013e2dd0d5";

    /** The largest page the API serves, and the one the list benchmarks decode. */
    public static final int PAGE_SIZE = 200;

    private static final byte[] CANCELLED_JOB = ("{\"job\":" + job(JOB_UUID, 0, true, true) + "}")
        .getBytes(StandardCharsets.UTF_8);

    private static final byte[] CANCELLED_JOB_WITHOUT_DATA_SOURCE_UUIDS = ("{\"job\":"
            + job(JOB_WITHOUT_DATA_SOURCE_UUIDS, 0, true, false) + "}")
        .getBytes(StandardCharsets.UTF_8);

    private static final byte[] JOB_PAGE = page(PAGE_SIZE).getBytes(StandardCharsets.UTF_8);

    private Payloads() {
    }

    /** {@code {"job":{…}}} of a job cancelled while its second data source was being indexed. */
    public static byte[] cancelledJob() {
        return CANCELLED_JOB.clone();
    }

    /** {@code {"jobs":[…],"links":{…},"meta":{…}}} with {@value #PAGE_SIZE} jobs. */
    public static byte[] jobPage() {
        return JOB_PAGE.clone();
    }

    static byte[] cancelledJobShared() {
        return CANCELLED_JOB;
    }

    /** The job of {@link #cancelledJob()} under the id {@link #JOB_WITHOUT_DATA_SOURCE_UUIDS}, without that array. */
    public static byte[] cancelledJobWithoutDataSourceUuids() {
        return CANCELLED_JOB_WITHOUT_DATA_SOURCE_UUIDS.clone();
    }

    static byte[] cancelledJobWithoutDataSourceUuidsShared() {
        return CANCELLED_JOB_WITHOUT_DATA_SOURCE_UUIDS;
    }

    static byte[] jobPageShared() {
        return JOB_PAGE;
    }

    private static String page(int size) {
        StringBuilder json = new StringBuilder(size * 1500).append("{\"jobs\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(job(uuid(i), i, i % 7 == 0, true));
        }
        return json.append("],\"links\":{\"pages\":{")
            .append("\"first\":\"https://api.digitalocean.com/v2/gen-ai/indexing_jobs?page=1&per_page=200\",")
            .append("\"next\":\"https://api.digitalocean.com/v2/gen-ai/indexing_jobs?page=2&per_page=200\",")
            .append("\"last\":\"https://api.digitalocean.com/v2/gen-ai/indexing_jobs?page=3&per_page=200\"}},")
            .append("\"meta\":{\"page\":1,\"pages\":3,\"total\":523}}")
            .toString();
    }

    private static String uuid(int i) {
        return String.format("%08x-cf7d-11ef-bf8f-4e013e2d%04x", 0x79ca9798 + i, i);
    }

    /** One job; cancelled ones stop with their second data source cut short, the others succeeded. */
    private static String job(String uuid, int i, boolean cancelled, boolean withDataSourceUuids) {
        String day = String.format("2025-%02d-%02d", 1 + (i % 12), 1 + (i % 28));
        String kb = String.format("20cd8434-6ea1-11f0-bf8f-4e013e2d%04x", i % 13);
        String ds1 = String.format("9758a232-b351-11ef-bf8f-4e013e2d%04x", i % 31);
        String ds2 = String.format("a1c3f0e4-b351-11ef-bf8f-4e013e2d%04x", i % 29);
        String phase = cancelled ? "BATCH_JOB_PHASE_CANCELLED" : "BATCH_JOB_PHASE_SUCCEEDED";
        String status = cancelled ? "INDEX_JOB_STATUS_CANCELLED" : "INDEX_JOB_STATUS_COMPLETED";
        String secondStatus = cancelled ? "DATA_SOURCE_STATUS_CANCELLED" : "DATA_SOURCE_STATUS_UPDATED";
        return "{\"uuid\":\"" + uuid + "\","
                + "\"knowledge_base_uuid\":\"" + kb + "\","
                + "\"created_at\":\"" + day + "T09:14:03Z\","
                + "\"updated_at\":\"" + day + "T09:21:47Z\","
                + "\"started_at\":\"" + day + "T09:14:05Z\","
                + "\"finished_at\":\"" + day + "T09:21:47Z\","
                + "\"phase\":\"" + phase + "\","
                + "\"status\":\"" + status + "\","
                + "\"completed_datasources\":" + (cancelled ? 1 : 2) + ","
                + "\"total_datasources\":2,"
                + "\"tokens\":" + (48211 + i) + ","
                + "\"total_tokens\":\"" + (48211 + i) + "\","
                + "\"is_report_available\":" + !cancelled + ","
                + (withDataSourceUuids ? "\"data_source_uuids\":[\"" + ds1 + "\",\"" + ds2 + "\"]," : "")
                + "\"data_source_jobs\":["
                + dataSourceJob(ds1, day, "DATA_SOURCE_STATUS_UPDATED", "09:14:05Z", "09:18:32Z", 1284 + i, 0)
                + ","
                + dataSourceJob(ds2, day, secondStatus, "09:18:33Z", "09:21:47Z", cancelled ? 311 : 972 + i, i % 3)
                + "]}";
    }

    private static String dataSourceJob(String uuid, String day, String status, String started, String completed,
            int indexed, int failed) {
        return "{\"data_source_uuid\":\"" + uuid + "\","
                + "\"status\":\"" + status + "\","
                + "\"started_at\":\"" + day + "T" + started + "\","
                + "\"completed_at\":\"" + day + "T" + completed + "\","
                + "\"indexed_item_count\":\"" + indexed + "\","
                + "\"indexed_file_count\":\"" + (indexed / 4) + "\","
                + "\"failed_item_count\":\"" + failed + "\","
                + "\"skipped_item_count\":\"12\","
                + "\"removed_item_count\":\"0\","
                + "\"total_file_count\":\"" + (indexed / 4 + 3) + "\","
                + "\"total_bytes\":\"" + (indexed * 2917L) + "\","
                + "\"total_bytes_indexed\":\"" + (indexed * 2861L) + "\","
                + "\"error_msg\":\"\","
                + "\"error_details\":\"\"}";
    }

}
