package io.github.gradientspring.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options of the harness mains. */
final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, but got " + String.join(" ", args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return new Options(values);
    }

    String value(String name, String defaultValue) {
        return this.values.getOrDefault(name, defaultValue);
    }

    String required(String name) {
        String value = this.values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    int intValue(String name, int defaultValue) {
        String value = this.values.get(name);
        return (value != null) ? Integer.parseInt(value) : defaultValue;
    }

    double doubleValue(String name, double defaultValue) {
        String value = this.values.get(name);
        return (value != null) ? Double.parseDouble(value) : defaultValue;
    }

}
