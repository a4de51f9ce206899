package io.spinestream.journal.report;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Chart.js, read once from its WebJar on the classpath, to be inlined in the report: the page then
 * draws its charts with no network at all, also when saved, printed to PDF or attached to a record.
 */
@ApplicationScoped
public class ChartJsScript {

    private static final String POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private volatile String source;
    private volatile String version;

    /** The minified UMD bundle, safe to place inside a {@code <script>} element. */
    public String source() {
        if (source == null) {
            load();
        }
        return source;
    }

    public String version() {
        if (version == null) {
            load();
        }
        return version;
    }

    private synchronized void load() {
        if (source != null) {
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream pom = loader.getResourceAsStream(POM)) {
            if (pom == null) {
                throw new IllegalStateException("the Chart.js WebJar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(pom);
            String found = properties.getProperty("version");
            try (InputStream script = loader.getResourceAsStream(
                    "META-INF/resources/webjars/chart.js/" + found + "/dist/chart.umd.min.js")) {
                if (script == null) {
                    throw new IllegalStateException("chart.umd.min.js missing from the Chart.js WebJar " + found);
                }
                // "</script" inside the bundle would end the element early; "<\/script" means the same to JavaScript.
                source = new String(script.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
                version = found;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Chart.js WebJar", e);
        }
    }
}
