package io.github.gradientspring.simulator;

import org.jspecify.annotations.Nullable;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The simulated service: rate limiting, authentication, then the ten endpoints (seven of jobs, three of schedules). Produces a {@link Reply};
 * never writes to the network itself.
 */
final class ApiHandler {

    private static final String BEARER = "Bearer ";
    private static final String ANONYMOUS = "";

    private final String accessToken;
    private final Set<String> readOnlyTokens;
    private final JobStore store;
    private final Schedules schedules;
    private final RateLimiter limiter;
    private final JobTiming timing;
    private final String jobsUrl;
    private final String reportsUrl;

    ApiHandler(String accessToken, Set<String> readOnlyTokens, JobStore store, Schedules schedules, RateLimiter limiter,
            JobTiming timing, String baseUrl) {
        this.accessToken = accessToken;
        this.readOnlyTokens = Set.copyOf(readOnlyTokens);
        this.store = store;
        this.schedules = schedules;
        this.limiter = limiter;
        this.timing = timing;
        this.jobsUrl = baseUrl + "/v2/gen-ai/indexing_jobs";
        this.reportsUrl = baseUrl + AdminApi.PREFIX + "/reports/";
    }

    Reply answer(Exchange exchange) {
        String token = bearerToken(exchange.headers().get(HttpHeaderNames.AUTHORIZATION));
        RateLimiter.Decision decision = null;
        if (limiter.enabled()) {
            // Keyed by the presented credential, valid or not, as DigitalOcean limits per token.
            decision = limiter.acquire(token == null ? ANONYMOUS : token, exchange.now().toEpochMilli());
            if (!decision.allowed()) {
                return ApiErrors.of(429, ApiErrors.RATE_LIMITED, exchange.requestId())
                        .withHeader("retry-after", Long.toString(decision.retryAfterSeconds()))
                        .withRate(decision);
            }
        }
        return authorisedAnswer(exchange, token).withRate(decision);
    }

    private Reply authorisedAnswer(Exchange exchange, @Nullable String token) {
        String requestId = exchange.requestId();
        boolean readOnly = token != null && readOnlyTokens.contains(token);
        if (token == null || !(token.equals(accessToken) || readOnly)) {
            return ApiErrors.of(401, ApiErrors.UNAUTHORIZED, requestId);
        }
        Route route = exchange.route();
        if (route.status() == 405) {
            return ApiErrors.of(405, requestId).withHeader("allow", route.allow());
        }
        if (route.operation() == null) {
            return ApiErrors.notFound(requestId);
        }
        if (readOnly && writes(route.operation())) {
            return ApiErrors.of(403, ApiErrors.FORBIDDEN, requestId);
        }
        return switch (route.operation()) {
            case CREATE -> create(exchange);
            case RETRIEVE -> withJob(exchange, job -> Reply.json(200, jobBody(job, exchange)));
            case LIST -> list(exchange);
            case LIST_BY_KNOWLEDGE_BASE -> listByKnowledgeBase(exchange);
            case LIST_DATA_SOURCES -> withJob(exchange, job ->
                    Reply.json(200, WireJson.dataSources(JobProgress.snapshot(job, exchange.now()))));
            case DETAILS_SIGNED_URL -> withJob(exchange, job -> signedUrl(job, exchange));
            case CANCEL -> cancel(exchange);
            case CREATE_SCHEDULE -> createSchedule(exchange);
            case RETRIEVE_SCHEDULE -> retrieveSchedule(exchange);
            case DELETE_SCHEDULE -> deleteSchedule(exchange);
        };
    }

    private static boolean writes(Operation operation) {
        return operation == Operation.CREATE || operation == Operation.CANCEL
                || operation == Operation.CREATE_SCHEDULE || operation == Operation.DELETE_SCHEDULE;
    }

    private Reply createSchedule(Exchange exchange) {
        String requestId = exchange.requestId();
        JsonNode body;
        try {
            body = parseObject(exchange.body());
        }
        catch (BadRequest ex) {
            return ApiErrors.badRequest(ex.getMessage(), requestId);
        }
        if (body == null) {
            return ApiErrors.badRequest("The request body must be a JSON object with knowledge_base_uuid, time and days.",
                    requestId);
        }
        ScheduleRequest request;
        try {
            request = ScheduleRequest.read(body);
        }
        catch (IllegalArgumentException ex) {
            return ApiErrors.badRequest(ex.getMessage(), requestId);
        }
        if (store.knowledgeBase(request.knowledgeBaseUuid()) == null) {
            return ApiErrors.notFound(requestId);
        }
        Schedule schedule = schedules.create(request.knowledgeBaseUuid(), request.time(), request.days(), exchange.now());
        if (schedule == null) {
            // The API's answer here is not documented; the simulator keeps one schedule per knowledge base and says so.
            return ApiErrors.of(409, "Knowledge base " + request.knowledgeBaseUuid()
                    + " already has an indexing schedule; delete it first.", requestId);
        }
        return Reply.json(200, WireJson.scheduleBody(schedule.snapshot()));
    }

    private Reply retrieveSchedule(Exchange exchange) {
        String requestId = exchange.requestId();
        String kbUuid = exchange.route().parameter();
        if (kbUuid == null || !Uuids.isValid(kbUuid)) {
            return ApiErrors.badRequest("The knowledge base UUID is not valid: " + kbUuid, requestId);
        }
        String normalised = kbUuid.toLowerCase(Locale.ROOT);
        if (store.knowledgeBase(normalised) == null) {
            return ApiErrors.notFound(requestId);
        }
        ScheduleSnapshot schedule = schedules.activeOf(normalised);
        return schedule == null ? ApiErrors.notFound(requestId) : Reply.json(200, WireJson.scheduleBody(schedule));
    }

    private Reply deleteSchedule(Exchange exchange) {
        String requestId = exchange.requestId();
        String uuid = exchange.route().parameter();
        if (uuid == null || !Uuids.isValid(uuid)) {
            return ApiErrors.badRequest("The schedule UUID is not valid: " + uuid, requestId);
        }
        ScheduleSnapshot deleted = schedules.delete(uuid.toLowerCase(Locale.ROOT), exchange.now());
        return deleted == null ? ApiErrors.notFound(requestId) : Reply.json(200, WireJson.scheduleBody(deleted));
    }

    /** The token of an {@code Authorization: Bearer …} header (scheme case-insensitive), or null. */
    static @Nullable String bearerToken(@Nullable String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private Reply create(Exchange exchange) {
        String requestId = exchange.requestId();
        JsonNode body;
        try {
            body = parseObject(exchange.body());
        }
        catch (BadRequest ex) {
            return ApiErrors.badRequest(ex.getMessage(), requestId);
        }
        if (body == null) {
            return ApiErrors.badRequest("The request body must be a JSON object with a knowledge_base_uuid.", requestId);
        }
        JsonNode kbNode = body.get("knowledge_base_uuid");
        if (kbNode == null || kbNode.isNull() || !kbNode.isString() || kbNode.stringValue().isEmpty()) {
            return ApiErrors.badRequest("knowledge_base_uuid is required.", requestId);
        }
        String kbUuid = kbNode.stringValue();
        if (!Uuids.isValid(kbUuid)) {
            return ApiErrors.badRequest("knowledge_base_uuid is not a valid UUID: " + kbUuid, requestId);
        }
        SeededKnowledgeBase knowledgeBase = store.knowledgeBase(kbUuid.toLowerCase(Locale.ROOT));
        if (knowledgeBase == null) {
            return ApiErrors.notFound(requestId);
        }
        List<SeededDataSource> sources;
        JsonNode sourcesNode = body.get("data_source_uuids");
        if (sourcesNode == null || sourcesNode.isNull() || (sourcesNode.isArray() && sourcesNode.isEmpty())) {
            // The specification: "if none are provided, all data sources will be indexed".
            sources = knowledgeBase.dataSources();
        }
        else if (!sourcesNode.isArray()) {
            return ApiErrors.badRequest("data_source_uuids must be an array of UUIDs.", requestId);
        }
        else {
            Set<String> wanted = new LinkedHashSet<>();
            for (JsonNode element : sourcesNode.values()) {
                if (!element.isString() || !Uuids.isValid(element.stringValue())) {
                    return ApiErrors.badRequest("data_source_uuids must hold UUIDs, got: " + element, requestId);
                }
                wanted.add(element.stringValue().toLowerCase(Locale.ROOT));
            }
            sources = new ArrayList<>();
            for (String uuid : wanted) {
                SeededDataSource source = knowledgeBase.dataSources().stream()
                        .filter(s -> s.uuid().equals(uuid)).findFirst().orElse(null);
                if (source == null) {
                    return ApiErrors.of(404, "Data source " + uuid + " was not found in knowledge base "
                            + knowledgeBase.uuid() + ".", requestId);
                }
                sources.add(source);
            }
        }
        Job job = store.create(knowledgeBase, sources, exchange.now(), timing);
        return Reply.json(200, jobBody(job, exchange));
    }

    private Reply cancel(Exchange exchange) {
        String requestId = exchange.requestId();
        String pathUuid = exchange.route().parameter();
        if (pathUuid == null || !Uuids.isValid(pathUuid)) {
            return ApiErrors.badRequest("The indexing job UUID is not valid: " + pathUuid, requestId);
        }
        JsonNode body;
        try {
            body = parseObject(exchange.body());
        }
        catch (BadRequest ex) {
            return ApiErrors.badRequest(ex.getMessage(), requestId);
        }
        if (body != null) {
            JsonNode uuidNode = body.get("uuid");
            // An absent or null uuid is accepted, as is any extra field (the TypeScript SDK sends "body_uuid").
            if (uuidNode != null && !uuidNode.isNull()
                    && (!uuidNode.isString() || !uuidNode.stringValue().equalsIgnoreCase(pathUuid))) {
                return ApiErrors.badRequest("The uuid in the body (" + uuidNode + ") does not match the uuid in the path ("
                        + pathUuid + ").", requestId);
            }
        }
        Job job = store.job(pathUuid.toLowerCase(Locale.ROOT));
        if (job == null) {
            return ApiErrors.notFound(requestId);
        }
        // A finished job is answered unchanged with 200: cancel is idempotent, so a client racing the job's end
        // sees the truth (the terminal phase) instead of an error it would have to special-case.
        job.cancel(exchange.now());
        return Reply.json(200, jobBody(job, exchange));
    }

    private Reply list(Exchange exchange) {
        String requestId = exchange.requestId();
        Map<String, List<String>> params = new QueryStringDecoder(exchange.query(), false).parameters();
        int page = Pagination.positiveInt(first(params, "page"), 1);
        int perPage = Pagination.positiveInt(first(params, "per_page"), Pagination.DEFAULT_PER_PAGE);
        if (page < 0) {
            return ApiErrors.badRequest("page must be a positive integer.", requestId);
        }
        if (perPage < 0) {
            return ApiErrors.badRequest("per_page must be a positive integer.", requestId);
        }
        perPage = Math.min(perPage, Pagination.MAX_PER_PAGE);
        Pagination.Page pageInfo = Pagination.of(page, perPage, store.jobCount(), jobsUrl);
        List<JobSnapshot> jobs = store.newestFirst(pageInfo.offset(), perPage).stream()
                .map(job -> JobProgress.snapshot(job, exchange.now())).toList();
        return Reply.json(200, WireJson.jobsPage(jobs, pageInfo));
    }

    private Reply listByKnowledgeBase(Exchange exchange) {
        String requestId = exchange.requestId();
        String kbUuid = exchange.route().parameter();
        if (kbUuid == null || !Uuids.isValid(kbUuid)) {
            return ApiErrors.badRequest("The knowledge base UUID is not valid: " + kbUuid, requestId);
        }
        String normalised = kbUuid.toLowerCase(Locale.ROOT);
        if (store.knowledgeBase(normalised) == null) {
            return ApiErrors.notFound(requestId);
        }
        List<JobSnapshot> jobs = store.latestOf(normalised).stream()
                .map(job -> JobProgress.snapshot(job, exchange.now())).toList();
        return Reply.json(200, WireJson.jobsPage(jobs, Pagination.single(jobs.size())));
    }

    private Reply signedUrl(Job job, Exchange exchange) {
        JobSnapshot snapshot = JobProgress.snapshot(job, exchange.now());
        if (!snapshot.reportAvailable()) {
            return ApiErrors.of(404, "The report of indexing job " + job.uuid + " is not available yet.",
                    exchange.requestId());
        }
        long expires = exchange.now().getEpochSecond() + 900;
        String url = reportsUrl + job.uuid + ".json?X-Amz-Expires=900&Expires=" + expires
                + "&X-Amz-Signature=" + Integer.toHexString(job.uuid.hashCode());
        return Reply.json(200, WireJson.signedUrl(url));
    }

    private Reply withJob(Exchange exchange, java.util.function.Function<Job, Reply> then) {
        String uuid = exchange.route().parameter();
        if (uuid == null || !Uuids.isValid(uuid)) {
            return ApiErrors.badRequest("The indexing job UUID is not valid: " + uuid, exchange.requestId());
        }
        Job job = store.job(uuid.toLowerCase(Locale.ROOT));
        return job == null ? ApiErrors.notFound(exchange.requestId()) : then.apply(job);
    }

    /** {@code {"job": …}} for now, reusing the cached bytes of a terminal job. */
    static byte[] jobBody(Job job, Exchange exchange) {
        byte[] cached = job.terminalBody();
        if (cached != null) {
            return cached;
        }
        JobSnapshot snapshot = JobProgress.snapshot(job, exchange.now());
        byte[] body = WireJson.jobBody(snapshot);
        if (snapshot.terminal()) {
            job.terminalBody(body);
        }
        return body;
    }

    /**
     * Reads an optional JSON object body.
     *
     * @return the object, or null when the body is empty or blank
     * @throws BadRequest when it is not JSON or not an object
     */
    static @Nullable JsonNode parseObject(byte[] body) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = WireJson.MAPPER.readTree(body);
        }
        catch (JacksonException ex) {
            throw new BadRequest("The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("The request body must be a JSON object.");
        }
        return node;
    }

    private static @Nullable String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A client mistake found while reading a body; becomes a 400. */
    static final class BadRequest extends RuntimeException {

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
