package io.github.gradientspring.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/reliability.md} and the tests say the same: every test it names exists (in any module), every case
 * of {@link FaultMatrixTests} has its row, and no row names a case that is not run.
 */
class ReliabilityDocumentationTests {

    private static final Pattern TEST_METHOD = Pattern.compile("`([A-Z][A-Za-z0-9]*Tests)\\.([a-z][A-Za-z0-9]*)`");

    private static final Pattern MATRIX_CASE = Pattern.compile("`FaultMatrixTests\\[([A-Z0-9_]+)]`");

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static String document() throws IOException {
        return Files.readString(ROOT.resolve("docs/reliability.md"), StandardCharsets.UTF_8);
    }

    @Test
    void everyTestTheDocumentNamesExists() throws IOException {
        Matcher matcher = TEST_METHOD.matcher(document());
        Set<String> named = new LinkedHashSet<>();
        while (matcher.find()) {
            named.add(matcher.group(1) + "." + matcher.group(2));
            Path source = findTestSource(matcher.group(1));
            assertThat(source).as("the source of " + matcher.group(1)).isNotNull();
            assertThat(Files.readString(source, StandardCharsets.UTF_8)).as(matcher.group(0))
                .containsPattern("void " + Pattern.quote(matcher.group(2)) + "\\(");
        }
        assertThat(named).as("tests named in docs/reliability.md").hasSizeGreaterThan(40);
    }

    @Test
    void everyCaseOfTheFaultMatrixHasItsRowAndEveryRowItsCase() throws IOException {
        Matcher matcher = MATRIX_CASE.matcher(document());
        Set<String> documented = new LinkedHashSet<>();
        while (matcher.find()) {
            documented.add(matcher.group(1));
        }
        List<String> run = Stream.of(FaultMatrixTests.Case.values()).map(Enum::name).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(run);
    }

    private static Path findTestSource(String className) throws IOException {
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path tests = module.resolve("src/test/java");
                if (!Files.isDirectory(tests)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(tests)) {
                    Path found = files.filter((file) -> file.getFileName().toString().equals(className + ".java"))
                        .findFirst()
                        .orElse(null);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

}
