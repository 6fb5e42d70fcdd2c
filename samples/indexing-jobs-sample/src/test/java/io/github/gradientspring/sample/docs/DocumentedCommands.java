package io.github.gradientspring.sample.docs;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands of a page of the manual, and the checks every one of them gets whether it runs or not.
 * <p>
 * The convention, for a fenced block that holds commands (a {@code shell} or {@code bash} block, or any block with
 * a line that starts with {@code curl}, {@code ./mvnw}, {@code java}, {@code bash}, {@code wrk} or {@code export}): the line
 * before it is one of
 * <ul>
 * <li>{@code <!-- run: simulator [flags] -->}: the block runs against the standalone simulator, started in-process
 * with those flags (or with the flags of the block's own {@code java -jar gradient-simulator…} line) on a free
 * loopback port that stands for the {@code 8089} the block names;</li>
 * <li>{@code <!-- run: sample -->}: the block's {@code curl} lines run against the sample application in local
 * mode, on a free port that stands for {@code 8080};</li>
 * <li>{@code <!-- not-run: reason -->}: a command that cannot run in a build (a real token, a 14-minute
 * benchmark, an endless {@code spring-boot:run}).</li>
 * </ul>
 * In a block that runs, each {@code curl} is sent as written (its method, headers and body) and must be answered
 * 2xx, unless its comment says what it answers: {@code # → 404 not_found} (the status, then a text the body must
 * contain). {@code <job-uuid>} stands for the job the latest create answered. Every command, run or not, is also
 * checked statically: the modules, profiles, {@code -D} properties and tests of a Maven command, and {@code -am}
 * where a module needs other modules of the reactor; the jar, main class and flags of a {@code java} command; that a
 * {@code bash} script exists and reads the variables set for it; the
 * host of a URL (loopback only); the properties an environment variable sets. Maven is never run: a test does not
 * build the project inside its own build. Commands quoted inline in the text ({@code `./mvnw …`},
 * {@code `java -jar …`}) get the static checks too.
 */
final class DocumentedCommands {

    static final Path ROOT = Path.of(System.getProperty("gradient.repository.root", "../.."));

    static final Set<String> COMMAND_WORDS = Set.of("curl", "./mvnw", "java", "wrk", "export", "mvn", "bash");

    private static final Pattern FENCE = Pattern.compile("^( *)```(\\w*)\\s*$");

    private static final Pattern MARKER = Pattern.compile("^<!-- (run|not-run):\\s*(.*?)\\s*-->$");

    private static final Pattern INLINE = Pattern.compile("`((?:\\./mvnw|java -(?:jar|cp)) [^`]+)`");

    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);

    private static final Set<String> PHASES = Set.of("clean", "validate", "compile", "test-compile", "test",
            "package", "verify", "install", "deploy");

    /** Properties of Maven and its plugins that a documented command may set, with what reads them. */
    private static final Map<String, String> PLUGIN_PROPERTIES = Map.of("skipTests", "surefire",
            "test", "surefire", "surefire.failIfNoSpecifiedTests", "surefire", "spring-boot.run.arguments",
            "spring-boot-maven-plugin", "maven.repo.local", "maven");

    /** JMH's options that take a value, and those that do not. */
    private static final Set<String> JMH_VALUE_OPTIONS = Set.of("-prof", "-f", "-wi", "-i", "-w", "-r", "-t",
            "-bm", "-tu", "-rf", "-rff", "-jvmArgs", "-jvmArgsAppend", "-p");

    private static final Set<String> JMH_FLAGS = Set.of("-h", "-l", "-lp", "-lprof");

    /** A fenced block and the marker before it. */
    record Block(String page, int line, String kind, String marker, String language, List<String> lines) {

        boolean runs() {
            return "run".equals(this.kind);
        }

        String where() {
            return this.page + ":" + this.line;
        }

        /** The first word of a {@code run:} marker: {@code simulator} or {@code sample}. */
        String target() {
            return this.marker.split("\\s+", 2)[0];
        }

        /** What follows the target in a {@code run:} marker. */
        List<String> targetArguments() {
            String[] parts = this.marker.split("\\s+");
            return (parts.length > 1) ? List.of(parts).subList(1, parts.length) : List.of();
        }

    }

    /** One statement of a command: the environment it sets, its words, its pipeline, its comment. */
    record Command(String where, Map<String, String> environment, List<String> words, List<List<String>> pipeline,
            String comment, String text) {

        String program() {
            return this.words.isEmpty() ? "" : this.words.get(0);
        }

    }

    private final Reactor reactor;

    DocumentedCommands(Reactor reactor) {
        this.reactor = reactor;
    }

    Reactor reactor() {
        return this.reactor;
    }

    /** README.md and every page of docs/. */
    static List<Path> pages() throws java.io.IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (var docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static String name(Path page) {
        return ROOT.relativize(page).toString();
    }

    /** The fenced blocks of a page that hold commands, with their markers (null when unmarked). */
    static List<Block> commandBlocks(String page, String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String previous = "";
        for (int i = 0; i < lines.length; i++) {
            Matcher fence = FENCE.matcher(lines[i]);
            if (!fence.matches()) {
                if (!lines[i].isBlank()) {
                    previous = lines[i].strip();
                }
                continue;
            }
            int start = i;
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.length && !lines[i].strip().equals("```")) {
                body.add(lines[i]);
                i++;
            }
            String language = fence.group(2);
            boolean shell = Set.of("shell", "bash", "sh").contains(language);
            boolean commands = body.stream().anyMatch(DocumentedCommands::startsWithCommand);
            if (shell || (language.isEmpty() && commands)) {
                Matcher marker = MARKER.matcher(previous);
                blocks.add(marker.matches()
                        ? new Block(page, start + 1, marker.group(1), marker.group(2), language, body)
                        : new Block(page, start + 1, null, null, language, body));
            }
            previous = "```";
        }
        return blocks;
    }

    /** The commands quoted inline, outside fenced blocks, as one-statement commands. */
    static List<Command> inlineCommands(String page, String text) {
        List<Command> commands = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        boolean fenced = false;
        for (int i = 0; i < lines.length; i++) {
            if (FENCE.matcher(lines[i]).matches() || (fenced && lines[i].strip().equals("```"))) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher inline = INLINE.matcher(lines[i]);
            while (inline.find()) {
                commands.addAll(commands(page + ":" + (i + 1), inline.group(1), new LinkedHashMap<>(), false));
            }
        }
        return commands;
    }

    static boolean startsWithCommand(String line) {
        String first = firstWord(line);
        return COMMAND_WORDS.contains(first);
    }

    /** The first word after any leading {@code NAME=value} assignments. */
    private static String firstWord(String line) {
        for (String word : line.strip().split("\\s+")) {
            if (!ASSIGNMENT.matcher(word).matches()) {
                return word;
            }
        }
        return "";
    }

    /** A command line with its continuations joined, and the number of its first line on the page. */
    record LogicalLine(int number, String text) {
    }

    /**
     * Joins continued lines ({@code \\} at the end).
     * @param lines the lines
     * @param firstNumber the page's line number of the first one
     * @return the logical lines
     */
    static List<LogicalLine> logicalLines(List<String> lines, int firstNumber) {
        List<LogicalLine> logical = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (start < 0) {
                start = firstNumber + i;
            }
            if (line.endsWith("\\")) {
                text.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            text.append(line);
            logical.add(new LogicalLine(start, text.toString().strip()));
            text.setLength(0);
            start = -1;
        }
        return logical;
    }

    /** The commands of the lines of a block, which starts at {@code block.line()} (its fence). */
    static List<Command> commands(Block block, boolean everyLine) {
        List<Command> commands = new ArrayList<>();
        Map<String, String> variables = new LinkedHashMap<>();
        for (LogicalLine line : logicalLines(block.lines(), block.line() + 1)) {
            commands.addAll(commands(block.page() + ":" + line.number(), line.text(), variables, everyLine));
        }
        return commands;
    }

    /**
     * The commands of one logical line: variables set by {@code NAME=value} statements are expanded in later ones;
     * a line that is not a command is skipped (output, in a block that quotes both).
     * @param where the page and line, for messages
     * @param text the line
     * @param variables the shell variables, updated by assignments
     * @param everyLine whether every line must be a command or a comment (a shell block) rather than output
     * @return the commands; a line that cannot be read gives a command whose program is {@code ?}
     */
    static List<Command> commands(String where, String text, Map<String, String> variables, boolean everyLine) {
        List<Command> commands = new ArrayList<>();
        if (text.isEmpty() || text.startsWith("#")) {
            return commands;
        }
        boolean assignmentsOnly = Arrays.stream(text.split("[;\\s]+"))
            .allMatch((word) -> ASSIGNMENT.matcher(word).matches());
        if (!startsWithCommand(text) && !assignmentsOnly) {
            if (everyLine) {
                commands.add(new Command(where, Map.of(), List.of("?"), List.of(), "", text));
            }
            return commands;
        }
        ShellLine split = ShellLine.split(text, variables);
        for (List<List<String>> pipeline : split.statements()) {
            List<String> first = new ArrayList<>(pipeline.get(0));
            Map<String, String> environment = new LinkedHashMap<>();
            while (!first.isEmpty() && ASSIGNMENT.matcher(first.get(0)).matches()) {
                Matcher assignment = ASSIGNMENT.matcher(first.remove(0));
                assignment.matches();
                environment.put(assignment.group(1), assignment.group(2));
            }
            if (first.isEmpty()) {
                variables.putAll(environment);
            }
            commands.add(new Command(where, environment, first, pipeline.subList(1, pipeline.size()),
                    split.comment(), text));
        }
        return commands;
    }

    // ---- static checks -----------------------------------------------------------------------------------------

    /** Every problem the static checks find in a command; empty when it holds up. */
    List<String> staticProblems(Command command) {
        List<String> problems = new ArrayList<>();
        if (!command.program().equals("bash")) {
            for (String variable : command.environment().keySet()) {
                if (!command.words().isEmpty()) {
                    environmentVariable(variable, problems);
                }
            }
        }
        switch (command.program()) {
            case "" -> { }
            case "./mvnw" -> maven(command.words().subList(1, command.words().size()), problems);
            case "mvn" -> problems.add("use the wrapper, ./mvnw, not mvn");
            case "java" -> java(command.words().subList(1, command.words().size()), problems);
            case "curl" -> urls(command.words(), problems);
            case "wrk" -> urls(command.words(), problems);
            case "bash" -> script(command, problems);
            case "export" -> {
                for (String word : command.words().subList(1, command.words().size())) {
                    Matcher assignment = ASSIGNMENT.matcher(word);
                    environmentVariable(assignment.matches() ? assignment.group(1) : word, problems);
                }
            }
            case "?" -> problems.add("not a command this check knows: " + command.text());
            default -> problems.add("not a command this check knows: " + command.program());
        }
        for (List<String> stage : command.pipeline()) {
            if (stage.isEmpty() || !stage.get(0).equals("grep")) {
                problems.add("a pipe into something other than grep: " + String.join(" ", stage));
            }
        }
        problems.replaceAll((problem) -> command.where() + ": `" + command.text() + "`: " + problem);
        return problems;
    }

    private void maven(List<String> arguments, List<String> problems) {
        Set<String> projects = new LinkedHashSet<>();
        Set<String> profiles = new LinkedHashSet<>();
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> goals = new ArrayList<>();
        boolean alsoMake = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (Set.of("-B", "-q", "-e", "-o", "-U", "-N", "--batch-mode", "--quiet").contains(argument)) {
                continue;
            }
            if (argument.equals("-am") || argument.equals("--also-make")) {
                alsoMake = true;
            }
            else if (argument.equals("-pl") || argument.equals("--projects")) {
                projects.addAll(List.of(value(arguments, ++i, argument, problems).split(",")));
            }
            else if (argument.startsWith("-P")) {
                String list = (argument.length() > 2) ? argument.substring(2) : value(arguments, ++i, argument, problems);
                profiles.addAll(List.of(list.split(",")));
            }
            else if (argument.startsWith("-D")) {
                String property = (argument.length() > 2) ? argument.substring(2) : value(arguments, ++i, argument, problems);
                int equals = property.indexOf('=');
                properties.put((equals < 0) ? property : property.substring(0, equals),
                        (equals < 0) ? "true" : property.substring(equals + 1));
            }
            else if (argument.startsWith("-")) {
                problems.add("an option this check does not know: " + argument);
            }
            else {
                goals.add(argument);
            }
        }
        if (goals.isEmpty()) {
            problems.add("no phase or goal");
        }
        for (String goal : goals) {
            if (!PHASES.contains(goal) && !goal.contains(":")) {
                problems.add("not a lifecycle phase: " + goal);
            }
        }
        for (String project : projects) {
            if (!this.reactor.modules().containsKey(project)) {
                problems.add("-pl " + project + " is not a module of the root pom.xml " + this.reactor.modules().keySet());
            }
        }
        if (!alsoMake) {
            for (String project : projects) {
                Reactor.Module module = this.reactor.modules().get(project);
                if (module == null) {
                    continue;
                }
                for (String dependency : module.reactorDependencies()) {
                    Reactor.Module upstream = this.reactor.byArtifactId(dependency);
                    if (upstream != null && !projects.contains(upstream.directory())) {
                        problems.add("needs -am: " + project + " depends on " + Reactor.GROUP_ID + ":" + dependency
                                + ", which without -am Maven takes from the local repository (missing from a fresh"
                                + " clone, stale in an old one) instead of building it from these sources");
                    }
                }
            }
        }
        Set<String> selection = projects.isEmpty() ? this.reactor.modules().keySet()
                : alsoMake ? this.reactor.withUpstream(projects) : projects;
        for (String profile : profiles) {
            boolean declared = this.reactor.rootProfiles().contains(profile) || selection.stream()
                .map(this.reactor.modules()::get)
                .anyMatch((module) -> module != null && module.profiles().contains(profile));
            if (!declared) {
                problems.add("-P" + profile + " is declared by neither the root pom.xml nor a module built here");
            }
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String key = property.getKey();
            if (key.equals("test")) {
                for (String pattern : property.getValue().split(",")) {
                    String className = pattern.split("#")[0];
                    Pattern simpleName = Pattern.compile(className.replace("*", ".*"));
                    boolean found = selection.stream()
                        .anyMatch((module) -> !this.reactor.sourcesNamed(module, "test", simpleName).isEmpty());
                    if (!found) {
                        problems.add("-Dtest=" + pattern + " names no test class of the modules built here");
                    }
                }
            }
            else if (key.equals("spring-boot.run.arguments")) {
                for (String runArgument : property.getValue().split("[,\\s]+")) {
                    if (runArgument.startsWith("--") && runArgument.contains("=")) {
                        String name = runArgument.substring(2, runArgument.indexOf('='));
                        if (!propertyExists(name)) {
                            problems.add("spring-boot.run.arguments sets " + name + ", which the sample does not read");
                        }
                    }
                }
            }
            else if (!PLUGIN_PROPERTIES.containsKey(key)
                    && this.reactor.pomTexts().stream().noneMatch((pom) -> pom.contains("${" + key + "}"))) {
                problems.add("-D" + key + " is read by no pom.xml and no plugin this check knows");
            }
        }
    }

    private void java(List<String> arguments, List<String> problems) {
        if (arguments.size() < 2 || !(arguments.get(0).equals("-jar") || arguments.get(0).equals("-cp"))) {
            problems.add("expected java -jar <jar> or java -cp <jar> <class>");
            return;
        }
        Reactor.Module module = jar(arguments.get(1), problems);
        if (module == null) {
            return;
        }
        String mainClass;
        List<String> rest;
        if (arguments.get(0).equals("-jar")) {
            mainClass = module.mainClass();
            rest = arguments.subList(2, arguments.size());
            if (mainClass == null) {
                problems.add(arguments.get(1) + " has no Main-Class in " + module.directory() + "/pom.xml");
                return;
            }
        }
        else {
            if (arguments.size() < 3) {
                problems.add("java -cp needs a class");
                return;
            }
            mainClass = arguments.get(2);
            rest = arguments.subList(3, arguments.size());
        }
        if (mainClass.equals("org.openjdk.jmh.Main")) {
            jmh(module, rest, problems);
            return;
        }
        Path source = this.reactor.source(module.directory(), mainClass, "main");
        if (source == null) {
            problems.add(mainClass + " is not a class of " + module.directory() + "/src/main/java");
            return;
        }
        String text = read(source);
        for (String argument : rest) {
            if (argument.startsWith("--")) {
                String flag = argument.split("=")[0];
                if (!text.contains("\"" + flag + "\"") && !text.contains("\"" + flag.substring(2) + "\"")) {
                    problems.add(flag + " is not an option of " + mainClass);
                }
            }
        }
    }

    private Reactor.Module jar(String path, List<String> problems) {
        Matcher jar = Pattern.compile("(.+)/target/([^/]+)\\.jar").matcher(path);
        if (!jar.matches() || !this.reactor.modules().containsKey(jar.group(1))) {
            problems.add(path + " is not <module>/target/<name>.jar of a module of the reactor");
            return null;
        }
        Reactor.Module module = this.reactor.modules().get(jar.group(1));
        if (!module.jarName().equals(jar.group(2))) {
            problems.add(path + ": the jar " + module.directory() + " builds is " + module.jarName() + ".jar");
            return null;
        }
        return module;
    }

    private void jmh(Reactor.Module module, List<String> arguments, List<String> problems) {
        List<String> benchmarks = benchmarkMethods(module);
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (JMH_VALUE_OPTIONS.contains(argument)) {
                i++;
            }
            else if (JMH_FLAGS.contains(argument)) {
                continue;
            }
            else if (argument.startsWith("-")) {
                problems.add(argument + " is not a JMH option this check knows");
            }
            else {
                Pattern selected = Pattern.compile(argument);
                if (benchmarks.stream().noneMatch((name) -> selected.matcher(name).find())) {
                    problems.add("'" + argument + "' selects no benchmark of " + module.directory());
                }
            }
        }
    }

    private List<String> benchmarkMethods(Reactor.Module module) {
        List<String> names = new ArrayList<>();
        Pattern benchmark = Pattern.compile("@Benchmark\\s+(?:@\\w+(?:\\([^)]*\\))?\\s+)*public\\s+(?:@\\w+\\s+)*[\\w<>\\[\\].]+\\s+(\\w+)\\(");
        for (Path file : this.reactor.sourcesNamed(module.directory(), "main", Pattern.compile(".*"))) {
            String text = read(file);
            Matcher method = benchmark.matcher(text);
            String type = this.reactor.root().resolve(module.directory()).resolve("src/main/java")
                .relativize(file).toString().replace('/', '.').replaceFirst("\\.java$", "");
            while (method.find()) {
                names.add(type + "." + method.group(1));
            }
        }
        return names;
    }

    private void urls(List<String> words, List<String> problems) {
        for (String word : words) {
            if (word.matches("(https?://)?(localhost|127\\.0\\.0\\.1)(:\\d+)?(/.*)?")) {
                continue;
            }
            if (word.matches("https?://.*")) {
                problems.add(word + " is not on loopback");
            }
        }
    }

    /** A script of the repository, and the environment variables set for it, which it must read. */
    private void script(Command command, List<String> problems) {
        if (command.words().size() < 2) {
            problems.add("bash without a script");
            return;
        }
        Path script = this.reactor.root().resolve(command.words().get(1));
        if (!Files.isRegularFile(script)) {
            problems.add(command.words().get(1) + " is not a file of the repository");
            return;
        }
        String text = read(script);
        for (String variable : command.environment().keySet()) {
            if (!text.contains("${" + variable) && !text.contains("$" + variable)) {
                problems.add(command.words().get(1) + " does not read " + variable);
            }
        }
    }

    private void environmentVariable(String name, List<String> problems) {
        if (name.equals("SERVER_PORT")) {
            return;
        }
        String property = name.toLowerCase(Locale.ROOT).replace('_', '.');
        if ((property.startsWith("sample.") || property.startsWith("gradient.")) && propertyExists(property)) {
            return;
        }
        boolean literal = this.reactor.modules().keySet().stream()
            .flatMap((module) -> this.reactor.sourcesNamed(module, "main", Pattern.compile(".*")).stream())
            .anyMatch((file) -> read(file).contains("\"" + name + "\""));
        if (!literal) {
            problems.add("the environment variable " + name + " is read by nothing in the project");
        }
    }

    /**
     * Whether a {@code sample.*} or {@code gradient.*} property (in any relaxed form: dashes, or none) names a
     * property of {@code SampleProperties} or {@code GradientProperties}.
     */
    static boolean propertyExists(String name) {
        String[] parts = name.split("\\.");
        String type = switch (parts[0]) {
            case "sample" -> "io.github.gradientspring.sample.SampleProperties";
            case "gradient" -> "io.github.gradientspring.autoconfigure.GradientProperties";
            default -> null;
        };
        if (type == null) {
            return false;
        }
        try {
            return walk(Class.forName(type), List.of(parts).subList(1, parts.length));
        }
        catch (ClassNotFoundException ex) {
            return false;
        }
    }

    /** Follows the parts through the getters; a getter may also consume several parts (an env var's "_"). */
    private static boolean walk(Class<?> type, List<String> parts) {
        if (parts.isEmpty()) {
            return true;
        }
        for (int take = 1; take <= parts.size(); take++) {
            String wanted = String.join("", parts.subList(0, take)).replace("-", "");
            for (Method getter : type.getMethods()) {
                String getterName = getter.getName();
                String property = getterName.startsWith("get") ? getterName.substring(3)
                        : getterName.startsWith("is") ? getterName.substring(2) : null;
                if (property == null || getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                        || getter.getDeclaringClass() == Object.class || !property.equalsIgnoreCase(wanted)) {
                    continue;
                }
                List<String> rest = parts.subList(take, parts.size());
                Class<?> returned = getter.getReturnType();
                if (rest.isEmpty() || (!returned.getName().startsWith("java.") && !returned.isPrimitive()
                        && walk(returned, rest))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String value(List<String> arguments, int index, String option, List<String> problems) {
        if (index >= arguments.size()) {
            problems.add(option + " needs a value");
            return "";
        }
        return arguments.get(index);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

}
