package dev.descent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The archetype's Java templates are the examples' files, so the two cannot drift apart: each template
 * is its example with the package and the component's name replaced by the archetype's properties.
 * Change the example, then copy it over the template with those two replacements.
 */
class ArchetypeTemplatesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TEMPLATES = ROOT.resolve("archetype/src/main/resources/archetype-resources/src");

    @ParameterizedTest
    @CsvSource({
            "examples/huber-loss/src/main/java/com/example/descent/huber/HuberLoss.java, main/java/HuberLoss.java, huber, lossName",
            "examples/momentum-sgd/src/main/java/com/example/descent/momentum/MomentumSgd.java, main/java/MomentumSgd.java, momentum, optimizerName",
            "examples/huber-loss/src/test/java/com/example/descent/huber/HuberLossTest.java, test/java/HuberLossTest.java, , ",
            "examples/momentum-sgd/src/test/java/com/example/descent/momentum/MomentumSgdTest.java, test/java/MomentumSgdTest.java, , "})
    void eachTemplateIsItsExampleWithThePackageAndNameAsProperties(String example, String template, String name,
                                                                    String property) throws IOException {
        String expected = Files.readString(ROOT.resolve(example))
                .replaceFirst("(?m)^package [\\w.]+;", Matcher.quoteReplacement("package ${package};"));
        if (name != null) {
            String plugin = "@Plugin(name = \"" + name + "\"";
            assertThat(expected).as("%s names its component %s", example, name).contains(plugin);
            expected = expected.replaceFirst(Pattern.quote(plugin),
                    Matcher.quoteReplacement("@Plugin(name = \"${" + property + "}\""));
        }
        assertThat(Files.readString(TEMPLATES.resolve(template)))
                .as("archetype-resources/src/%s is %s with ${package}%s", template, example,
                        name == null ? "" : " and ${" + property + "}")
                .isEqualTo(expected);
    }
}
