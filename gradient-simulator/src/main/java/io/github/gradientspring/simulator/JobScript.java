package io.github.gradientspring.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a simulated indexing job ends. Without a script a job succeeds. Give one to a single upcoming job with
 * {@link GradientSimulator#scriptNextJob(JobScript)} or to every job of a knowledge base with
 * {@link GradientSimulator#scriptKnowledgeBase(String, JobScript)}.
 *
 * <table>
 *   <caption>Scripts and the terminal state they produce</caption>
 *   <tr><th>script</th><th>phase</th><th>status</th><th>data sources</th></tr>
 *   <tr><td>{@link #succeed()}</td><td>SUCCEEDED</td><td>COMPLETED</td><td>all UPDATED</td></tr>
 *   <tr><td>{@link #noChanges()}</td><td>SUCCEEDED</td><td>NO_CHANGES</td><td>all NOT_UPDATED</td></tr>
 *   <tr><td>{@link #partial(DataSourceOutcome...)}</td><td>SUCCEEDED</td><td>PARTIAL (COMPLETED or NO_CHANGES when the outcomes say so)</td><td>as given</td></tr>
 *   <tr><td>{@link #failAt(int)}</td><td>FAILED</td><td>FAILED</td><td>earlier UPDATED, that one FAILED, later NOT_UPDATED</td></tr>
 *   <tr><td>{@link #errorAt(int)}</td><td>ERROR</td><td>FAILED</td><td>as for failAt</td></tr>
 *   <tr><td>{@link #runForever()}</td><td>stays RUNNING</td><td>IN_PROGRESS</td><td>the first stays IN_PROGRESS</td></tr>
 * </table>
 */
public final class JobScript {

    enum Kind { SUCCEED, NO_CHANGES, PARTIAL, FAIL, ERROR, RUN_FOREVER }

    private static final JobScript SUCCEED = new JobScript(Kind.SUCCEED, List.of(), -1);
    private static final JobScript NO_CHANGES = new JobScript(Kind.NO_CHANGES, List.of(), -1);
    private static final JobScript RUN_FOREVER = new JobScript(Kind.RUN_FOREVER, List.of(), -1);

    private final Kind kind;
    private final List<DataSourceOutcome> outcomes;
    private final int stopIndex;

    private JobScript(Kind kind, List<DataSourceOutcome> outcomes, int stopIndex) {
        this.kind = kind;
        this.outcomes = outcomes;
        this.stopIndex = stopIndex;
    }

    /** Every data source indexed: phase SUCCEEDED, status COMPLETED. The default. */
    public static JobScript succeed() {
        return SUCCEED;
    }

    /** Nothing to index: phase SUCCEEDED, status NO_CHANGES, every data source NOT_UPDATED. */
    public static JobScript noChanges() {
        return NO_CHANGES;
    }

    /**
     * Each data source ends as given, in the job's data-source order; data sources beyond the list end UPDATED.
     * The job ends SUCCEEDED with status PARTIAL, unless every outcome is UPDATED (COMPLETED) or NOT_UPDATED (NO_CHANGES).
     */
    public static JobScript partial(DataSourceOutcome... outcomes) {
        Objects.requireNonNull(outcomes, "outcomes");
        for (DataSourceOutcome outcome : outcomes) {
            Objects.requireNonNull(outcome, "outcome");
        }
        return new JobScript(Kind.PARTIAL, List.copyOf(Arrays.asList(outcomes)), -1);
    }

    /**
     * The data source at {@code dataSourceIndex} (0-based; clamped to the last one) fails and the job stops there:
     * phase FAILED, status FAILED.
     */
    public static JobScript failAt(int dataSourceIndex) {
        return new JobScript(Kind.FAIL, List.of(), requireIndex(dataSourceIndex));
    }

    /** Like {@link #failAt(int)} but the job ends in phase ERROR (an internal error rather than a data problem). */
    public static JobScript errorAt(int dataSourceIndex) {
        return new JobScript(Kind.ERROR, List.of(), requireIndex(dataSourceIndex));
    }

    /** The job starts and never finishes, for testing wait timeouts and cancellation. */
    public static JobScript runForever() {
        return RUN_FOREVER;
    }

    /**
     * Reads a script from its text form, as the admin API and CLI take it: {@code succeed}, {@code no_changes},
     * {@code run_forever}, {@code fail_at:N}, {@code error_at:N} or {@code partial:UPDATED,FAILED,...}.
     *
     * @throws IllegalArgumentException if the text is not one of those
     */
    public static JobScript parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        String head = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(java.util.Locale.ROOT);
        String arg = colon < 0 ? "" : trimmed.substring(colon + 1).trim();
        try {
            return switch (head) {
                case "succeed" -> succeed();
                case "no_changes" -> noChanges();
                case "run_forever" -> runForever();
                case "fail_at" -> failAt(Integer.parseInt(arg));
                case "error_at" -> errorAt(Integer.parseInt(arg));
                case "partial" -> partial(arg.isEmpty() ? new DataSourceOutcome[0]
                        : Arrays.stream(arg.split(","))
                                .map(s -> DataSourceOutcome.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT)))
                                .toArray(DataSourceOutcome[]::new));
                default -> throw new IllegalArgumentException("Unknown job script: " + text);
            };
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("Bad job script: " + text, ex);
        }
    }

    private static int requireIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("dataSourceIndex must not be negative: " + index);
        }
        return index;
    }

    Kind kind() {
        return kind;
    }

    /** The outcome of data source {@code index} if the job reaches it. */
    DataSourceOutcome outcomeOf(int index) {
        return switch (kind) {
            case SUCCEED, RUN_FOREVER -> DataSourceOutcome.UPDATED;
            case NO_CHANGES -> DataSourceOutcome.NOT_UPDATED;
            case PARTIAL -> index < outcomes.size() ? outcomes.get(index) : DataSourceOutcome.UPDATED;
            case FAIL, ERROR -> index < stopIndex ? DataSourceOutcome.UPDATED : DataSourceOutcome.FAILED;
        };
    }

    /** The index of the data source at which the job stops, given how many it has; -1 when it does not stop early. */
    int stopIndex(int dataSourceCount) {
        return (kind == Kind.FAIL || kind == Kind.ERROR) ? Math.min(stopIndex, dataSourceCount - 1) : -1;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SUCCEED -> "succeed";
            case NO_CHANGES -> "no_changes";
            case RUN_FOREVER -> "run_forever";
            case FAIL -> "fail_at:" + stopIndex;
            case ERROR -> "error_at:" + stopIndex;
            case PARTIAL -> "partial:" + String.join(",", outcomes.stream().map(Enum::name).toList());
        };
    }
}
