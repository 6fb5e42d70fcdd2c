package io.github.gradientspring.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code in the README and in {@code docs/} is copied from sources the build compiles and tests, and this test
 * fails when a copy and its source drift apart. It generalises the scheme {@code docs/testing.md} started with:
 * <ul>
 * <li>A fenced block preceded by {@code <!-- snippet: path#tag -->} must equal the region of that file between the
 * lines {@code tag::tag[]} and {@code end::tag[]} (behind {@code //} in Java, {@code #} in YAML), de-indented.</li>
 * <li>{@code <!-- snippet: path -->}, without a tag, means the whole file (such as an {@code application.yml} a
 * test loads).</li>
 * <li>Paths are relative to the repository root.</li>
 * </ul>
 * Every marked block on every page is checked. On the pages in {@link #FULLY_CHECKED}, every {@code java} and
 * {@code yaml} block must be marked.
 */
class DocumentationSnippetsTests {

    /** Pages on which no Java or YAML block may go unchecked. */
    static final Set<String> FULLY_CHECKED = Set.of("README.md", "docs/getting-started.md",
            "docs/troubleshooting.md", "docs/testing.md", "docs/configuration.md", "docs/observability.md",
            "docs/watching.md", "docs/simulator.md", "docs/scheduling.md", "docs/fleet.md");

    private static final Pattern MARKED_BLOCK = Pattern.compile(
            "<!-- snippet: ([^#\\s]+)(?:#(\\S+))? -->\\n( *)```(\\w+)\\n(.*?)\\n\\3```", Pattern.DOTALL);

    private static final Pattern CODE_FENCE = Pattern.compile("^( *)```(java|ya?ml)$", Pattern.MULTILINE);

    private static final Path ROOT = Path.of(System.getProperty("gradient.repository.root", "../.."));

    @Test
    void everyMarkedSnippetEqualsItsSource() throws IOException {
        int checked = 0;
        for (Path page : pages()) {
            String text = Files.readString(page);
            Matcher block = MARKED_BLOCK.matcher(text);
            while (block.find()) {
                checked++;
                String file = block.group(1);
                String tag = block.group(2);
                String shown = undent(block.group(5), block.group(3).length());
                assertThat(shown).as("%s: the snippet of %s%s", name(page), file, (tag != null) ? "#" + tag : "")
                    .isEqualTo(source(file, tag));
            }
        }
        assertThat(checked).as("checked snippets").isGreaterThanOrEqualTo(10);
    }

    @Test
    void fullyCheckedPagesHaveNoUnmarkedCode() throws IOException {
        for (String name : FULLY_CHECKED) {
            Path page = ROOT.resolve(name);
            assertThat(page).as(name).exists();
            String text = Files.readString(page);
            Matcher fence = CODE_FENCE.matcher(text);
            while (fence.find()) {
                String before = text.substring(0, fence.start()).stripTrailing();
                String previousLine = before.substring(before.lastIndexOf('\n') + 1).strip();
                assertThat(previousLine).as("%s, the %s block at line %d must follow a <!-- snippet: … --> marker",
                        name, fence.group(2), text.substring(0, fence.start()).lines().count() + 1)
                    .startsWith("<!-- snippet: ");
            }
        }
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String name(Path page) {
        return ROOT.relativize(page).toString();
    }

    static String source(String file, String tag) throws IOException {
        Path path = ROOT.resolve(file);
        assertThat(path).as("snippet source %s", file).exists();
        List<String> lines = Files.readAllLines(path);
        if (tag == null) {
            return trimBlankEnds(lines);
        }
        List<String> region = new ArrayList<>();
        boolean inside = false;
        boolean found = false;
        for (String line : lines) {
            String marker = line.strip().replaceFirst("^(//|#)\\s*", "");
            if (marker.equals("tag::" + tag + "[]")) {
                inside = true;
                found = true;
            }
            else if (marker.equals("end::" + tag + "[]")) {
                inside = false;
            }
            else if (inside) {
                region.add(line);
            }
        }
        assertThat(found).as("%s has a region tagged %s", file, tag).isTrue();
        int indent = region.stream()
            .filter((line) -> !line.isBlank())
            .mapToInt((line) -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
        List<String> out = new ArrayList<>();
        for (String line : region) {
            out.add(line.isBlank() ? "" : line.substring(indent));
        }
        return trimBlankEnds(out);
    }

    private static String undent(String block, int indent) {
        List<String> out = new ArrayList<>();
        for (String line : block.split("\n", -1)) {
            out.add((line.length() >= indent && line.substring(0, indent).isBlank()) ? line.substring(indent)
                    : line.stripLeading());
        }
        return trimBlankEnds(out);
    }

    private static String trimBlankEnds(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        while (!out.isEmpty() && out.get(0).isBlank()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", out);
    }

}
