package io.github.gradientspring.sample.docs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.gradientspring.sample.IndexingJobsSampleApplication;
import io.github.gradientspring.sample.local.LocalSimulatorConfiguration;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.GradientSimulatorMain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the blocks marked {@code <!-- run: … -->}: starts what the block runs against (the standalone simulator
 * in-process, or the sample application in local mode), each on a free port of 127.0.0.1 that stands for the
 * documented one, and sends each {@code curl} as written. Closes what it started.
 */
final class CommandRunner implements AutoCloseable {

    /** The port the manual gives the standalone simulator. */
    static final int DOCUMENTED_SIMULATOR_PORT = GradientSimulatorMain.DEFAULT_PORT;

    /** The port the manual gives the sample application. */
    static final int DOCUMENTED_SAMPLE_PORT = 8080;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private static final Pattern EXPECTATION = Pattern.compile("→\\s*(\\d{3})\\s*(.*)");

    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z-]*>");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    private final DocumentedCommands commands;

    private GradientSimulator simulator;

    private ConfigurableApplicationContext sample;

    private String lastJobUuid;

    private int sent;

    CommandRunner(DocumentedCommands commands) {
        this.commands = commands;
    }

    /** How many requests the blocks run so far sent. */
    int sent() {
        return this.sent;
    }

    GradientSimulator simulator() {
        return this.simulator;
    }

    ConfigurableApplicationContext sample() {
        return this.sample;
    }

    /**
     * Runs a block marked {@code run:}, from a fresh start of what it runs against.
     * @param block the block
     * @return the problems found, each with the page and line; empty when the block ran as written
     */
    List<String> run(DocumentedCommands.Block block) {
        List<String> problems = new ArrayList<>();
        stop();
        this.lastJobUuid = null;
        Map<String, String> variables = new LinkedHashMap<>();
        String target = block.target();
        if (!target.equals("simulator") && !target.equals("sample")) {
            problems.add(block.where() + ": run: " + target + " is neither simulator nor sample");
            return problems;
        }
        if (target.equals("sample")) {
            startSample();
        }
        for (DocumentedCommands.LogicalLine line : DocumentedCommands.logicalLines(block.lines(), block.line() + 1)) {
            String where = block.page() + ":" + line.number();
            String text = line.text();
            Matcher placeholder = PLACEHOLDER.matcher(text);
            if (placeholder.find() && DocumentedCommands.startsWithCommand(text)) {
                if (!placeholder.group().equals("<job-uuid>")) {
                    problems.add(where + ": " + placeholder.group() + " cannot be filled in by a build");
                    continue;
                }
                if (this.lastJobUuid == null) {
                    problems.add(where + ": <job-uuid> before any job was created");
                    continue;
                }
                text = text.replace("<job-uuid>", this.lastJobUuid);
            }
            for (DocumentedCommands.Command command : DocumentedCommands.commands(where, text, variables, false)) {
                List<String> found = this.commands.staticProblems(command);
                problems.addAll(found);
                if (!found.isEmpty()) {
                    continue;
                }
                try {
                    execute(block, command, problems);
                }
                catch (RuntimeException ex) {
                    problems.add(where + ": `" + command.text() + "` failed: " + ex);
                }
            }
        }
        return problems;
    }

    private void execute(DocumentedCommands.Block block, DocumentedCommands.Command command, List<String> problems) {
        switch (command.program()) {
            case "" -> { }
            case "./mvnw" -> { } // checked statically only: a test does not run the build it is part of
            case "java" -> launchSimulator(command.words().subList(1, command.words().size()), command, problems);
            case "curl" -> {
                if (block.target().equals("simulator") && this.simulator == null) {
                    launchSimulator(block.targetArguments(), command, problems);
                }
                curl(command, problems);
            }
            default -> problems.add(command.where() + ": `" + command.text() + "` is not a command a build runs; mark"
                    + " its block <!-- not-run: … -->");
        }
    }

    private void launchSimulator(List<String> arguments, DocumentedCommands.Command command, List<String> problems) {
        List<String> flags = new ArrayList<>();
        if (!arguments.isEmpty() && arguments.get(0).equals("-jar")) {
            if (!arguments.get(1).contains("gradient-simulator")) {
                problems.add(command.where() + ": only the simulator's jar runs in a build: " + command.text());
                return;
            }
            arguments = arguments.subList(2, arguments.size());
        }
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).equals("--port")) {
                i++; // the documented port stands for a free one
            }
            else {
                flags.add(arguments.get(i));
            }
        }
        flags.add("--port");
        flags.add("0");
        stop();
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        this.simulator = GradientSimulatorMain.launch(flags.toArray(String[]::new),
                new PrintStream(banner, true, StandardCharsets.UTF_8));
        if (this.simulator == null) {
            problems.add(command.where() + ": the simulator did not start with " + flags);
        }
    }

    private void startSample() {
        // As the main job starts it (TestIndexingJobsSampleApplication): the production application with the
        // simulator's configuration and the local profile from the test class path.
        this.sample = SpringApplication.from(IndexingJobsSampleApplication::main)
            .with(LocalSimulatorConfiguration.class)
            .withAdditionalProfiles("local")
            .run("--server.port=0", "--server.address=127.0.0.1", "--sample.demo.enabled=false",
                    "--sample.simulator.pending=100ms", "--sample.simulator.per-data-source=100ms",
                    "--gradient.watch.initial-interval=50ms", "--gradient.watch.max-interval=100ms")
            .getApplicationContext();
    }

    private void curl(DocumentedCommands.Command command, List<String> problems) {
        String method = null;
        String data = null;
        String url = null;
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> words = command.words();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s", "-S", "-sS", "-N", "--silent", "--no-buffer" -> { }
                case "-X", "--request" -> method = words.get(++i);
                case "-H", "--header" -> {
                    String header = words.get(++i);
                    int colon = header.indexOf(':');
                    headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
                case "-d", "--data" -> data = words.get(++i);
                default -> {
                    if (word.startsWith("-")) {
                        problems.add(command.where() + ": curl option " + word + " is not one this check runs");
                        return;
                    }
                    url = word;
                }
            }
        }
        if (url == null) {
            problems.add(command.where() + ": curl without a URL");
            return;
        }
        URI uri = local(url);
        if (uri == null) {
            problems.add(command.where() + ": " + url + " is not on the documented loopback port");
            return;
        }
        if (method == null) {
            method = (data != null) ? "POST" : "GET";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
            .method(method, (data != null) ? HttpRequest.BodyPublishers.ofString(data)
                    : HttpRequest.BodyPublishers.noBody());
        if (data != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/x-www-form-urlencoded"); // what curl -d sends
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (java.io.IOException ex) {
            problems.add(command.where() + ": `" + command.text() + "` got no answer: " + ex);
            return;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        this.sent++;
        String body = response.body();
        rememberJob(method, uri, body);
        Matcher expectation = EXPECTATION.matcher(command.comment());
        if (expectation.find()) {
            int status = Integer.parseInt(expectation.group(1));
            String contained = expectation.group(2).strip();
            if (response.statusCode() != status || !body.contains(contained)) {
                problems.add(command.where() + ": `" + command.text() + "` is documented to answer " + status
                        + (contained.isEmpty() ? "" : " with " + contained) + ", but answered "
                        + response.statusCode() + " " + abbreviate(body));
            }
        }
        else if (response.statusCode() / 100 != 2) {
            problems.add(command.where() + ": `" + command.text() + "` answered " + response.statusCode() + " "
                    + abbreviate(body));
        }
        for (List<String> stage : command.pipeline()) {
            if (stage.size() == 2 && stage.get(0).equals("grep")) {
                Pattern pattern = Pattern.compile(stage.get(1));
                if (body.lines().noneMatch((bodyLine) -> pattern.matcher(bodyLine).find())) {
                    problems.add(command.where() + ": `" + command.text() + "`: no line matches " + stage.get(1));
                }
            }
        }
    }

    /** The documented URL on the port that stands for it, on 127.0.0.1; null for anything else. */
    private URI local(String url) {
        URI uri = URI.create(url.contains("://") ? url : "http://" + url);
        if (!"http".equals(uri.getScheme())
                || !("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()))) {
            return null;
        }
        int port;
        if (uri.getPort() == DOCUMENTED_SIMULATOR_PORT && this.simulator != null) {
            port = this.simulator.port();
        }
        else if (uri.getPort() == DOCUMENTED_SAMPLE_PORT && this.sample != null) {
            port = Integer.parseInt(this.sample.getEnvironment().getProperty("local.server.port"));
        }
        else {
            return null;
        }
        String rest = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
        return URI.create("http://127.0.0.1:" + port + rest);
    }

    /** Remembers the job a create answered, for the {@code <job-uuid>} of later lines. */
    private void rememberJob(String method, URI uri, String body) {
        String path = uri.getPath();
        if (!method.equals("POST") || !(path.equals("/v2/gen-ai/indexing_jobs") || path.equals("/jobs"))) {
            return;
        }
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode job = json.has("job") ? json.get("job") : json;
            if (job.hasNonNull("uuid")) {
                this.lastJobUuid = job.get("uuid").asString();
            }
        }
        catch (RuntimeException ex) {
            // not a job: a later <job-uuid> says so
        }
    }

    private static String abbreviate(String body) {
        String flat = body.replace('\n', ' ');
        return (flat.length() > 300) ? flat.substring(0, 300) + "…" : flat;
    }

    private void stop() {
        if (this.simulator != null) {
            this.simulator.close();
            this.simulator = null;
        }
        if (this.sample != null) {
            this.sample.close();
            this.sample = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

}
