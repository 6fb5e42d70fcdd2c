package io.github.gradientspring.sample.demo;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

import io.github.gradientspring.client.model.IndexingJob;

/**
 * Prints a progress line each time a job changes phase or finishes a data source, and nothing else: readable in a
 * log file, a CI console or a pipe.
 */
public final class PlainProgressDisplay implements ProgressDisplay {

    private final PrintStream out;

    private final Map<String, String> milestones = new HashMap<>();

    public PlainProgressDisplay(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void update(String label, IndexingJob job) {
        String milestone = job.phase() + "/" + job.completedDatasources();
        if (!milestone.equals(this.milestones.put(label, milestone))) {
            this.out.println(ProgressLine.plain(label, job));
            this.out.flush();
        }
    }

    @Override
    public synchronized void message(String text) {
        this.out.println(text);
        this.out.flush();
    }

}
