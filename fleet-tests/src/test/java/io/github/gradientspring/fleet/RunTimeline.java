package io.github.gradientspring.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RecordedRequest;

/**
 * Where a run's requests went: one line per request the simulator received after the watches started (seconds since
 * then, the member that sent it by its {@code x-fleet-member} header, the operation, the page listed, the status),
 * and per five seconds how many each member sent. For reading a run that missed a bound, not for asserting on.
 */
final class RunTimeline {

    private static final int BUCKET_SECONDS = 5;

    private RunTimeline() {
    }

    /**
     * Writes one line per request to {@code file} and returns the five-second summary as a Markdown table.
     * @param simulator the simulator whose journal to read
     * @param since the simulator-clock instant the watches started
     * @param file the file to write the lines to
     * @return the summary
     */
    static String write(GradientSimulator simulator, Instant since, Path file) {
        StringBuilder lines = new StringBuilder("seconds\tmember\toperation\tpage\tstatus\n");
        Map<Long, Map<String, int[]>> buckets = new TreeMap<>();
        for (RecordedRequest request : simulator.journal().requests()) {
            if (request.receivedAt().isBefore(since)) {
                continue;
            }
            double seconds = Duration.between(since, request.receivedAt()).toMillis() / 1000.0;
            String member = String.valueOf(request.header("x-fleet-member"));
            Operation operation = request.operation();
            String page = page(request.query());
            lines.append(String.format(Locale.ROOT, "%.3f\t%s\t%s\t%s\t%d%n", seconds, member, operation, page,
                    request.status()));
            int[] counts = buckets.computeIfAbsent((long) seconds / BUCKET_SECONDS, (bucket) -> new TreeMap<>())
                .computeIfAbsent(member, (name) -> new int[2]);
            counts[(operation == Operation.LIST) ? 0 : 1]++;
        }
        try {
            Files.writeString(file, lines);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        StringBuilder summary = new StringBuilder("| From | Requests by member (lists/others) |\n|---|---|\n");
        buckets.forEach((bucket, byMember) -> {
            StringBuilder row = new StringBuilder();
            byMember.forEach((member, counts) -> row.append(member).append(' ').append(counts[0]).append('/')
                .append(counts[1]).append("  "));
            summary.append("| ").append(bucket * BUCKET_SECONDS).append(" s | ").append(row.toString().trim())
                .append(" |\n");
        });
        return summary.toString();
    }

    private static String page(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("page=")) {
                return pair.substring(5);
            }
        }
        return "-";
    }

}
