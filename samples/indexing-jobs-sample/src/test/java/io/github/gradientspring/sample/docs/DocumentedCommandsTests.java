package io.github.gradientspring.sample.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.GradientSimulatorMain;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.SeededDataSource;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every command of the README and of {@code docs/} is checked, as {@link DocumentedCommands} describes: each
 * block of commands carries {@code <!-- run: … -->} or {@code <!-- not-run: reason -->}, the blocks that run do so
 * against the simulator or the sample on 127.0.0.1 and answer what the page says, and every command, run or not,
 * names modules, profiles, properties, tests, jars, classes and flags that exist.
 */
class DocumentedCommandsTests {

    private final DocumentedCommands commands = new DocumentedCommands(new Reactor(DocumentedCommands.ROOT));

    @Test
    void everyBlockOfCommandsIsMarkedRunOrNotRunWithAReason() throws IOException {
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        for (Path page : DocumentedCommands.pages()) {
            for (DocumentedCommands.Block block : DocumentedCommands.commandBlocks(DocumentedCommands.name(page),
                    Files.readString(page))) {
                blocks++;
                problems.addAll(markerProblems(block));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(blocks).as("blocks of commands in the manual").isGreaterThanOrEqualTo(15);
    }

    @Test
    void everyDocumentedCommandNamesModulesProfilesPropertiesTestsJarsClassesAndFlagsThatExist() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path page : DocumentedCommands.pages()) {
            String name = DocumentedCommands.name(page);
            String text = Files.readString(page);
            List<DocumentedCommands.Command> all = new ArrayList<>(DocumentedCommands.inlineCommands(name, text));
            for (DocumentedCommands.Block block : DocumentedCommands.commandBlocks(name, text)) {
                all.addAll(commandsOf(block));
            }
            for (DocumentedCommands.Command command : all) {
                checked++;
                problems.addAll(this.commands.staticProblems(command));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("commands checked").isGreaterThanOrEqualTo(40);
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void theBlocksMarkedRunRunAsWrittenAndAnswerWhatTheirPagesSay() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> targets = new LinkedHashSet<>();
        int sent;
        try (CommandRunner runner = new CommandRunner(this.commands)) {
            for (Path page : DocumentedCommands.pages()) {
                for (DocumentedCommands.Block block : DocumentedCommands.commandBlocks(DocumentedCommands.name(page),
                        Files.readString(page))) {
                    if (block.runs()) {
                        targets.add(block.target());
                        problems.addAll(runner.run(block));
                    }
                }
            }
            sent = runner.sent();
        }
        assertThat(problems).isEmpty();
        assertThat(targets).containsExactlyInAnyOrder("simulator", "sample");
        assertThat(sent).as("requests the documented curl lines sent").isGreaterThanOrEqualTo(20);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDeliberatelyBrokenPageFailsEveryKindOfCheck() {
        String page = """
                Soak without -am, a profile and a test that do not exist:

                <!-- not-run: long -->
                ```shell
                ./mvnw -B -Psoak -pl gradient-client verify
                ./mvnw -B -Pno-such-profile -pl gradient-client -am test -Dtest=NoSuchTests
                java -jar gradient-simulator/target/gradient-simulator-0.1.0-SNAPSHOT.jar --no-such-flag
                java -jar benchmarks/target/benchmarks.jar NoSuchBenchmark
                ```

                ```shell
                ./mvnw -B verify
                ```

                <!-- run: simulator --token dev-token --demo -->
                ```
                curl -s -H "Authorization: Bearer dev-token" localhost:8089/v2/gen-ai/indexing_job
                curl -s -X POST localhost:8089/_simulator/clock/advance -d '{"seconds":30}'
                curl -s localhost:8089/_simulator/clock     # → 200 "manual":true
                ```
                """;
        List<String> problems = new ArrayList<>();
        List<DocumentedCommands.Block> blocks = DocumentedCommands.commandBlocks("broken.md", page);
        for (DocumentedCommands.Block block : blocks) {
            problems.addAll(markerProblems(block));
            if (!block.runs()) {
                commandsOf(block).forEach((command) -> problems.addAll(this.commands.staticProblems(command)));
            }
        }
        try (CommandRunner runner = new CommandRunner(this.commands)) {
            problems.addAll(runner.run(blocks.get(2)));
        }
        assertThat(String.join("\n", problems))
            .contains("broken.md:11: a block of commands without <!-- run: … --> or <!-- not-run: reason -->")
            .contains("broken.md:5: `./mvnw -B -Psoak -pl gradient-client verify`: needs -am: gradient-client depends on "
                    + "io.github.gradientspring:gradient-simulator")
            .contains("-Pno-such-profile is declared by neither the root pom.xml nor a module built here")
            .contains("-Dtest=NoSuchTests names no test class of the modules built here")
            .contains("--no-such-flag is not an option of io.github.gradientspring.simulator.GradientSimulatorMain")
            .contains("'NoSuchBenchmark' selects no benchmark of benchmarks")
            .contains("broken.md:17: `curl -s -H \"Authorization: Bearer dev-token\" localhost:8089/v2/gen-ai/indexing_job`"
                    + " answered 404")
            .contains("broken.md:18: `curl -s -X POST localhost:8089/_simulator/clock/advance -d '{\"seconds\":30}'` answered 409")
            .contains("broken.md:19: `curl -s localhost:8089/_simulator/clock     # → 200 \"manual\":true` is documented to"
                    + " answer 200 with \"manual\":true, but answered 200");
        assertThat(problems).hasSize(9);
    }

    @Test
    void theJarsFlagsAreTheOnesTheSimulatorPageLists() throws IOException {
        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        assertThat(GradientSimulatorMain.launch(new String[] { "--help" },
                new PrintStream(usage, true, StandardCharsets.UTF_8))).isNull();
        Set<String> options = flags(Pattern.compile("^\\s+(--[a-z-]+)", Pattern.MULTILINE),
                usage.toString(StandardCharsets.UTF_8));
        Set<String> documented = flags(Pattern.compile("^\\| `(--[a-z-]+)[ `]", Pattern.MULTILINE),
                Files.readString(DocumentedCommands.ROOT.resolve("docs/simulator.md")));
        assertThat(documented).isEqualTo(options).contains("--demo", "--manual-clock");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theDemoKnowledgeBaseThePagesDescribeIsTheOneTheJarAndTheSampleSeed() throws IOException {
        String row = Files.readString(DocumentedCommands.ROOT.resolve("docs/simulator.md")).lines()
            .filter((line) -> line.startsWith("| `--demo` |"))
            .findFirst()
            .orElseThrow();
        List<org.assertj.core.groups.Tuple> documented = new ArrayList<>();
        Matcher source = Pattern.compile("`(?:9a825ee0-bbb1-11ef-bf8f-4e013e2ddde|…dde)(\\d)` \\((\\d+) items").matcher(row);
        while (source.find()) {
            documented.add(tuple("9a825ee0-bbb1-11ef-bf8f-4e013e2ddde" + source.group(1),
                    Long.parseLong(source.group(2))));
        }
        String gettingStarted = Files.readString(DocumentedCommands.ROOT.resolve("docs/getting-started.md"));
        try (GradientSimulator jar = GradientSimulatorMain.launch(new String[] { "--port", "0", "--demo" },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                CommandRunner runner = new CommandRunner(this.commands)) {
            SeededKnowledgeBase seeded = jar.knowledgeBases().get(0);
            assertThat(row).contains("`" + seeded.uuid() + "` (\"" + seeded.name() + "\")");
            assertThat(seeded.dataSources()).extracting(SeededDataSource::uuid, SeededDataSource::itemCount)
                .containsExactlyElementsOf(documented);
            long items = seeded.dataSources().stream().mapToLong(SeededDataSource::itemCount).sum();
            assertThat(gettingStarted).contains("`" + seeded.name() + "` (" + seeded.dataSources().size()
                    + " data sources, " + items + " items)");
            assertThat(seeded.uuid()).isEqualTo(KnowledgeBaseSpec.DEMO_KNOWLEDGE_BASE_UUID);

            runner.run(new DocumentedCommands.Block("test", 0, "run", "sample", "", List.of()));
            GradientSimulator local = runner.sample().getBean(GradientSimulator.class);
            assertThat(local.knowledgeBases()).singleElement().satisfies((kb) -> {
                assertThat(kb.uuid()).isEqualTo(seeded.uuid());
                assertThat(kb.name()).isEqualTo(seeded.name());
                assertThat(kb.dataSources()).isEqualTo(seeded.dataSources());
            });
        }
    }

    private static Set<String> flags(Pattern pattern, String text) {
        Set<String> flags = new LinkedHashSet<>();
        Matcher flag = pattern.matcher(text);
        while (flag.find()) {
            flags.add(flag.group(1));
        }
        return flags;
    }

    private static List<String> markerProblems(DocumentedCommands.Block block) {
        if (block.kind() == null) {
            return List.of(block.where() + ": a block of commands without <!-- run: … --> or <!-- not-run: reason -->");
        }
        if (block.marker().isBlank()) {
            return List.of(block.where() + ": <!-- " + block.kind() + ": --> without a "
                    + (block.runs() ? "target" : "reason"));
        }
        return List.of();
    }

    private static List<DocumentedCommands.Command> commandsOf(DocumentedCommands.Block block) {
        return DocumentedCommands.commands(block, Set.of("shell", "bash", "sh").contains(block.language()));
    }

}
