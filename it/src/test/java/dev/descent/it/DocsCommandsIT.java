package dev.descent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell command of README.md and docs/*.md runs as written, and prints what the page shows.
 *
 * <p>Each page runs in a checkout of its own, as a reader's: a folder that links to every top-level
 * entry of the repository (so {@code bin/descent}, {@code cli/target/descent.jar}, {@code data/} and
 * {@code examples/} are where the page says) and receives what the commands write
 * ({@code model.json}, {@code figures/}, {@code descent-plugins/}); its parent is the page's own, for
 * what a page does beside the checkout ({@code cd ..}). Its blocks run in page order, each block as
 * one bash script started in the checkout (a {@code cd} lasts to the block's end), with Descent's
 * {@code bin/} on the PATH as getting-started.md sets it. A page's complete files (the project
 * writing-a-plugin.md builds by hand) are written where its {@code <!-- files in: DIR -->} comment
 * says, relative to the checkout.
 *
 * <ul>
 *   <li>A {@code sh} block runs; a plain block right after it is its output. A plain block whose
 *       first line starts with {@code $ } is a transcript: the commands after {@code $ } run and the
 *       other lines are their output.</li>
 *   <li>Output is compared line by line with the standard output and error together; a line of the
 *       page that is only {@code …} stands for any lines, a {@code …} inside a line for any text, and
 *       durations ({@code in 0.035 s}) are not compared. Log lines ({@code INFO}, {@code WARN}) count
 *       only when the page shows some.</li>
 *   <li>A {@code jshell} block is a JShell session: its first line {@code $ jshell …} starts it, the
 *       lines after {@code jshell> } are typed into it, the others are what it prints (prompts and
 *       blank lines aside).</li>
 *   <li>A command exits 0 unless its comment says {@code exit N}.</li>
 *   <li>A block that cannot run here says why in an HTML comment on the line before it,
 *       {@code <!-- not run: the reason -->}, e.g. one that needs a Spark cluster.</li>
 *   <li>{@code mvn} at the checkout's root without a plugin goal (build, install, the tests) is what
 *       the build running this test has just done, so it is not run again; any other {@code mvn} (a
 *       plugin project, the archetype) runs against the clean local repository that holds Descent's
 *       installed artifacts, as after the install step the pages show first.</li>
 * </ul>
 */
class DocsCommandsIT {

    private static final Path REPO = Path.of(System.getProperty("docs.dir", "../docs")).toAbsolutePath().normalize()
            .getParent();
    private static final Pattern BLOCK = Pattern.compile("^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern NOT_RUN = Pattern.compile("<!--\\s*not run:\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern COMPLETE = Pattern.compile("^(?://|<!--)\\s*(\\S+): a complete file(?:\\s*-->)?\\s*$");
    private static final Pattern EXIT = Pattern.compile("#.*\\bexit(?: code)? (\\d+)\\b");
    private static final Pattern FILES_IN = Pattern.compile("<!--\\s*files in:\\s*(\\S+)\\s*-->");
    private static final Pattern DURATION = Pattern.compile("\\b\\d+(\\.\\d+)? s\\b");
    private static final Pattern LOG_LINE = Pattern.compile("^(INFO|WARN|DEBUG) ");
    /**
     * What the JDK's java.util.prefs logs once per machine, the first time JShell runs for a user without
     * a preferences folder: two lines, a date and then this one; not the page's command's output.
     */
    private static final Pattern JDK_PREFS = Pattern.compile("^(\\w{3} \\d{1,2}, \\d{4} .*java\\.util\\.prefs\\."
            + "FileSystemPreferences.*|INFO: Created user preferences directory\\.)$");
    private static final String ANY = "…";

    @TempDir
    Path dir;

    /** A fenced block: its language, text, first line in the page, and the reason it is not run, if any. */
    record Block(String language, String text, int line, String notRun, int start, int end) {
    }

    /** One command to run, what it must print (null when the page shows nothing), and its expected exit code. */
    record Command(String text, int exitCode) {
    }

    /** @param input what is typed into the commands (a JShell session's lines), or null */
    record Step(String page, int line, List<Command> commands, String expected, String input) {

        Step(String page, int line, List<Command> commands, String expected) {
            this(page, line, commands, expected, null);
        }
    }

    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            String before = text.substring(0, m.start()).stripTrailing();
            String lastLine = before.substring(before.lastIndexOf('\n') + 1);
            Matcher notRun = NOT_RUN.matcher(lastLine);
            blocks.add(new Block(m.group(1), m.group(2), line, notRun.find() ? notRun.group(1) : null, m.start(),
                    m.end()));
        }
        return blocks;
    }

    private static boolean isShell(Block block) {
        return block.language().equals("sh") || block.language().equals("bash");
    }

    private static boolean isTranscript(Block block) {
        return block.language().isEmpty() && block.text().startsWith("$ ");
    }

    /** The commands of a shell block: continuation lines joined, comments and blank lines left out. */
    static List<Command> commands(String text) {
        List<Command> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (current.isEmpty() && (line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String command = current.toString().strip();
            Matcher exit = EXIT.matcher(command);
            commands.add(new Command(command, exit.find() ? Integer.parseInt(exit.group(1)) : 0));
            current.setLength(0);
        }
        return commands;
    }

    /** What a page asks to run, in order; fails on a block marked "not run" without a reason. */
    static List<Step> steps(String page, String text) {
        List<Block> blocks = blocks(text);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (block.notRun() != null) {
                assertThat(block.notRun()).as("%s line %d: the reason it is not run", page, block.line()).isNotBlank();
                continue;
            }
            if (isShell(block)) {
                String expected = null;
                if (i + 1 < blocks.size()) {
                    Block next = blocks.get(i + 1);
                    if (next.language().isEmpty() && !isTranscript(next)
                            && text.substring(block.end(), next.start()).isBlank()) {
                        expected = next.text();
                    }
                }
                steps.add(new Step(page, block.line(), commands(block.text()), expected));
            } else if (block.language().equals("jshell")) {
                List<String> lines = block.text().lines().toList();
                assertThat(lines.get(0)).as("%s line %d: a JShell session starts with its command", page, block.line())
                        .startsWith("$ jshell");
                StringBuilder input = new StringBuilder();
                StringBuilder expected = new StringBuilder();
                for (String line : lines.subList(1, lines.size())) {
                    if (line.startsWith("jshell> ")) {
                        input.append(line.substring("jshell> ".length())).append('\n');
                    } else if (!line.isBlank()) {
                        expected.append(line).append('\n');
                    }
                }
                input.append("/exit\n");
                steps.add(new Step(page, block.line(), commands(lines.get(0).substring(2)), expected.toString(),
                        input.toString()));
            } else if (isTranscript(block)) {
                List<Command> commands = new ArrayList<>();
                StringBuilder expected = new StringBuilder();
                for (String line : block.text().split("\n")) {
                    if (line.startsWith("$ ")) {
                        commands.addAll(commands(line.substring(2)));
                    } else {
                        expected.append(line).append('\n');
                    }
                }
                steps.add(new Step(page, block.line(), commands, expected.toString()));
            }
        }
        return steps;
    }

    /**
     * Whether {@code actual} prints what the page shows: line by line, {@code …} lines standing for any
     * lines, durations ignored, log lines ignored unless the page shows some.
     */
    static boolean matches(String expected, String actual) {
        List<String> page = expected.lines().map(DocsCommandsIT::normalized).toList();
        boolean pageLogs = page.stream().anyMatch(l -> LOG_LINE.matcher(l).find());
        List<String> printed = actual.lines().map(DocsCommandsIT::normalized)
                .filter(l -> !JDK_PREFS.matcher(l).matches())
                .filter(l -> pageLogs || !LOG_LINE.matcher(l).find()).toList();
        StringBuilder regex = new StringBuilder("\\A");
        for (String line : page) {
            if (line.strip().equals(ANY)) {
                regex.append("(?:[^\\n]*\\n)*?");
            } else {
                String[] parts = line.split(Pattern.quote(ANY), -1);
                for (int i = 0; i < parts.length; i++) {
                    regex.append(i == 0 ? "" : "[^\\n]*").append(Pattern.quote(parts[i]));
                }
                regex.append("\\n");
            }
        }
        regex.append("\\z");
        String joined = printed.stream().map(l -> l + "\n").reduce("", String::concat);
        return Pattern.compile(regex.toString()).matcher(joined).matches();
    }

    private static String normalized(String line) {
        return DURATION.matcher(line.stripTrailing()).replaceAll("N s");
    }

    static List<String> pages() throws IOException {
        List<String> pages = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            docs.map(p -> "docs/" + p.getFileName()).filter(p -> p.endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @TestFactory
    Stream<DynamicTest> everyShellCommandOfEveryPageRunsAndPrintsWhatThePageShows() throws IOException {
        return pages().stream().map(page -> DynamicTest.dynamicTest(page, () -> runPage(page)));
    }

    private void runPage(String page) throws IOException, InterruptedException {
        String text = Files.readString(REPO.resolve(page), StandardCharsets.UTF_8);
        List<Step> steps = steps(page, text);
        if (steps.isEmpty()) {
            return;
        }
        Path checkout = Files.createDirectories(dir.resolve(page.replace('/', '-').replace(".md", "")).resolve("checkout"));
        List<Path> links = new ArrayList<>();
        try (Stream<Path> entries = Files.list(REPO)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals(".git") && !name.equals("target")) {
                    links.add(Files.createSymbolicLink(checkout.resolve(name), entry));
                }
            }
        }
        try {
            runSteps(page, text, steps, checkout);
        } finally {
            for (Path link : links) {   // the links go first: the temporary folder's clean-up then sees none
                Files.deleteIfExists(link);
            }
        }
    }

    private void runSteps(String page, String text, List<Step> steps, Path checkout)
            throws IOException, InterruptedException {
        Matcher filesIn = FILES_IN.matcher(text);
        if (filesIn.find()) {
            Path project = checkout.resolve(filesIn.group(1)).normalize();
            assertThat(project.startsWith(checkout)).as("%s: files in %s stays out of the repository", page,
                    filesIn.group(1)).isFalse();
            for (Block block : blocks(text)) {
                String first = block.text().lines().findFirst().orElse("").strip();
                Matcher complete = COMPLETE.matcher(first);
                if ((block.language().equals("java") || block.language().equals("xml")) && complete.matches()) {
                    Path file = project.resolve(complete.group(1));
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, block.text(), StandardCharsets.UTF_8);
                }
            }
        }
        Path shims = shims(checkout);
        for (Step step : steps) {
            if (!openClPresent() && step.commands().stream().anyMatch(c -> c.text().contains("device=opencl"))) {
                System.err.println("SKIPPING " + page + " line " + step.line() + ": no OpenCL device here");
                continue;
            }
            Ran ran = run(checkout, shims, step.commands(), step.input());
            if (ran.failed() != null) {
                fail("%s line %d: %s%n%s", page, step.line(), ran.failed(), ran.output());
            }
            String output = step.input() == null ? ran.output() : session(ran.output());
            if (step.expected() != null && !matches(step.expected(), output)) {
                fail("%s line %d: the commands printed%n%s%nbut the page shows%n%s", page, step.line(), output,
                        step.expected());
            }
        }
    }

    private static Boolean openCl;

    /** Whether Descent sees an OpenCL device: without one, commands with device=opencl are skipped, as the OpenCL tests are. */
    private static synchronized boolean openClPresent() throws IOException, InterruptedException {
        if (openCl == null) {
            MavenProjects.Result devices = MavenProjects.run(REPO, List.of(MavenProjects.java(), "-jar",
                    REPO.resolve("cli/target/descent.jar").toString(), "devices"));
            openCl = devices.exitCode() == 0 && !devices.output().contains("none usable:");
        }
        return openCl;
    }

    /** A {@code mvn} that the PATH finds first: see the class comment. */
    private Path shims(Path folder) throws IOException {
        Path shims = Files.createDirectories(dir.resolve("shims-" + folder.getFileName()));
        Path settings = MavenProjects.settings(shims.resolve("settings.xml"));
        String realMaven = whichMaven();
        Path mvn = shims.resolve("mvn");
        Files.writeString(mvn, """
                #!/bin/sh
                # At the checkout's root, without a plugin goal (package, install, verify): the build
                # running this test has done it.
                if [ "$(pwd -P)" = "%1$s" ] || [ "$(pwd -P)" = "%2$s" ]; then
                  case "$*" in
                    *:*) ;;
                    *) exit 0 ;;
                  esac
                fi
                exec "%3$s" -s "%4$s" -Dmaven.repo.local="%5$s" "$@"
                """.formatted(folder.toRealPath(), REPO.toRealPath(), realMaven, settings, MavenProjects.LOCAL_REPO));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return shims;
    }

    private static String whichMaven() {
        for (String part : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(part, "mvn");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return "mvn";
    }

    /** What a block printed, and which command failed (exit code other than expected), if one did. */
    record Ran(String output, String failed) {
    }

    /** What a JShell session printed, without its prompts, greeting, farewell and blank lines. */
    static String session(String printed) {
        StringBuilder out = new StringBuilder();
        for (String line : printed.replace("\b", "").split("\n")) {
            String text = line;
            while (text.startsWith("jshell>")) {
                text = text.substring("jshell>".length()).stripLeading();
            }
            if (!text.isBlank() && !text.startsWith("|  Welcome to JShell") && !text.startsWith("|  For an introduction")
                    && !text.startsWith("|  Goodbye")) {
                out.append(text).append('\n');
            }
        }
        return out.toString();
    }

    /** Runs a block's commands as one bash script in the checkout, stopping at the first unexpected exit code. */
    private static Ran run(Path checkout, Path shims, List<Command> commands, String input)
            throws IOException, InterruptedException {
        Path failed = Files.createTempFile("docs-failed", ".txt");
        StringBuilder script = new StringBuilder("set -o pipefail\n");
        for (Command command : commands) {
            String quoted = "'" + command.text().replace("'", "'\\''") + "'";
            script.append(command.text()).append('\n')
                    .append("code=$?; if [ $code -ne ").append(command.exitCode()).append(" ]; then printf '`%s` exited")
                    .append(" with %s, not ").append(command.exitCode()).append("' ").append(quoted)
                    .append(" \"$code\" > '").append(failed).append("'; exit 97; fi\n");
        }
        Path log = Files.createTempFile("docs-command", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script.toString()).directory(checkout.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PATH", shims + ":" + REPO.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().remove("JAVA_HOME");   // bin/descent chooses its JDK as on a reader's machine
        builder.environment().remove("DESCENT_JAVA");
        builder.environment().remove("COLUMNS");
        Process process = builder.start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(commands + " did not finish in 15 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String failure = Files.readString(failed, StandardCharsets.UTF_8);
        Files.delete(log);
        Files.delete(failed);
        return new Ran(output, failure.isEmpty() ? (process.exitValue() == 0 ? null
                : "the block exited with " + process.exitValue()) : failure);
    }

    // ----- the rules themselves -----------------------------------------------------------------

    @Test
    void aPageLineOfOnlyAnEllipsisStandsForAnyLinesAndDurationsAreNotCompared() {
        assertThat(matches("epoch 1, loss 0.5\n…\nepoch 9, loss 0.1\nINFO  trained 9 epoch(s) in 0.035 s\n",
                "epoch 1, loss 0.5\nepoch 2, loss 0.3\nepoch 9, loss 0.1\nINFO  trained 9 epoch(s) in 1.250 s\n"))
                .isTrue();
        assertThat(matches("epoch 1, loss 0.5\n", "epoch 1, loss 0.6\n")).isFalse();
        assertThat(matches("epoch 1, loss 0.5\n", "epoch 1, loss 0.5\nepoch 2, loss 0.4\n")).as("a line more").isFalse();
        assertThat(matches("epoch 1, loss 0.5\n", "epoch 1, loss 0.5\nINFO  trained 1 epoch(s) in 0.1 s\n"))
                .as("log lines count only when the page shows some").isTrue();
        assertThat(matches("a,b\nx,…\n", "a,b\nx,0.25,0.75\n")).isTrue();
        assertThat(matches("result ==> 1\n", "Dec 06, 2026 6:11:29 AM java.util.prefs.FileSystemPreferences$1 run\n"
                + "INFO: Created user preferences directory.\nresult ==> 1\n"))
                .as("what the JDK logs the first time JShell runs on a machine").isTrue();
    }

    @Test
    void commandsJoinContinuationLinesAndReadTheirExpectedExitCode() {
        assertThat(commands("# a comment\nbin/descent train \\\n    --set a=b\nbin/descent train --set lr=1000   # diverges:"
                + " exit 2, says so\n")).containsExactly(new Command("bin/descent train      --set a=b", 0),
                new Command("bin/descent train --set lr=1000   # diverges: exit 2, says so", 2));
    }

    @Test
    void aBlockNotRunMustSayWhy() {
        String page = "<!-- not run: -->\n```sh\nrm -rf /\n```\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> steps("page.md", page))
                .hasMessageContaining("page.md line 2: the reason it is not run");
        assertThat(steps("page.md", "<!-- not run: needs a cluster -->\n```sh\nspark-submit x\n```\n")).isEmpty();
    }

    @Test
    void aTranscriptRunsItsCommandsAndExpectsTheOtherLines() {
        List<Step> steps = steps("page.md", "```\n$ descent train --set loss=sqaured   # exit 2\ndescent: unknown loss\n```\n");
        assertThat(steps).singleElement().satisfies(step -> {
            assertThat(step.commands()).containsExactly(new Command("descent train --set loss=sqaured   # exit 2", 2));
            assertThat(step.expected()).isEqualTo("descent: unknown loss\n");
        });
    }
}
