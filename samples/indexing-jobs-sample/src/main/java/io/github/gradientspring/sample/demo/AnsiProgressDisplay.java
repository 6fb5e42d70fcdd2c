package io.github.gradientspring.sample.demo;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.gradientspring.client.model.IndexingJob;

/**
 * Draws one progress line per job and redraws the block in place on each change: the cursor goes back up over the
 * block ({@code ESC [ n A}), and each line is cleared ({@code ESC [ 2 K}) and written again. Messages are printed
 * above the block, which is then drawn again below them.
 */
public final class AnsiProgressDisplay implements ProgressDisplay {

    static final String CLEAR_LINE = "\r\u001B[2K";

    private final PrintStream out;

    private final Map<String, String> lines = new LinkedHashMap<>();

    private int drawn;

    public AnsiProgressDisplay(PrintStream out) {
        this.out = out;
    }

    static String cursorUp(int lines) {
        return "\u001B[" + lines + "A";
    }

    @Override
    public synchronized void update(String label, IndexingJob job) {
        String line = ProgressLine.ansi(label, job);
        if (line.equals(this.lines.put(label, line))) {
            return;
        }
        StringBuilder frame = new StringBuilder(rewind());
        appendBlock(frame);
        write(frame);
    }

    @Override
    public synchronized void message(String text) {
        StringBuilder frame = new StringBuilder(rewind());
        frame.append(CLEAR_LINE).append(text).append('\n');
        appendBlock(frame);
        write(frame);
    }

    private String rewind() {
        return (this.drawn > 0) ? cursorUp(this.drawn) : "";
    }

    private void appendBlock(StringBuilder frame) {
        for (String line : this.lines.values()) {
            frame.append(CLEAR_LINE).append(line).append('\n');
        }
        this.drawn = this.lines.size();
    }

    private void write(StringBuilder frame) {
        this.out.print(frame);
        this.out.flush();
    }

}
