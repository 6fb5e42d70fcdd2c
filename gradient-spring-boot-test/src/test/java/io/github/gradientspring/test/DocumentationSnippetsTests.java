package io.github.gradientspring.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java snippets of {@code docs/testing.md} are the tagged regions of this module's tests, word for word, so
 * that what the documentation shows compiles and passes. Each snippet follows a
 * {@code <!-- snippet: path/to/File.java#tag -->} line (the path relative to the repository root); its source region
 * lies between {@code // tag::tag[]} and {@code // end::tag[]}.
 */
class DocumentationSnippetsTests {

    private static final Pattern SNIPPET = Pattern
        .compile("<!-- snippet: (\\S+?)#(\\S+?) -->\\s*```java\\n(.*?)\\n```", Pattern.DOTALL);

    private static final Path PACKAGE = Path.of("io", "github", "gradientspring", "test");

    @Test
    void everySnippetMatchesItsTaggedSource() throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("gradient.docs.dir", "../docs"), "testing.md"));
        Matcher matcher = SNIPPET.matcher(doc);
        int count = 0;
        while (matcher.find()) {
            count++;
            String file = matcher.group(1);
            String tag = matcher.group(2);
            assertThat(matcher.group(3)).as("docs/testing.md snippet %s#%s", file, tag).isEqualTo(region(file, tag));
        }
        assertThat(count).as("snippets in docs/testing.md").isGreaterThanOrEqualTo(3);
    }

    private static String region(String file, String tag) throws IOException {
        Path sources = Path.of(System.getProperty("gradient.test.sources.dir", "src/test/java"));
        // A path with a slash is relative to the repository root, as every page's markers are (the sample module's
        // DocumentationSnippetsTests checks all pages that way); a bare file name is one of this module's tests.
        Path source = file.contains("/")
                ? Path.of(System.getProperty("gradient.docs.dir", "../docs")).resolve("..").resolve(file)
                : sources.resolve(PACKAGE).resolve(file);
        List<String> lines = Files.readAllLines(source);
        List<String> region = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.strip().equals("// tag::" + tag + "[]")) {
                inside = true;
            }
            else if (line.strip().equals("// end::" + tag + "[]")) {
                inside = false;
            }
            else if (inside) {
                region.add(line);
            }
        }
        assertThat(region).as("%s has a region tagged %s", file, tag).isNotEmpty();
        return dedent(region);
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream()
            .filter((line) -> !line.isBlank())
            .mapToInt((line) -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(indent));
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", out);
    }

}
