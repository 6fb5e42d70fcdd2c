package io.github.gradientspring.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The standalone simulator: {@code java -jar gradient-simulator-<version>.jar --port 8089 --demo}.
 * Prints the base URL, the token and every seeded UUID, then serves until stopped (Ctrl-C).
 */
public final class GradientSimulatorMain {

    /** Port used when {@code --port} is not given. */
    public static final int DEFAULT_PORT = 8089;

    /** Stable UUIDs for the demo knowledge base, so commands in the docs can be pasted as they are. */
    static final String DEMO_KNOWLEDGE_BASE = KnowledgeBaseSpec.DEMO_KNOWLEDGE_BASE_UUID;
    static final String[] DEMO_DATA_SOURCES = KnowledgeBaseSpec.DEMO_DATA_SOURCE_UUIDS.toArray(String[]::new);

    private static final String USAGE = """
            Usage: java -jar gradient-simulator.jar [options]

              --port N                   port on 127.0.0.1 (default 8089; 0 picks a free one)
              --token T                  access token (default simulator-token)
              --read-only-token T        a token answered 403 on create, cancel and schedule
                                         create and delete (repeatable)
              --demo                     seed the demo knowledge base (four data sources)
              --manual-clock             time stands still until POST /_simulator/clock/advance
              --schedule HH:MM[/DAYS]    schedule the demo knowledge base's indexing at HH:MM UTC on DAYS,
                                         cron-style numbers such as 1,3,5 (Monday 1, Sunday 0 or 7; default
                                         every day); needs --demo
              --pending D                time a job stays pending (default 2s); e.g. 500ms, 2s, 1m, PT2S
              --per-data-source D        time each data source takes to index (default 5s)
              --rate-limit-per-minute N  burst budget per token (default 250)
              --rate-limit-per-hour N    hourly budget per token (default 5000)
              --no-rate-limit            no rate limiting and no ratelimit-* headers
              --no-journal               keep counters only, not request records
              --fast                     benchmark mode: --no-rate-limit --no-journal
              --help                     print this help
            """;

    private GradientSimulatorMain() {
    }

    /** Starts the simulator and serves until the JVM is stopped. */
    public static void main(String[] args) {
        GradientSimulator simulator;
        try {
            simulator = launch(args, System.out);
        }
        catch (IllegalArgumentException ex) {
            System.err.println("gradient-simulator: " + ex.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        catch (RuntimeException ex) {
            // Typically the port is taken; say so in one line instead of a stack trace.
            System.err.println("gradient-simulator: could not start: " + ex.getMessage());
            System.exit(1);
            return;
        }
        if (simulator == null) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "gradient-simulator-shutdown"));
        simulator.awaitClose();
    }

    /**
     * Parses the arguments, starts a simulator and prints how to reach it. Returns without blocking, so tests can
     * run the standalone entry in-process.
     *
     * @return the started simulator, or null when only help was asked for
     * @throws IllegalArgumentException on a bad argument
     */
    public static @Nullable GradientSimulator launch(String[] args, PrintStream out) {
        GradientSimulator.Builder builder = GradientSimulator.builder().port(DEFAULT_PORT);
        boolean demo = false;
        int perMinute = RateLimits.DIGITALOCEAN.perMinute();
        int perHour = RateLimits.DIGITALOCEAN.perHour();
        boolean limits = true;
        boolean journal = true;
        Duration pending = JobTiming.DEFAULT.pending();
        Duration perDataSource = JobTiming.DEFAULT.perDataSource();
        String schedule = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return null;
                }
                case "--port" -> builder.port(intValue(arg, value(args, ++i, arg)));
                case "--token" -> builder.accessToken(value(args, ++i, arg));
                case "--read-only-token" -> builder.readOnlyTokens(value(args, ++i, arg));
                case "--demo" -> demo = true;
                case "--manual-clock" -> builder.manualClock();
                case "--schedule" -> schedule = value(args, ++i, arg);
                case "--pending" -> pending = duration(arg, value(args, ++i, arg));
                case "--per-data-source" -> perDataSource = duration(arg, value(args, ++i, arg));
                case "--rate-limit-per-minute" -> perMinute = intValue(arg, value(args, ++i, arg));
                case "--rate-limit-per-hour" -> perHour = intValue(arg, value(args, ++i, arg));
                case "--no-rate-limit" -> limits = false;
                case "--no-journal" -> journal = false;
                case "--fast" -> {
                    limits = false;
                    journal = false;
                }
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        if (schedule != null && !demo) {
            throw new IllegalArgumentException("--schedule schedules the demo knowledge base; add --demo");
        }
        java.time.LocalTime scheduleTime = null;
        java.time.DayOfWeek[] scheduleDays = null;
        if (schedule != null) {
            // Read before the server starts, so a bad value is a usage error and binds no port.
            int slash = schedule.indexOf('/');
            scheduleTime = ScheduleRequest.time(slash < 0 ? schedule : schedule.substring(0, slash));
            scheduleDays = slash < 0 ? java.time.DayOfWeek.values() : scheduleDays(schedule.substring(slash + 1));
        }
        GradientSimulator simulator = builder
                .rateLimits(limits ? RateLimits.of(perMinute, perHour) : RateLimits.OFF)
                .journal(journal)
                .jobTiming(JobTiming.of(pending, perDataSource))
                .start();
        if (demo) {
            simulator.addKnowledgeBase(KnowledgeBaseSpec.demo());
        }
        if (scheduleTime != null && scheduleDays != null) {
            simulator.scheduleIndexing(DEMO_KNOWLEDGE_BASE, scheduleTime, scheduleDays);
        }
        printBanner(simulator, out);
        return simulator;
    }

    private static void printBanner(GradientSimulator simulator, PrintStream out) {
        out.println("gradient-simulator listening");
        out.println("  base URL      " + simulator.baseUrl());
        out.println("  access token  " + simulator.accessToken());
        for (String token : simulator.readOnlyTokens()) {
            out.println("  read-only     " + token);
        }
        out.println("  clock         " + (simulator.hasManualClock() ? "manual (POST /_simulator/clock/advance)" : "real"));
        out.println("  rate limits   " + (simulator.rateLimits().enabled()
                ? simulator.rateLimits().perMinute() + "/min, " + simulator.rateLimits().perHour() + "/h per token" : "off"));
        out.println("  journal       " + (simulator.journal().enabled() ? "on" : "counters only"));
        for (SeededKnowledgeBase kb : simulator.knowledgeBases()) {
            out.println("  knowledge base " + kb.uuid() + " (" + kb.name() + ")");
            for (SeededDataSource source : kb.dataSources()) {
                out.println("    data source  " + source.uuid() + " (" + source.itemCount() + " items, "
                        + source.totalBytes() + " bytes)");
            }
        }
        for (ScheduleSnapshot schedule : simulator.schedules()) {
            out.println("  schedule      " + schedule.uuid() + " (knowledge base " + schedule.knowledgeBaseUuid()
                    + " at " + schedule.time() + " UTC on days " + schedule.days() + ", next run "
                    + schedule.nextRunAt() + ")");
        }
        out.println("Try: curl -s -H 'Authorization: Bearer " + simulator.accessToken() + "' "
                + simulator.baseUrl() + "/v2/gen-ai/indexing_jobs");
        out.flush();
    }

    private static java.time.DayOfWeek[] scheduleDays(String text) {
        java.util.List<Integer> numbers = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            try {
                numbers.add(Integer.parseInt(part.trim()));
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException("--schedule needs days such as 1,3,5, got: " + text);
            }
        }
        tools.jackson.databind.node.ArrayNode array = WireJson.MAPPER.createArrayNode();
        numbers.forEach(array::add);
        return Schedule.daysOf(ScheduleRequest.days(array)).toArray(java.time.DayOfWeek[]::new);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int intValue(String option, String text) {
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException(option + " needs a number, got: " + text);
        }
    }

    /** Reads {@code 500ms}, {@code 2s}, {@code 1m}, a bare number of seconds, or ISO-8601 ({@code PT2S}). */
    static Duration duration(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(text.trim());
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        }
        catch (RuntimeException ex) {
            throw new IllegalArgumentException(option + " needs a duration like 500ms, 2s or PT2S, got: " + text);
        }
    }
}
