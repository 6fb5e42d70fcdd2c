package io.github.gradientspring.simulator;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The control surface under {@code /_simulator/} for users who are not in the JVM: seed knowledge bases, script
 * jobs, schedule indexing, arm faults, move the manual clock, read the journal, reset. No authentication: the simulator listens on
 * the loopback interface only, and the admin routes are never rate-limited, faulted or journaled.
 */
final class AdminApi {

    static final String PREFIX = "/_simulator";

    private final GradientSimulator simulator;

    AdminApi(GradientSimulator simulator) {
        this.simulator = simulator;
    }

    Reply answer(Exchange exchange) {
        String path = exchange.path().substring(PREFIX.length());
        if (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        String method = exchange.method();
        try {
            if (path.startsWith("/reports/") && method.equals("GET")) {
                return report(exchange, path.substring("/reports/".length()));
            }
            return switch (method + " " + path) {
                case "GET ", "GET /state" -> ok(state());
                case "GET /knowledge_bases" -> ok(Map.of("knowledge_bases",
                        simulator.knowledgeBases().stream().map(AdminApi::knowledgeBase).toList()));
                case "POST /knowledge_bases" -> Reply.json(201, write(knowledgeBase(seed(body(exchange)))));
                case "POST /scripts" -> script(body(exchange));
                case "GET /schedules" -> ok(Map.of("schedules", simulator.schedules().stream().map(AdminApi::schedule).toList()));
                case "POST /schedules" -> Reply.json(201, write(schedule(addSchedule(body(exchange)))));
                case "POST /faults" -> addRule(body(exchange));
                case "POST /faults/random" -> random(body(exchange));
                case "POST /faults/outage" -> outage(exchange);
                case "DELETE /faults/outage" -> {
                    simulator.faults().endOutage();
                    yield ok(Map.of("outage", false));
                }
                case "DELETE /faults" -> {
                    simulator.faults().clear();
                    yield ok(Map.of("faults", "cleared"));
                }
                case "GET /clock" -> ok(clock());
                case "POST /clock/advance" -> advance(body(exchange));
                case "GET /journal" -> ok(journal());
                case "DELETE /journal" -> {
                    simulator.journal().clear();
                    yield ok(Map.of("journal", "cleared"));
                }
                case "POST /reset" -> {
                    simulator.reset();
                    yield ok(Map.of("reset", true));
                }
                default -> error(404, "No admin route " + method + " " + exchange.path(), exchange);
            };
        }
        catch (IllegalArgumentException | IllegalStateException | ApiHandler.BadRequest | JacksonException ex) {
            return error(ex instanceof IllegalStateException ? 409 : 400, ex.getMessage(), exchange);
        }
    }

    private static JsonNode body(Exchange exchange) {
        JsonNode body = ApiHandler.parseObject(exchange.body());
        if (body == null) {
            throw new IllegalArgumentException("This admin route needs a JSON object body");
        }
        return body;
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("base_url", simulator.baseUrl());
        state.put("access_token", simulator.accessToken());
        state.putAll(clock());
        state.put("knowledge_bases", simulator.knowledgeBases().stream().map(AdminApi::knowledgeBase).toList());
        return state;
    }

    private SeededKnowledgeBase seed(JsonNode body) {
        KnowledgeBaseSpec spec = KnowledgeBaseSpec.named(body.path("name").asString("knowledge-base"));
        if (body.hasNonNull("uuid")) {
            spec = spec.withUuid(body.get("uuid").asString());
        }
        JsonNode sources = body.path("data_sources");
        if (!sources.isArray() || sources.isEmpty()) {
            throw new IllegalArgumentException("data_sources must be a non-empty array of {\"items\": n, \"bytes\": n}");
        }
        for (JsonNode source : sources.values()) {
            String uuid = source.hasNonNull("uuid") ? source.get("uuid").asString() : null;
            spec = spec.dataSource(uuid, source.path("items").asLong(0), source.path("bytes").asLong(0));
        }
        return simulator.addKnowledgeBase(spec);
    }

    static Map<String, Object> knowledgeBase(SeededKnowledgeBase kb) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("uuid", kb.uuid());
        map.put("name", kb.name());
        map.put("data_sources", kb.dataSources().stream().map(source -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("uuid", source.uuid());
            s.put("items", source.itemCount());
            s.put("bytes", source.totalBytes());
            return s;
        }).toList());
        return map;
    }

    private ScheduleSnapshot addSchedule(JsonNode body) {
        ScheduleRequest request = ScheduleRequest.read(body);
        DayOfWeek[] days = Schedule.daysOf(request.days()).toArray(DayOfWeek[]::new);
        return simulator.scheduleIndexing(request.knowledgeBaseUuid(), request.time(), days);
    }

    static Map<String, Object> schedule(ScheduleSnapshot schedule) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("uuid", schedule.uuid());
        map.put("knowledge_base_uuid", schedule.knowledgeBaseUuid());
        map.put("days", schedule.days());
        map.put("time", schedule.time().toString());
        map.put("is_active", schedule.active());
        map.put("next_run_at", schedule.nextRunAt() == null ? null : WireJson.time(schedule.nextRunAt()));
        map.put("last_ran_at", schedule.lastRanAt() == null ? null : WireJson.time(schedule.lastRanAt()));
        map.put("deleted_at", schedule.deletedAt() == null ? null : WireJson.time(schedule.deletedAt()));
        return map;
    }

    private Reply script(JsonNode body) {
        JobScript script = JobScript.parse(body.path("script").asString("succeed"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("script", script.toString());
        if (body.hasNonNull("knowledge_base_uuid")) {
            String kb = Uuids.requireValid(body.get("knowledge_base_uuid").asString(), "knowledge_base_uuid");
            simulator.scriptKnowledgeBase(kb, script);
            answer.put("knowledge_base_uuid", kb);
        }
        else {
            simulator.scriptNextJob(script);
            answer.put("scope", "next_job");
        }
        return ok(answer);
    }

    private Reply addRule(JsonNode body) {
        Fault fault = fault(body.path("fault"));
        List<Operation> operations = new ArrayList<>();
        JsonNode ops = body.path("operations");
        if (body.hasNonNull("operation")) {
            operations.add(operation(body.get("operation").asString()));
        }
        for (JsonNode op : ops.values()) {
            operations.add(operation(op.asString()));
        }
        Faults.RuleBuilder rule = simulator.faults().on(operations.toArray(Operation[]::new));
        if (body.path("always").asBoolean(false)) {
            rule.always();
        }
        else {
            rule.times(body.path("times").asInt(1));
        }
        rule.afterRequests(body.path("after_requests").asInt(0));
        rule.respond(fault);
        return ok(Map.of("armed", fault.toString(), "pending_rules", simulator.faults().pendingRules()));
    }

    private Reply random(JsonNode body) {
        List<Fault> faults = new ArrayList<>();
        for (JsonNode node : body.path("faults").values()) {
            faults.add(fault(node));
        }
        simulator.faults().random(body.path("seed").asLong(0), body.path("rate").asDouble(0.1), faults);
        return ok(Map.of("random", true, "faults", faults.size()));
    }

    private Reply outage(Exchange exchange) {
        JsonNode body = ApiHandler.parseObject(exchange.body());
        Fault fault = body == null || !body.has("fault") ? Fault.status(503) : fault(body.get("fault"));
        simulator.faults().outage(fault);
        return ok(Map.of("outage", fault.toString()));
    }

    private static Operation operation(String name) {
        if ("ANY".equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("Leave out \"operation\" to match any endpoint");
        }
        return Operation.valueOf(name.toUpperCase(Locale.ROOT));
    }

    /**
     * A fault from JSON: {@code {"kind": "status", "status": 503, "retry_after_seconds": 1, …}}. Kinds are the
     * {@link Fault.Kind} names in lower case.
     */
    static Fault fault(JsonNode node) {
        if (!node.isObject() || !node.hasNonNull("kind")) {
            throw new IllegalArgumentException("A fault needs a \"kind\"");
        }
        String kind = node.get("kind").asString().toUpperCase(Locale.ROOT);
        Fault fault = switch (Fault.Kind.valueOf(kind)) {
            case STATUS -> Fault.status(node.path("status").asInt(503));
            case DELAY -> Fault.delay(Duration.ofMillis(node.path("delay_ms").asLong(1000)));
            case STALL_MID_BODY -> Fault.stallMidBody(Duration.ofMillis(node.path("stall_ms").asLong(1000)));
            case CONNECTION_RESET -> Fault.connectionReset();
            case RESET_MID_BODY -> Fault.resetMidBody();
            case MALFORMED_JSON -> Fault.malformedJson();
            case TRUNCATED_JSON -> Fault.truncatedJson();
            case HTML_ERROR_PAGE -> Fault.htmlErrorPage(node.path("status").asInt(502));
            case EMPTY_BODY -> Fault.emptyBody();
            case WRONG_CONTENT_TYPE -> Fault.wrongContentType();
            case LARGE_BODY -> Fault.largeBody(node.path("size").asInt(Fault.DEFAULT_LARGE_BODY_BYTES));
            case REDIRECT -> Fault.redirect(node.path("status").asInt(302), node.path("location").asString("/"));
        };
        if (node.hasNonNull("delay_ms") && fault.kind() != Fault.Kind.DELAY) {
            fault = fault.delayedBy(Duration.ofMillis(node.get("delay_ms").asLong()));
        }
        if (node.hasNonNull("retry_after_seconds")) {
            fault = fault.retryAfter(Duration.ofSeconds(node.get("retry_after_seconds").asLong()));
        }
        if (node.hasNonNull("retry_after_ms")) {
            fault = fault.retryAfterMillis(node.get("retry_after_ms").asLong());
        }
        if (node.hasNonNull("retry_after_http_date_seconds")) {
            fault = fault.retryAfterHttpDate(Duration.ofSeconds(node.get("retry_after_http_date_seconds").asLong()));
        }
        if (node.hasNonNull("should_retry")) {
            fault = fault.shouldRetry(node.get("should_retry").asBoolean());
        }
        if (node.hasNonNull("body")) {
            fault = fault.withBody(node.path("content_type").asString(Reply.JSON), node.get("body").asString());
        }
        return fault;
    }

    private Map<String, Object> clock() {
        Map<String, Object> clock = new LinkedHashMap<>();
        clock.put("now", WireJson.time(simulator.now()));
        clock.put("manual", simulator.hasManualClock());
        return clock;
    }

    private Reply advance(JsonNode body) {
        Duration duration;
        if (body.hasNonNull("duration")) {
            try {
                duration = Duration.parse(body.get("duration").asString());
            }
            catch (DateTimeParseException ex) {
                throw new IllegalArgumentException("duration must be ISO-8601, e.g. PT30S");
            }
        }
        else if (body.hasNonNull("millis")) {
            duration = Duration.ofMillis(body.get("millis").asLong());
        }
        else if (body.hasNonNull("seconds")) {
            duration = Duration.ofMillis(Math.round(body.get("seconds").asDouble() * 1000));
        }
        else {
            throw new IllegalArgumentException("Give \"seconds\", \"millis\" or \"duration\"");
        }
        if (!simulator.hasManualClock()) {
            // Said in the terms of whoever reaches the admin API: the jar's flag first, the builder's method after.
            throw new IllegalStateException("The simulator runs on a real clock; start it with --manual-clock "
                    + "(GradientSimulator.builder().manualClock() in Java) to advance time");
        }
        Instant now = simulator.advance(duration);
        return ok(Map.of("now", WireJson.time(now)));
    }

    private Map<String, Object> journal() {
        Journal journal = simulator.journal();
        Map<String, Object> counts = new LinkedHashMap<>();
        journal.counts().forEach((operation, count) -> counts.put(operation.name(), count));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("enabled", journal.enabled());
        answer.put("total", journal.total());
        answer.put("rate_limited", journal.rateLimited());
        answer.put("counts", counts);
        answer.put("scheduled_runs", journal.scheduledRuns().stream().map(run -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("schedule_uuid", run.scheduleUuid());
            r.put("knowledge_base_uuid", run.knowledgeBaseUuid());
            r.put("job_uuid", run.jobUuid());
            r.put("started_at", WireJson.time(run.startedAt()));
            return r;
        }).toList());
        answer.put("requests", journal.requests().stream().map(request -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("method", request.method());
            r.put("path", request.path());
            r.put("query", request.query());
            r.put("operation", request.operation() == null ? null : request.operation().name());
            r.put("status", request.status());
            r.put("received_at", WireJson.time(request.receivedAt()));
            r.put("headers", request.headers());
            r.put("body", request.body());
            return r;
        }).toList());
        return answer;
    }

    private Reply report(Exchange exchange, String file) {
        String uuid = file.endsWith(".json") ? file.substring(0, file.length() - ".json".length()) : file;
        Job job = Uuids.isValid(uuid) ? simulator.store().job(uuid.toLowerCase(Locale.ROOT)) : null;
        if (job == null) {
            return error(404, ApiErrors.NOT_FOUND, exchange);
        }
        return Reply.json(200, ApiHandler.jobBody(job, exchange));
    }

    private static Reply ok(Object body) {
        return Reply.json(200, write(body));
    }

    private static byte[] write(Object body) {
        return WireJson.MAPPER.writeValueAsBytes(body);
    }

    private static Reply error(int status, @Nullable String message, Exchange exchange) {
        return ApiErrors.of(status, message == null ? ApiErrors.defaultMessage(status) : message, exchange.requestId());
    }
}
