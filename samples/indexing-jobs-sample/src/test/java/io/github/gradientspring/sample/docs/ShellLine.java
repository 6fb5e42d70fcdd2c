package io.github.gradientspring.sample.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One logical line of a documented shell command, split the way a POSIX shell splits it, for the few forms the
 * manual uses: words separated by blanks, {@code '…'} taken literally, {@code "…"} with {@code $NAME} and
 * {@code ${NAME}} expanded, a backslash escaping the next character, {@code |} and {@code ;} as operators, and
 * {@code #} at the start of a word opening a comment to the end of the line.
 *
 * @param words the words and operators ({@code |}, {@code ;}), in order
 * @param comment the comment after {@code #}, stripped, or an empty string
 */
record ShellLine(List<String> words, String comment) {

    static final String PIPE = "|";

    static final String SEPARATOR = ";";

    /**
     * Splits a line.
     * @param line the line, continuations already joined
     * @param variables the shell variables set so far; a {@code $NAME} not among them stays as it is written
     * @return the words and the comment
     */
    static ShellLine split(String line, Map<String, String> variables) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
            }
            else if (c == '#' && word == null) {
                return new ShellLine(words, line.substring(i + 1).strip());
            }
            else if (c == '|' || c == ';') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                words.add(String.valueOf(c));
                i++;
            }
            else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'') {
                    int end = line.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed ' in: " + line);
                    }
                    word.append(line, i + 1, end);
                    i = end + 1;
                }
                else if (c == '"') {
                    int end = i + 1;
                    StringBuilder quoted = new StringBuilder();
                    while (end < line.length() && line.charAt(end) != '"') {
                        char q = line.charAt(end);
                        if (q == '\\' && end + 1 < line.length() && "\"\\$".indexOf(line.charAt(end + 1)) >= 0) {
                            quoted.append(line.charAt(end + 1));
                            end += 2;
                        }
                        else if (q == '$') {
                            end = expand(line, end, variables, quoted);
                        }
                        else {
                            quoted.append(q);
                            end++;
                        }
                    }
                    if (end >= line.length()) {
                        throw new IllegalArgumentException("unclosed \" in: " + line);
                    }
                    word.append(quoted);
                    i = end + 1;
                }
                else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(i + 1));
                    i += 2;
                }
                else if (c == '$') {
                    i = expand(line, i, variables, word);
                }
                else {
                    word.append(c);
                    i++;
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return new ShellLine(words, "");
    }

    /** Expands the {@code $NAME} or {@code ${NAME}} at {@code at}; returns the index after it. */
    private static int expand(String line, int at, Map<String, String> variables, StringBuilder into) {
        boolean braced = at + 1 < line.length() && line.charAt(at + 1) == '{';
        int start = at + (braced ? 2 : 1);
        int end = start;
        while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
            end++;
        }
        String name = line.substring(start, end);
        int after = braced && end < line.length() && line.charAt(end) == '}' ? end + 1 : end;
        if (name.isEmpty() || !variables.containsKey(name)) {
            into.append(line, at, after);
        }
        else {
            into.append(variables.get(name));
        }
        return after;
    }

    /**
     * The statements of this line: split at {@code ;}, each a list of pipeline stages split at {@code |}.
     * @return the statements
     */
    List<List<List<String>>> statements() {
        List<List<List<String>>> statements = new ArrayList<>();
        List<List<String>> pipeline = new ArrayList<>();
        List<String> stage = new ArrayList<>();
        for (String word : this.words) {
            if (word.equals(SEPARATOR)) {
                pipeline.add(stage);
                statements.add(pipeline);
                pipeline = new ArrayList<>();
                stage = new ArrayList<>();
            }
            else if (word.equals(PIPE)) {
                pipeline.add(stage);
                stage = new ArrayList<>();
            }
            else {
                stage.add(word);
            }
        }
        pipeline.add(stage);
        statements.add(pipeline);
        statements.removeIf((statement) -> statement.size() == 1 && statement.get(0).isEmpty());
        return statements;
    }

}
