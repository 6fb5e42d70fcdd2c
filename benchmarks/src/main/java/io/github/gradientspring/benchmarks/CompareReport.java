package io.github.gradientspring.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last step of {@code benchmarks/compare.sh}: reads the loops' result lines, prints the table, writes the chart
 * ({@code docs/benchmarks.svg}) and replaces the generated section of {@code docs/benchmarks.md} (between its
 * {@value #BEGIN} and {@value #END} markers; the rest of the page is left as it is).
 */
public final class CompareReport {

    static final String BEGIN = "<!-- BEGIN compare.sh: generated, do not edit by hand -->";

    static final String END = "<!-- END compare.sh -->";

    static final List<String> IMPLS = List.of("client", "raw", "ts-sdk");

    static final Map<String, String> LABELS = Map.of("client", "IndexingJobsClient (this library)", "raw",
            "raw WebClient + Jackson", "ts-sdk", "TypeScript SDK");

    private static final Map<String, String> COLORS = Map.of("client", "#2f6fb0", "raw", "#8a9bb0", "ts-sdk",
            "#d08a2e");

    private CompareReport() {
    }

    /** One cell of the comparison: an implementation at a concurrency. */
    record Row(String impl, int concurrency, int requests, double seconds, double rps, double p50, double p99,
            double peakRssMib, int failures) {

        static Row parse(String line) {
            String[] f = line.trim().split("\t");
            if (f.length != 9) {
                throw new IllegalArgumentException("not a result line: " + line);
            }
            return new Row(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]), Integer.parseInt(f[8]));
        }

    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(options.required("results")), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(Row.parse(line));
            }
        }
        String machine = Files.readString(Paths.get(options.required("machine")), StandardCharsets.UTF_8).strip();
        String commands = Files.readString(Paths.get(options.required("commands")), StandardCharsets.UTF_8).strip();
        String table = table(rows);
        String ratios = ratios(rows);
        System.out.println(table);
        System.out.println(ratios);
        Files.writeString(Paths.get(options.required("svg")), svg(rows), StandardCharsets.UTF_8);
        Path markdown = Paths.get(options.required("markdown"));
        String section = BEGIN + "\n\n" + table + "\n" + ratios + "\n![Requests per second and p99 latency]("
                + Paths.get(options.required("svg")).getFileName() + ")\n\n" + "Machine and run:\n\n```\n" + machine
                + "\n```\n\nCommands run by the script:\n\n```\n" + commands + "\n```\n\n" + END;
        Files.writeString(markdown, splice(Files.exists(markdown) ? Files.readString(markdown) : "", section),
                StandardCharsets.UTF_8);
    }

    static String splice(String page, String section) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            return page + (page.isEmpty() || page.endsWith("\n") ? "" : "\n") + "\n" + section + "\n";
        }
        return page.substring(0, begin) + section + page.substring(end + END.length());
    }

    static String table(List<Row> rows) {
        StringBuilder md = new StringBuilder()
            .append("| Implementation | Concurrency | Requests | Requests/s | p50 (ms) | p99 (ms) | Peak RSS (MiB) | Failures |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %,.0f | %.3f | %.3f | %.0f | %d |\n",
                    LABELS.getOrDefault(row.impl(), row.impl()), row.concurrency(), row.requests(), row.rps(),
                    row.p50(), row.p99(), row.peakRssMib(), row.failures()));
        }
        return md.toString();
    }

    static String ratios(List<Row> rows) {
        StringBuilder md = new StringBuilder()
            .append("| Ratio (same run) | Concurrency 1 | Concurrency 64 | Target |\n")
            .append("|---|---:|---:|---|\n");
        md.append("| client ÷ raw WebClient, requests/s | ").append(ratio(rows, "client", "raw", 1)).append(" | ")
            .append(ratio(rows, "client", "raw", 64)).append(" | ≥ 0.90 at 1 and 64 |\n");
        md.append("| client ÷ TypeScript SDK, requests/s | ").append(ratio(rows, "client", "ts-sdk", 1)).append(" | ")
            .append(ratio(rows, "client", "ts-sdk", 64)).append(" | ≥ 5 at 64 |\n");
        return md.toString();
    }

    private static String ratio(List<Row> rows, String a, String b, int concurrency) {
        Row x = find(rows, a, concurrency);
        Row y = find(rows, b, concurrency);
        return (x != null && y != null && y.rps() > 0) ? String.format(Locale.ROOT, "%.2f", x.rps() / y.rps()) : "n/a";
    }

    static Row find(List<Row> rows, String impl, int concurrency) {
        for (Row row : rows) {
            if (row.impl().equals(impl) && row.concurrency() == concurrency) {
                return row;
            }
        }
        return null;
    }

    /** Two bar panels, requests per second and p99 latency, grouped by concurrency. */
    static String svg(List<Row> rows) {
        Map<Integer, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            groups.computeIfAbsent(row.concurrency(), (c) -> new ArrayList<>()).add(row);
        }
        int width = 820;
        int height = 380;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
                width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"20\" y=\"24\" font-size=\"15\" font-weight=\"bold\">cancel round trips against a local "
                + "responder (benchmarks/compare.sh)</text>\n");
        panel(svg, groups, 20, 50, 380, 270, "Requests per second (higher is better)", Row::rps, "%,.0f");
        panel(svg, groups, 420, 50, 380, 270, "p99 latency, ms (lower is better)", Row::p99, "%.2f");
        int x = 20;
        for (String impl : IMPLS) {
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
                    x, height - 22, COLORS.get(impl), x + 18, height - 12, LABELS.get(impl)));
            x += 260;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, Map<Integer, List<Row>> groups, int left, int top, int width,
            int height, String title, java.util.function.ToDoubleFunction<Row> metric, String format) {
        double max = 0;
        for (List<Row> group : groups.values()) {
            for (Row row : group) {
                max = Math.max(max, metric.applyAsDouble(row));
            }
        }
        max = (max > 0) ? max * 1.15 : 1;
        int plotTop = top + 30;
        int plotBottom = top + height - 30;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", left,
                top + 12, title));
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n", left, plotBottom, left + width,
                plotBottom));
        int groupWidth = width / Math.max(1, groups.size());
        int g = 0;
        for (Map.Entry<Integer, List<Row>> group : groups.entrySet()) {
            int groupLeft = left + g * groupWidth;
            int bar = (groupWidth - 40) / IMPLS.size();
            int i = 0;
            for (String impl : IMPLS) {
                Row row = null;
                for (Row candidate : group.getValue()) {
                    if (candidate.impl().equals(impl)) {
                        row = candidate;
                    }
                }
                if (row != null) {
                    double value = metric.applyAsDouble(row);
                    int barHeight = (int) Math.round((plotBottom - plotTop) * value / max);
                    int x = groupLeft + 20 + i * bar;
                    svg.append(String.format(Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x + 4,
                            plotBottom - barHeight, bar - 8, barHeight, COLORS.get(impl)));
                    svg.append(String.format(Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">%s</text>\n", x + bar / 2,
                            plotBottom - barHeight - 4, String.format(Locale.ROOT, format, value)));
                }
                i++;
            }
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">concurrency %d</text>\n",
                    groupLeft + groupWidth / 2, plotBottom + 18, group.getKey()));
            g++;
        }
    }

}
