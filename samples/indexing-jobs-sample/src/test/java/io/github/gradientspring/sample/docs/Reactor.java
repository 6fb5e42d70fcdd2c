package io.github.gradientspring.sample.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the POMs of the repository declare, read from the files themselves: the modules of the reactor, each one's
 * artifact, jar name, main class, profiles and dependencies on other modules. Documented Maven and {@code java}
 * commands are checked against it.
 */
final class Reactor {

    static final String GROUP_ID = "io.github.gradientspring";

    /** One module of the reactor. */
    record Module(String directory, String artifactId, String jarName, String mainClass, Set<String> profiles,
            Set<String> reactorDependencies, String pomText) {
    }

    private final Path root;

    private final String version;

    private final Set<String> rootProfiles;

    private final String rootPomText;

    private final Map<String, Module> modules = new LinkedHashMap<>();

    Reactor(Path root) {
        this.root = root;
        Document pom = parse(root.resolve("pom.xml"));
        this.rootPomText = read(root.resolve("pom.xml"));
        this.version = childText(pom.getDocumentElement(), "version");
        this.rootProfiles = profiles(pom);
        for (Element module : children(child(pom.getDocumentElement(), "modules"), "module")) {
            String directory = module.getTextContent().strip();
            this.modules.put(directory, module(directory));
        }
    }

    Path root() {
        return this.root;
    }

    String version() {
        return this.version;
    }

    Map<String, Module> modules() {
        return this.modules;
    }

    Set<String> rootProfiles() {
        return this.rootProfiles;
    }

    /** Every module and every POM text of the reactor, the root's first. */
    List<String> pomTexts() {
        List<String> texts = new ArrayList<>();
        texts.add(this.rootPomText);
        this.modules.values().forEach((module) -> texts.add(module.pomText()));
        return texts;
    }

    Module byArtifactId(String artifactId) {
        return this.modules.values().stream().filter((m) -> m.artifactId().equals(artifactId)).findFirst().orElse(null);
    }

    /** The modules and, transitively, the reactor modules they depend on. */
    Set<String> withUpstream(Set<String> directories) {
        Set<String> all = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(directories);
        while (!todo.isEmpty()) {
            String directory = todo.remove(0);
            Module module = this.modules.get(directory);
            if (module != null && all.add(directory)) {
                for (String artifactId : module.reactorDependencies()) {
                    Module upstream = byArtifactId(artifactId);
                    if (upstream != null) {
                        todo.add(upstream.directory());
                    }
                }
            }
        }
        return all;
    }

    /** The source file of a class in a module's main or test sources, or null. */
    Path source(String directory, String className, String sourceSet) {
        Path file = this.root.resolve(directory).resolve("src").resolve(sourceSet).resolve("java")
            .resolve(className.replace('.', '/') + ".java");
        return Files.isRegularFile(file) ? file : null;
    }

    /** The files of a source set whose simple class name matches. */
    List<Path> sourcesNamed(String directory, String sourceSet, Pattern simpleName) {
        Path java = this.root.resolve(directory).resolve("src").resolve(sourceSet).resolve("java");
        if (!Files.isDirectory(java)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(java)) {
            return files.filter((file) -> file.toString().endsWith(".java"))
                .filter((file) -> simpleName.matcher(file.getFileName().toString().replaceFirst("\\.java$", ""))
                    .matches())
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private Module module(String directory) {
        Path file = this.root.resolve(directory).resolve("pom.xml");
        Document pom = parse(file);
        Element project = pom.getDocumentElement();
        String artifactId = childText(project, "artifactId");
        Map<String, String> properties = new LinkedHashMap<>();
        Element props = child(project, "properties");
        if (props != null) {
            NodeList nodes = props.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element property) {
                    properties.put(property.getTagName(), property.getTextContent().strip());
                }
            }
        }
        String finalName = null;
        NodeList finalNames = pom.getElementsByTagName("finalName");
        if (finalNames.getLength() > 0) {
            finalName = finalNames.item(0).getTextContent().strip();
        }
        String mainClass = null;
        NodeList mainClasses = pom.getElementsByTagName("mainClass");
        if (mainClasses.getLength() > 0) {
            mainClass = resolve(mainClasses.item(0).getTextContent().strip(), properties);
        }
        Set<String> dependencies = new LinkedHashSet<>();
        Element deps = child(project, "dependencies");
        if (deps != null) {
            for (Element dependency : children(deps, "dependency")) {
                String group = childText(dependency, "groupId");
                if (GROUP_ID.equals(group) || "${project.groupId}".equals(group)) {
                    dependencies.add(childText(dependency, "artifactId"));
                }
            }
        }
        String jarName = (finalName != null) ? finalName : artifactId + "-" + this.version;
        return new Module(directory, artifactId, jarName, mainClass, profiles(pom), dependencies, read(file));
    }

    private static String resolve(String value, Map<String, String> properties) {
        Matcher reference = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        return reference.matches() ? properties.getOrDefault(reference.group(1), value) : value;
    }

    private static Set<String> profiles(Document pom) {
        Set<String> ids = new LinkedHashSet<>();
        Element profiles = child(pom.getDocumentElement(), "profiles");
        if (profiles != null) {
            for (Element profile : children(profiles, "profile")) {
                ids.add(childText(profile, "id"));
            }
        }
        return ids;
    }

    private static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        }
        catch (Exception ex) {
            throw new IllegalStateException("Cannot read " + file, ex);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Element element : children(parent, name)) {
            return element;
        }
        return null;
    }

    private static String childText(Element parent, String name) {
        Element element = child(parent, name);
        return (element != null) ? element.getTextContent().strip() : null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> elements = new ArrayList<>();
        if (parent == null) {
            return elements;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                elements.add(element);
            }
        }
        return elements;
    }

}
