package io.github.gradientspring.sample.demo;

import java.io.PrintStream;

import io.github.gradientspring.client.model.IndexingJob;

/**
 * Where the demo shows its jobs' progress. Thread-safe: the jobs are followed concurrently.
 */
public interface ProgressDisplay {

    /**
     * Shows a job's latest state.
     * @param label what the job is, in a word; one line per label
     * @param job the job
     */
    void update(String label, IndexingJob job);

    /**
     * Shows a message about the jobs, such as a cancel, without breaking the progress lines.
     * @param text the message
     */
    void message(String text);

    /**
     * A display for the given mode.
     * @param mode {@link OutputMode#ANSI} or {@link OutputMode#PLAIN}; {@link OutputMode#AUTO} is resolved first
     * @param out where to print
     * @return the display
     */
    static ProgressDisplay of(OutputMode mode, PrintStream out) {
        return (mode.resolve() == OutputMode.ANSI) ? new AnsiProgressDisplay(out) : new PlainProgressDisplay(out);
    }

}
