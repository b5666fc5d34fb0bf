package dev.descent.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help text wrapped at spaces only. picocli wraps with the JDK's line {@link java.text.BreakIterator},
 * which also breaks after a full stop inside a word ({@code residuals.} / {@code png},
 * {@code (e.} / {@code g.}); here picocli lays the sections out on one very wide line each, and
 * this class wraps them at spaces to the usage width.
 */
final class HelpText {

    private static final int UNWRAPPED = 100_000;
    /** picocli's indent for the continuation lines of an option's description. */
    private static final int CONTINUATION_INDENT = 2;

    private HelpText() {
    }

    /** Replaces the option list and the description renderers of {@code cli} and its subcommands. */
    static void wrapAtSpaces(CommandLine cli) {
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpText::optionList);
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpText::description);
        for (CommandLine sub : cli.getSubcommands().values()) {
            wrapAtSpaces(sub);
        }
    }

    private static String optionList(Help help) {
        int longOptions = help.createDefaultLayout().textTable().columns()[3].width;
        // picocli's columns: "* ", "-c", ",", the long option, then the description after one space.
        int column = 6 + longOptions;
        Help.TextTable wide = Help.TextTable.forDefaultColumns(help.colorScheme(), longOptions, UNWRAPPED);
        String laidOut = help.optionList(new Help.Layout(help.colorScheme(), wide), help.createDefaultOptionSort(),
                help.parameterLabelRenderer());
        int width = help.commandSpec().usageMessage().width();
        StringBuilder out = new StringBuilder();
        for (String line : laidOut.split("\n", -1)) {
            String stripped = line.stripTrailing();
            if (stripped.length() <= width) {
                out.append(stripped).append('\n');
                continue;
            }
            String left = stripped.substring(0, column);
            List<String> lines = wrap(stripped.substring(column).strip(), width - column - CONTINUATION_INDENT,
                    width - column);
            out.append(left).append(lines.get(0)).append('\n');
            String indent = " ".repeat(column + CONTINUATION_INDENT);
            for (String more : lines.subList(1, lines.size())) {
                out.append(indent).append(more).append('\n');
            }
        }
        return out.toString().replaceAll("\n+$", "\n");
    }

    private static String description(Help help) {
        String[] paragraphs = help.commandSpec().usageMessage().description();
        if (paragraphs.length == 0) {
            return "";
        }
        int width = help.commandSpec().usageMessage().width();
        StringBuilder out = new StringBuilder();
        for (String paragraph : paragraphs) {
            String text = help.commandSpec().interpolateVariables() ? help.colorScheme().text(paragraph).plainString()
                    : paragraph;
            for (String piece : text.split("%n", -1)) {   // picocli's line break in descriptions
                for (String line : wrap(piece, width, width)) {
                    out.append(line).append('\n');
                }
            }
        }
        return out.toString();
    }

    /**
     * {@code text} in lines of at most {@code width} characters ({@code first} for the first line),
     * broken at spaces only; a word longer than a line stays whole.
     */
    static List<String> wrap(String text, int width, int first) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int limit = first;
        for (String word : text.split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > limit) {
                lines.add(line.toString());
                line.setLength(0);
                limit = width;
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
