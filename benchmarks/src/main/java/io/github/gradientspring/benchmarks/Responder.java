package io.github.gradientspring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A static stand-in for the indexing-jobs API, fast enough never to be what a benchmark measures: Reactor Netty on
 * 127.0.0.1, keep-alive, and every answer precomputed bytes. It answers {@code PUT /v2/gen-ai/indexing_jobs/{uuid}/cancel}
 * with a cancelled job and {@code GET /v2/gen-ai/indexing_jobs} with a page of {@value Payloads#PAGE_SIZE} jobs,
 * with the rate-limit headers the API sends; anything else is a 404. The cancel of job
 * {@value Payloads#JOB_WITHOUT_DATA_SOURCE_UUIDS} answers the same job without {@code data_source_uuids}, the one
 * body DoTs 1.19.0 can decode.
 * <p>
 * Run alone: {@code java -cp benchmarks/target/benchmarks.jar io.github.gradientspring.benchmarks.Responder --port 0}
 * prints {@code listening on http://127.0.0.1:<port>} and serves until stopped or for {@code --max-seconds} (one
 * hour by default).
 */
public final class Responder implements AutoCloseable {

    static final String READY_PREFIX = "listening on ";

    private static final String JOBS_PATH = "/v2/gen-ai/indexing_jobs";

    private static final ByteBuf CANCEL_BODY = body(Payloads.cancelledJobShared());

    private static final String CANCEL_WITHOUT_DATA_SOURCE_UUIDS_PATH = JOBS_PATH + "/"
            + Payloads.JOB_WITHOUT_DATA_SOURCE_UUIDS + "/cancel";

    private static final ByteBuf CANCEL_WITHOUT_DATA_SOURCE_UUIDS_BODY = body(
            Payloads.cancelledJobWithoutDataSourceUuidsShared());

    private static final ByteBuf PAGE_BODY = body(Payloads.jobPageShared());

    private static final ByteBuf NOT_FOUND_BODY = body(
            "{\"id\":\"not_found\",\"message\":\"The resource you were accessing could not be found.\",\"request_id\":\"bench\"}"
                .getBytes(StandardCharsets.UTF_8));

    private static final HttpHeaders CANCEL_HEADERS = headers(CANCEL_BODY.readableBytes());

    private static final HttpHeaders CANCEL_WITHOUT_DATA_SOURCE_UUIDS_HEADERS = headers(
            CANCEL_WITHOUT_DATA_SOURCE_UUIDS_BODY.readableBytes());

    private static final HttpHeaders PAGE_HEADERS = headers(PAGE_BODY.readableBytes());

    private static final HttpHeaders NOT_FOUND_HEADERS = headers(NOT_FOUND_BODY.readableBytes());

    private final DisposableServer server;

    private final @Nullable ConcurrentLinkedQueue<RecordedRequest> journal;

    private Responder(int port, boolean record) {
        this.journal = record ? new ConcurrentLinkedQueue<>() : null;
        this.server = HttpServer.create()
            .host("127.0.0.1")
            .port(port)
            .handle(this::handle)
            .bindNow(Duration.ofSeconds(10));
    }

    /**
     * Starts a responder.
     * @param port the port, or 0 for a free one
     * @return the running responder
     */
    public static Responder start(int port) {
        return new Responder(port, false);
    }

    /** Starts a responder on a free port that keeps every request it receives, for tests. */
    static Responder startRecording() {
        return new Responder(0, true);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + this.server.port();
    }

    /** The requests received so far; empty unless started recording. */
    List<RecordedRequest> journal() {
        return (this.journal != null) ? List.copyOf(this.journal) : List.of();
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = (query >= 0) ? uri.substring(0, query) : uri;
        ByteBuf body;
        HttpHeaders headers;
        HttpResponseStatus status = HttpResponseStatus.OK;
        if (request.method() == HttpMethod.PUT && path.equals(CANCEL_WITHOUT_DATA_SOURCE_UUIDS_PATH)) {
            body = CANCEL_WITHOUT_DATA_SOURCE_UUIDS_BODY;
            headers = CANCEL_WITHOUT_DATA_SOURCE_UUIDS_HEADERS;
        }
        else if (request.method() == HttpMethod.PUT && path.startsWith(JOBS_PATH + "/") && path.endsWith("/cancel")) {
            body = CANCEL_BODY;
            headers = CANCEL_HEADERS;
        }
        else if (request.method() == HttpMethod.GET && path.equals(JOBS_PATH)) {
            body = PAGE_BODY;
            headers = PAGE_HEADERS;
        }
        else {
            body = NOT_FOUND_BODY;
            headers = NOT_FOUND_HEADERS;
            status = HttpResponseStatus.NOT_FOUND;
        }
        // The request body is drained (or, when recording, kept) before answering, as a real server reads it.
        Mono<Void> received = (this.journal != null) ? request.receive().aggregate().asString(StandardCharsets.UTF_8)
            .defaultIfEmpty("")
            .doOnNext((text) -> this.journal.add(new RecordedRequest(request.method().name(), uri,
                    Map.of("authorization", String.valueOf(request.requestHeaders().get("authorization")),
                            "accept", String.valueOf(request.requestHeaders().get("accept")),
                            "user-agent", String.valueOf(request.requestHeaders().get("user-agent")),
                            "content-type", String.valueOf(request.requestHeaders().get("content-type"))),
                    text)))
            .then() : request.receive().then();
        HttpResponseStatus answer = status;
        return received.then(Mono.defer(() -> response.status(answer)
            .headers(headers)
            .sendObject(body.retainedDuplicate())
            .then()));
    }

    private static ByteBuf body(byte[] bytes) {
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes).asReadOnly());
    }

    private static HttpHeaders headers(int contentLength) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        headers.set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        headers.set("ratelimit-limit", "5000");
        headers.set("ratelimit-remaining", "4999");
        headers.set("ratelimit-reset", "1767225600");
        headers.set("x-request-id", "7c1f9a4e-2b8d-4f3a-9e61-0d5b8c2a4f17");
        return headers;
    }

    @Override
    public void close() {
        this.server.disposeNow(Duration.ofSeconds(5));
    }

    /**
     * {@code --port N} (0 for a free port) and {@code --max-seconds S}: serves until stopped, or for S seconds.
     * @param args the options
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args);
        int port = options.intValue("port", 0);
        long maxSeconds = options.intValue("max-seconds", 3600);
        try (Responder responder = start(port)) {
            System.out.println(READY_PREFIX + responder.baseUrl());
            System.out.flush();
            Thread.sleep(Duration.ofSeconds(maxSeconds).toMillis());
        }
    }

    /** A request as the responder received it: only what the benchmarks compare. */
    record RecordedRequest(String method, String uri, Map<String, String> headers, String body) {
    }

}
