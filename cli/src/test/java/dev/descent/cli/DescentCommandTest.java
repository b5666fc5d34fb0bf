package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line builds only the subcommands a run names, and all of them whenever they may be listed. */
class DescentCommandTest {

    @Test
    void everySubcommandIsRegisteredUnderTheNameItsCommandAnnotationGives() {
        for (Map.Entry<String, Class<?>> entry : DescentCommand.SUBCOMMANDS.entrySet()) {
            assertThat(entry.getValue().getAnnotation(Command.class).name()).isEqualTo(entry.getKey());
        }
        assertThat(DescentCommand.commandLine().getSubcommands().keySet())
                .containsExactlyElementsOf(DescentCommand.SUBCOMMANDS.keySet());
    }

    @Test
    void aRunOfOneSubcommandBuildsOnlyThatOne() {
        assertThat(DescentCommand.commandLine("train", "--set", "optimizer.lr=0.1").getSubcommands())
                .containsOnlyKeys("train");
        assertThat(DescentCommand.commandLine("--verbose", "plugins", "--format", "markdown").getSubcommands())
                .containsOnlyKeys("plugins");
    }

    @Test
    void everyArgumentThatNamesASubcommandIsBuiltSoAnOptionValueCannotHideTheRealOne() {
        assertThat(DescentCommand.commandLine("--plugins", "plot", "train").getSubcommands())
                .containsOnlyKeys("plot", "train");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "-h", "--version", "-V", "help train", "trian", "--verbose"})
    void helpVersionATypoOrNoSubcommandBuildsThemAll(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertThat(DescentCommand.commandLine(args).getSubcommands().keySet())
                .containsExactlyElementsOf(DescentCommand.SUBCOMMANDS.keySet());
    }

    @Test
    void theTopHelpListsEverySubcommandAndATypoIsAUserError() {
        StringWriter out = new StringWriter();
        CommandLine cli = DescentCommand.commandLine("--help");
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        for (String name : DescentCommand.SUBCOMMANDS.keySet()) {
            assertThat(out.toString()).contains("  " + name);
        }

        StringWriter err = new StringWriter();
        cli = DescentCommand.commandLine("trian");
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("trian")).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(err.toString()).contains("unknown command 'trian'; did you mean 'train'?");
    }
}
