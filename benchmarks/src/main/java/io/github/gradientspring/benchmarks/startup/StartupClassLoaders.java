package io.github.gradientspring.benchmarks.startup;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Class loaders over the class paths the build writes to {@code target/startup/}, one per application, so that
 * Spring's and the starter's classes are loaded inside the measurement, as in a real start.
 */
final class StartupClassLoaders {

    private StartupClassLoaders() {
    }

    /**
     * Opens a class loader over a class path of {@code target/startup/} and the benchmarks' own classes.
     * @param name the class path's name, such as {@code with-starter}
     * @return the class loader
     */
    static URLClassLoader open(String name) throws IOException, URISyntaxException {
        Path target = targetDirectory();
        Path list = target.resolve("startup").resolve(name + ".classpath");
        if (!Files.isRegularFile(list)) {
            throw new IllegalStateException(list + " is missing: build with ./mvnw -pl benchmarks -am package");
        }
        List<URL> urls = new ArrayList<>();
        urls.add(target.resolve("classes").toUri().toURL());
        for (String entry : Files.readString(list, StandardCharsets.UTF_8).strip().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(toUrl(entry));
            }
        }
        // The platform loader as parent: nothing of the benchmarks jar (which holds the client) is visible.
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    /** {@code target/}, beside the benchmarks jar or the classes directory this class was loaded from. */
    private static Path targetDirectory() throws URISyntaxException {
        Path location = Paths.get(StartupClassLoaders.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return java.util.Objects.requireNonNull(location.getParent(), () -> location + " has no parent directory");
    }

    private static URL toUrl(String entry) {
        try {
            return Paths.get(entry).toUri().toURL();
        }
        catch (MalformedURLException ex) {
            throw new IllegalArgumentException(entry, ex);
        }
    }

}
