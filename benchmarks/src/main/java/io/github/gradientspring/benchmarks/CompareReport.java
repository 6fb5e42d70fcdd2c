package io.github.gradientspring.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * The last step of {@code benchmarks/compare.sh}: reads the loops' result lines (one per implementation,
 * concurrency and round), prints the table, writes the chart (by default {@code docs/benchmarks.svg}) and replaces
 * the generated section of the markdown page (by default {@code docs/benchmarks.md}, between its {@value #BEGIN} and
 * {@value #END} markers; the rest of the page is left as it is).
 * <p>
 * Per cell (implementation and concurrency) the table shows the median requests per second of the rounds and their
 * range, p50 and p99 of the median round, the highest peak memory of any round and the failures of all rounds. Each
 * ratio is the median of the ratios taken within each round, where both sides ran minutes apart on the same
 * responder. With {@code --decode}, it also shows whether each SDK decoded the job the API sends (the lines
 * {@code decode-job.mjs} prints).
 */
public final class CompareReport {

    static final String BEGIN = "<!-- BEGIN compare.sh: generated, do not edit by hand -->";

    static final String END = "<!-- END compare.sh -->";

    static final List<String> IMPLS = List.of("client", "raw", "dots", "ts-sdk");

    static final Map<String, String> LABELS = Map.of("client", "IndexingJobsClient (this library)", "raw",
            "raw WebClient + Jackson", "dots", "DoTs (@digitalocean/dots)*", "ts-sdk",
            "TypeScript SDK @digitalocean/gradient (retired)");

    /** The chart's legend, shorter than the table's labels. */
    private static final Map<String, String> LEGEND = Map.of("client", "IndexingJobsClient", "raw",
            "raw WebClient + Jackson", "dots", "DoTs*", "ts-sdk", "@digitalocean/gradient (retired)");

    /** Under the table whenever DoTs ran: what its figures are of. */
    static final String DOTS_NOTE = "\\* DoTs cancels the same job **without its `data_source_uuids` array**: it "
            + "cannot decode the job with it (see the decoding table below), so its loop runs on the one body it "
            + "can read.\n";

    private static final Map<String, String> COLORS = Map.of("client", "#2f6fb0", "raw", "#8a9bb0", "dots",
            "#3a9d5d", "ts-sdk", "#d08a2e");

    private CompareReport() {
    }

    /** One run of a loop: an implementation at a concurrency in a round. */
    record Run(int round, String impl, int concurrency, int requests, double seconds, double rps, double p50,
            double p99, double peakRssMib, int failures, int warmupRequests, double warmupSeconds) {

        /**
         * Parses a line of {@code results.tsv}: the round, then the eleven fields {@code CancelLoop} and
         * {@code cancel-loop.mjs} print.
         */
        static Run parse(String line) {
            String[] f = line.trim().split("\t");
            if (f.length != 12) {
                throw new IllegalArgumentException("not a result line: " + line);
            }
            return new Run(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]), Double.parseDouble(f[8]), Integer.parseInt(f[9]),
                    Integer.parseInt(f[10]), Double.parseDouble(f[11]));
        }

    }

    /** The runs of one implementation at one concurrency, over the rounds. */
    record Cell(String impl, int concurrency, List<Run> runs) {

        double medianRps() {
            return median(this.runs.stream().mapToDouble(Run::rps).toArray());
        }

        double minRps() {
            return this.runs.stream().mapToDouble(Run::rps).min().orElse(0);
        }

        double maxRps() {
            return this.runs.stream().mapToDouble(Run::rps).max().orElse(0);
        }

        /** The run whose requests per second is the median (the lower of the middle two for an even count). */
        Run medianRun() {
            List<Run> sorted = new ArrayList<>(this.runs);
            sorted.sort(Comparator.comparingDouble(Run::rps));
            return sorted.get((sorted.size() - 1) / 2);
        }

        double peakRssMib() {
            return this.runs.stream().mapToDouble(Run::peakRssMib).max().orElse(-1);
        }

        int failures() {
            return this.runs.stream().mapToInt(Run::failures).sum();
        }

        int requests() {
            return this.runs.stream().mapToInt(Run::requests).sum();
        }

    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        List<Run> runs = read(Paths.get(options.required("results")));
        int rounds = options.intValue("rounds", runs.stream().mapToInt(Run::round).max().orElse(0));
        String machine = Files.readString(Paths.get(options.required("machine")), StandardCharsets.UTF_8).strip();
        String commands = Files.readString(Paths.get(options.required("commands")), StandardCharsets.UTF_8).strip();
        String table = table(runs, rounds);
        String ratios = ratios(runs);
        String decode = options.value("decode", "");
        String decoding = decode.isEmpty() ? "" : decoding(Paths.get(decode));
        System.out.println(table);
        System.out.println(ratios);
        System.out.println(decoding);
        Path svg = Paths.get(options.required("svg"));
        Path markdown = Paths.get(options.required("markdown"));
        Files.writeString(svg, svg(runs, rounds), StandardCharsets.UTF_8);
        String section = BEGIN + "\n\n" + table + "\n" + ratios + "\n" + (decoding.isEmpty() ? "" : decoding + "\n")
                + "![Requests per second and p99 latency]("
                + link(markdown, svg) + ")\n\n<details><summary>Every round</summary>\n\n" + rounds(runs)
                + "\n</details>\n\n" + "Machine and run:\n\n```\n" + machine
                + "\n```\n\nCommands run by the script:\n\n```\n" + commands + "\n```\n\n" + END;
        Files.writeString(markdown, splice(Files.exists(markdown) ? Files.readString(markdown) : "", section),
                StandardCharsets.UTF_8);
    }

    static List<Run> read(Path results) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                runs.add(Run.parse(line));
            }
        }
        return runs;
    }

    /** The chart's address as seen from the markdown page. */
    static String link(Path markdown, Path svg) {
        Path dir = markdown.toAbsolutePath().normalize().getParent();
        Path target = svg.toAbsolutePath().normalize();
        return (dir != null) ? dir.relativize(target).toString().replace('\\', '/') : target.toString();
    }

    static String splice(String page, String section) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            return page + (page.isEmpty() || page.endsWith("\n") ? "" : "\n") + "\n" + section + "\n";
        }
        return page.substring(0, begin) + section + page.substring(end + END.length());
    }

    /** The cells in table order: by concurrency, then client, raw, TypeScript SDK. */
    static List<Cell> cells(List<Run> runs) {
        List<Cell> cells = new ArrayList<>();
        for (int concurrency : concurrencies(runs)) {
            for (String impl : IMPLS) {
                List<Run> of = new ArrayList<>();
                for (Run run : runs) {
                    if (run.impl().equals(impl) && run.concurrency() == concurrency) {
                        of.add(run);
                    }
                }
                if (!of.isEmpty()) {
                    of.sort(Comparator.comparingInt(Run::round));
                    cells.add(new Cell(impl, concurrency, of));
                }
            }
        }
        return cells;
    }

    static TreeSet<Integer> concurrencies(List<Run> runs) {
        TreeSet<Integer> concurrencies = new TreeSet<>();
        runs.forEach((run) -> concurrencies.add(run.concurrency()));
        return concurrencies;
    }

    static String table(List<Run> runs, int rounds) {
        StringBuilder md = new StringBuilder().append("| Implementation | Concurrency | Rounds | Requests measured "
                + "| Requests/s (median) | Requests/s (min–max) | p50 (ms) | p99 (ms) | Peak RSS (MiB) | Failures |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Cell cell : cells(runs)) {
            Run median = cell.medianRun();
            String count = (cell.runs().size() == rounds) ? String.valueOf(rounds)
                    : cell.runs().size() + " of " + rounds;
            String range = (cell.runs().size() > 1)
                    ? String.format(Locale.ROOT, "%,.0f–%,.0f", cell.minRps(), cell.maxRps()) : "–";
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %,d | %,.0f | %s | %.3f | %.3f | %.0f | %d |\n",
                    LABELS.getOrDefault(cell.impl(), cell.impl()), cell.concurrency(), count, cell.requests(),
                    cell.medianRps(), range, median.p50(), median.p99(), cell.peakRssMib(), cell.failures()));
        }
        if (runs.stream().anyMatch((run) -> run.impl().equals("dots"))) {
            md.append('\n').append(DOTS_NOTE);
        }
        return md.toString();
    }

    /**
     * The table of {@code decode-job.mjs}'s lines: implementation, {@code yes} or {@code no}, and what it decoded or
     * the error it raised.
     */
    static String decoding(Path decode) throws IOException {
        StringBuilder md = new StringBuilder("| Decodes the job the API sends (with `data_source_uuids`) | Decoded? "
                + "| What it decoded, or the error it raised |\n|---|---|---|\n");
        for (String line : Files.readAllLines(decode, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 3);
            if (f.length == 3) {
                md.append("| ").append(LABELS.getOrDefault(f[0], f[0]).replace("*", "")).append(" | ")
                    .append(f[1].equals("yes") ? "yes" : "**no**").append(" | `")
                    .append(f[2].replace("`", "'").replace("|", "\\|")).append("` |\n");
            }
        }
        return md.toString();
    }

    static String ratios(List<Run> runs) {
        TreeSet<Integer> concurrencies = concurrencies(runs);
        StringBuilder md = new StringBuilder("| Ratio of requests/s (median of the rounds' ratios, min–max)");
        StringBuilder rule = new StringBuilder("|---");
        for (int concurrency : concurrencies) {
            md.append(" | Concurrency ").append(concurrency);
            rule.append("|---:");
        }
        md.append(" | Target |\n").append(rule).append("|---|\n");
        md.append("| client ÷ raw WebClient");
        for (int concurrency : concurrencies) {
            md.append(" | ").append(format(ratiosByRound(runs, "client", "raw", concurrency)));
        }
        md.append(" | ≥ 0.90 at 1 and 64 |\n");
        if (runs.stream().anyMatch((run) -> run.impl().equals("dots"))) {
            md.append("| client ÷ DoTs*");
            for (int concurrency : concurrencies) {
                md.append(" | ").append(format(ratiosByRound(runs, "client", "dots", concurrency)));
            }
            md.append(" | none set |\n");
        }
        if (runs.stream().anyMatch((run) -> run.impl().equals("ts-sdk"))) {
            md.append("| client ÷ retired TypeScript SDK");
            for (int concurrency : concurrencies) {
                md.append(" | ").append(format(ratiosByRound(runs, "client", "ts-sdk", concurrency)));
            }
            md.append(" | ≥ 5 at 64 |\n");
        }
        return md.toString();
    }

    private static String format(double[] ratios) {
        if (ratios.length == 0) {
            return "n/a";
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        String median = String.format(Locale.ROOT, "%.2f", median(sorted));
        return (sorted.length == 1) ? median
                : String.format(Locale.ROOT, "%s (%.2f–%.2f)", median, sorted[0], sorted[sorted.length - 1]);
    }

    /** {@code a}'s requests per second over {@code b}'s, in each round where both ran at the concurrency. */
    static double[] ratiosByRound(List<Run> runs, String a, String b, int concurrency) {
        List<Double> ratios = new ArrayList<>();
        for (int round : new TreeSet<>(runs.stream().map(Run::round).toList())) {
            Run x = find(runs, a, concurrency, round);
            Run y = find(runs, b, concurrency, round);
            if (x != null && y != null && y.rps() > 0) {
                ratios.add(x.rps() / y.rps());
            }
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static @Nullable Run find(List<Run> runs, String impl, int concurrency, int round) {
        for (Run run : runs) {
            if (run.impl().equals(impl) && run.concurrency() == concurrency && run.round() == round) {
                return run;
            }
        }
        return null;
    }

    /** The median; the mean of the middle two for an even count. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Every run, in the order they ran. */
    static String rounds(List<Run> runs) {
        StringBuilder md = new StringBuilder("| Round | Implementation | Concurrency | Warm-up (s) | Warm-up requests "
                + "| Requests measured | Seconds | Requests/s | p50 (ms) | p99 (ms) | Peak RSS (MiB) | Failures |\n")
            .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run run : runs) {
            md.append(String.format(Locale.ROOT,
                    "| %d | %s | %d | %.1f | %,d | %,d | %.1f | %,.0f | %.3f | %.3f | %.0f | %d |\n", run.round(),
                    LABELS.getOrDefault(run.impl(), run.impl()), run.concurrency(), run.warmupSeconds(),
                    run.warmupRequests(), run.requests(), run.seconds(), run.rps(), run.p50(), run.p99(),
                    run.peakRssMib(), run.failures()));
        }
        return md.toString();
    }

    /**
     * Two bar panels grouped by concurrency: the median requests per second with the rounds' range as a whisker,
     * and the median round's p99 latency.
     */
    static String svg(List<Run> runs, int rounds) {
        List<Cell> cells = cells(runs);
        TreeSet<Integer> concurrencies = concurrencies(runs);
        int width = 820;
        int height = 400;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
                width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"20\" y=\"24\" font-size=\"15\" font-weight=\"bold\">cancel round trips against a local "
                + "responder (benchmarks/compare.sh)</text>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"42\" fill=\"#555\">median of %d round%s, each "
                + "implementation a fresh process per round%s</text>\n", rounds, (rounds == 1) ? "" : "s",
                (rounds == 1) ? "" : "; whiskers: the rounds' min–max"));
        panel(svg, cells, concurrencies, 20, 60, 380, 270, "Requests per second (higher is better)",
                Cell::medianRps, Cell::minRps, Cell::maxRps, "%,.0f");
        panel(svg, cells, concurrencies, 420, 60, 380, 270, "p99 latency, ms, median round (lower is better)",
                (cell) -> cell.medianRun().p99(), null, null, "%.2f");
        int x = 20;
        for (String impl : IMPLS) {
            if (cells.stream().noneMatch((cell) -> cell.impl().equals(impl))) {
                continue;
            }
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
                    x, height - 40, COLORS.get(impl), x + 18, height - 30, LEGEND.get(impl)));
            x += 18 + 8 * LEGEND.get(impl).length();
        }
        if (cells.stream().anyMatch((cell) -> cell.impl().equals("dots"))) {
            svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%d\" fill=\"#555\">* DoTs on the same job "
                    + "without data_source_uuids, which it cannot decode</text>\n", height - 10));
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, List<Cell> cells, TreeSet<Integer> concurrencies, int left, int top,
            int width, int height, String title, ToDoubleFunction<Cell> metric, @Nullable ToDoubleFunction<Cell> low,
            @Nullable ToDoubleFunction<Cell> high, String format) {
        double max = 0;
        for (Cell cell : cells) {
            max = Math.max(max, metric.applyAsDouble(cell));
            if (high != null) {
                max = Math.max(max, high.applyAsDouble(cell));
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
        int groupWidth = width / Math.max(1, concurrencies.size());
        int g = 0;
        for (int concurrency : concurrencies) {
            int groupLeft = left + g * groupWidth;
            int bar = (groupWidth - 40) / IMPLS.size();
            int i = 0;
            for (String impl : IMPLS) {
                Cell cell = null;
                for (Cell candidate : cells) {
                    if (candidate.impl().equals(impl) && candidate.concurrency() == concurrency) {
                        cell = candidate;
                    }
                }
                if (cell != null) {
                    double value = metric.applyAsDouble(cell);
                    int barHeight = y(plotTop, plotBottom, value, max);
                    int x = groupLeft + 20 + i * bar;
                    svg.append(String.format(Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x + 4,
                            plotBottom - barHeight, bar - 8, barHeight, COLORS.get(impl)));
                    int labelY = plotBottom - barHeight - 4;
                    if (low != null && high != null && cell.runs().size() > 1) {
                        int lowY = plotBottom - y(plotTop, plotBottom, low.applyAsDouble(cell), max);
                        int highY = plotBottom - y(plotTop, plotBottom, high.applyAsDouble(cell), max);
                        int mid = x + bar / 2;
                        svg.append(String.format(Locale.ROOT,
                                "<path class=\"whisker\" d=\"M%d %dV%dM%d %dH%dM%d %dH%d\" stroke=\"#222\" "
                                        + "fill=\"none\"/>\n",
                                mid, lowY, highY, mid - 5, lowY, mid + 5, mid - 5, highY, mid + 5));
                        labelY = Math.min(labelY, highY - 4);
                    }
                    svg.append(String.format(Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">%s</text>\n", x + bar / 2,
                            labelY, String.format(Locale.ROOT, format, value)));
                }
                i++;
            }
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">concurrency %d</text>\n",
                    groupLeft + groupWidth / 2, plotBottom + 18, concurrency));
            g++;
        }
    }

    private static int y(int plotTop, int plotBottom, double value, double max) {
        return (int) Math.round((plotBottom - plotTop) * value / max);
    }

}
