package io.github.gradientspring.simulator;

import org.jspecify.annotations.Nullable;

/**
 * Where a request goes: an {@link Operation} with its one path parameter, or why it goes nowhere.
 *
 * @param operation the endpoint, or null
 * @param parameter the UUID segment of the path (unchecked), or null
 * @param status    0 when routed; 404 for an unknown path; 405 for a known path with another method
 * @param allow     for a 405, the method the path accepts
 */
record Route(@Nullable Operation operation, @Nullable String parameter, int status, @Nullable String allow) {

    private static final String JOBS = "/v2/gen-ai/indexing_jobs";
    private static final String KNOWLEDGE_BASES = "/v2/gen-ai/knowledge_bases/";
    private static final String SCHEDULES = "/v2/gen-ai/scheduled-indexing";
    private static final String SCHEDULES_OF_KNOWLEDGE_BASE = SCHEDULES + "/knowledge-base/";

    static final Route NOT_FOUND = new Route(null, null, 404, null);

    /** Routes by hand rather than by regular expression: this runs for every request. */
    static Route match(String method, String path) {
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.startsWith(JOBS)) {
            if (path.length() == JOBS.length()) {
                return switch (method) {
                    case "GET", "HEAD" -> new Route(Operation.LIST, null, 0, null);
                    case "POST" -> new Route(Operation.CREATE, null, 0, null);
                    default -> new Route(null, null, 405, "GET, POST");
                };
            }
            if (path.charAt(JOBS.length()) != '/') {
                return NOT_FOUND;
            }
            String rest = path.substring(JOBS.length() + 1);
            int slash = rest.indexOf('/');
            if (slash < 0) {
                return only(method, "GET", Operation.RETRIEVE, rest);
            }
            String uuid = rest.substring(0, slash);
            return switch (rest.substring(slash + 1)) {
                case "data_sources" -> only(method, "GET", Operation.LIST_DATA_SOURCES, uuid);
                case "details_signed_url" -> only(method, "GET", Operation.DETAILS_SIGNED_URL, uuid);
                case "cancel" -> only(method, "PUT", Operation.CANCEL, uuid);
                default -> NOT_FOUND;
            };
        }
        if (path.startsWith(SCHEDULES)) {
            return schedules(method, path);
        }
        if (path.startsWith(KNOWLEDGE_BASES) && path.endsWith("/indexing_jobs")) {
            String uuid = path.substring(KNOWLEDGE_BASES.length(), path.length() - "/indexing_jobs".length());
            if (uuid.indexOf('/') < 0) {
                return only(method, "GET", Operation.LIST_BY_KNOWLEDGE_BASE, uuid);
            }
        }
        return NOT_FOUND;
    }

    private static Route schedules(String method, String path) {
        if (path.length() == SCHEDULES.length()) {
            return only(method, "POST", Operation.CREATE_SCHEDULE, null);
        }
        if (path.charAt(SCHEDULES.length()) != '/') {
            return NOT_FOUND;
        }
        if (path.startsWith(SCHEDULES_OF_KNOWLEDGE_BASE)) {
            String uuid = path.substring(SCHEDULES_OF_KNOWLEDGE_BASE.length());
            return uuid.indexOf('/') < 0 ? only(method, "GET", Operation.RETRIEVE_SCHEDULE, uuid) : NOT_FOUND;
        }
        String uuid = path.substring(SCHEDULES.length() + 1);
        return uuid.indexOf('/') < 0 ? only(method, "DELETE", Operation.DELETE_SCHEDULE, uuid) : NOT_FOUND;
    }

    private static Route only(String method, String accepted, Operation operation, @Nullable String parameter) {
        boolean ok = method.equals(accepted) || ("GET".equals(accepted) && "HEAD".equals(method));
        return ok ? new Route(operation, parameter, 0, null) : new Route(null, parameter, 405, accepted);
    }
}
