package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The generated parts of docs/ must match what the code says today. */
class DocsAreCurrentTest {

    private static final String BEGIN = "<!-- BEGIN GENERATED: descent plugins --format markdown -->\n";
    private static final String END = "<!-- END GENERATED -->";

    @Test
    void theOptionTablesInConfigurationMdAreWhatPluginsFormatMarkdownPrints() throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cli = DescentCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("plugins", "--format", "markdown")).isZero();

        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("docs/configuration.md has the generated section markers").isNotNegative();
        String checkedIn = doc.substring(begin + BEGIN.length(), end).strip();
        assertThat(checkedIn)
                .as("docs/configuration.md is stale: regenerate the section with"
                        + " 'java -jar cli/target/descent.jar plugins --format markdown'")
                .isEqualTo(out.toString().strip());
    }
}
