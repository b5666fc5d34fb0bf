package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.DescentApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Third-party plugin jars dropped into a folder and used by name, through the real CLI. */
class PluginJarsIT {

    @TempDir
    Path dir;

    private Path pluginFolder;

    private static Path exampleJar(String property) {
        Path jar = Path.of(System.getProperty(property));
        assertThat(jar).as("example plugin jar (built by the examples/ modules)").isRegularFile();
        return jar;
    }

    private static Path huber() {
        return exampleJar("example.huber.jar");
    }

    private static Path momentum() {
        return exampleJar("example.momentum.jar");
    }

    @BeforeEach
    void dropExamplesIntoAPluginFolder() throws IOException {
        pluginFolder = Files.createDirectory(dir.resolve("my-plugins"));
        Files.copy(huber(), pluginFolder.resolve("huber-loss.jar"));
        Files.copy(momentum(), pluginFolder.resolve("momentum-sgd.jar"));
    }

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    private static List<Double> losses(DescentProcess.Result result) {
        return result.epochLosses();
    }

    @Test
    void aDroppedInLossTrainsTheBooksProblem() {
        // Huber's gradient is clipped at |error| > delta, so it needs a larger step than the book's 0.03
        // to cover the distance to b = 4.2 in three epochs.
        DescentProcess.Result result = descent("train", "--plugins", "my-plugins", "--set", "loss=huber",
                "--set", "optimizer.lr=0.1");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(losses(result)).hasSize(3);
        assertThat(losses(result).get(2)).isLessThan(1e-3);
    }

    @Test
    void aDroppedInOptimizerTrainsTheBooksProblem() {
        DescentProcess.Result result = descent("train", "--plugins", "my-plugins", "--set", "optimizer=momentum");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(losses(result).get(2)).isLessThan(1e-3);
        DescentProcess.Result tuned = descent("train", "--plugins", "my-plugins", "--set", "optimizer=momentum",
                "--set", "optimizer.momentum=0.5", "--set", "optimizer.lr=0.05");
        assertThat(tuned.exitCode()).as(tuned.stderr()).isZero();
        assertThat(tuned.stdout()).isNotEqualTo(result.stdout());
    }

    @Test
    void withoutThePluginFolderTheNamesAreUnknown() {
        DescentProcess.Result loss = descent("train", "--set", "loss=huber");
        assertThat(loss.exitCode()).isEqualTo(2);
        assertThat(loss.stderr()).contains("unknown loss 'huber'").contains("available losses: binary-cross-entropy, cross-entropy, squared");
        DescentProcess.Result optimizer = descent("train", "--set", "optimizer=momentum");
        assertThat(optimizer.exitCode()).isEqualTo(2);
        assertThat(optimizer.stderr()).contains("unknown optimizer 'momentum'").contains("available optimizers: adagrad, adam, adamw, rmsprop, sgd");
    }

    @Test
    void pluginsListsDroppedInComponentsWithTheirOptionsAndJars() {
        DescentProcess.Result result = descent("plugins", "--plugins", "my-plugins");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout())
                .contains("huber - ").contains("loss.delta = 1.0")
                .contains("momentum - ").contains("optimizer.momentum = 0.9").contains("optimizer.lr = 0.01")
                .contains(pluginFolder.resolve("huber-loss.jar").toString() + ", version 1.0.0")
                .contains(pluginFolder.resolve("momentum-sgd.jar").toString() + ", version 1.0.0");
    }

    @Test
    void aDescentPluginsFolderInTheWorkingDirectoryIsUsedWithoutAFlag() throws IOException {
        Files.move(pluginFolder, dir.resolve("descent-plugins"));
        DescentProcess.Result result = descent("train", "--set", "optimizer=momentum", "--set", "train.epochs=1");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    @Test
    void aConfigFileCanNamePluginFolders() throws IOException {
        Files.writeString(dir.resolve("run.properties"), "plugins.dirs = my-plugins\nloss = huber\n"
                + "optimizer.lr = 0.1\n");
        DescentProcess.Result result = descent("train", "-c", "run.properties");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(losses(result).get(2)).isLessThan(1e-3);
    }

    @Test
    void theSameNameInTwoJarsIsAnErrorNamingBothJars() throws IOException {
        Path copy = Files.copy(huber(), pluginFolder.resolve("huber-copy.jar"));
        DescentProcess.Result result = descent("train", "--plugins", "my-plugins", "--set", "loss=huber");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr()).contains(copy.toString()).contains(pluginFolder.resolve("huber-loss.jar").toString())
                .contains("offered 2 times");
        DescentProcess.Result unaffected = descent("train", "--plugins", "my-plugins", "--set", "optimizer=momentum",
                "--set", "train.epochs=1");
        assertThat(unaffected.exitCode()).as("a conflict in losses does not stop other components").isZero();
    }

    @Test
    void aJarWithABrokenServiceEntryIsReportedAndTheGoodJarStillTrains() throws IOException {
        Path broken = TestJars.withMissingProvider(pluginFolder.resolve("broken.jar"), "dev.descent.api.Loss",
                "com.example.descent.MissingLoss");
        DescentProcess.Result result = descent("train", "--plugins", "my-plugins", "--set", "loss=huber",
                "--set", "optimizer.lr=0.1");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(losses(result).get(2)).isLessThan(1e-3);
        assertThat(result.stderr()).contains("WARN").contains(broken.toString()).contains("com.example.descent.MissingLoss");
        DescentProcess.Result selected = descent("train", "--plugins", "my-plugins", "--set", "loss=missing");
        assertThat(selected.exitCode()).isEqualTo(2);
        assertThat(selected.stderr()).contains("failed to load").contains("com.example.descent.MissingLoss");
    }

    @Test
    void aJarBuiltForAnotherApiVersionIsRefusedWithTheReason() throws IOException {
        Files.delete(pluginFolder.resolve("huber-loss.jar"));
        Path future = TestJars.withManifestAttribute(huber(), pluginFolder.resolve("huber-future.jar"),
                DescentApi.MANIFEST_ATTRIBUTE, "99");
        DescentProcess.Result result = descent("train", "--plugins", "my-plugins", "--set", "loss=huber");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains(future.toString()).contains("API 99")
                .contains("provides API " + DescentApi.version());
    }

    @Test
    void aJarBuiltForAnEarlierMinorApiVersionTrainsAndOneForALaterMinorVersionIsRefused() throws IOException {
        Files.delete(pluginFolder.resolve("huber-loss.jar"));
        Path earlier = TestJars.withManifestAttribute(huber(), pluginFolder.resolve("huber-2.0.jar"),
                DescentApi.MANIFEST_ATTRIBUTE, "2.0");
        DescentProcess.Result trained = descent("train", "--plugins", "my-plugins", "--set", "loss=huber",
                "--set", "train.epochs=1");
        assertThat(trained.exitCode()).as(trained.stderr()).isZero();
        assertThat(trained.stdout()).contains("epoch 1, loss");

        Files.delete(earlier);
        Path later = TestJars.withManifestAttribute(huber(), pluginFolder.resolve("huber-2.9.jar"),
                DescentApi.MANIFEST_ATTRIBUTE, DescentApi.VERSION + "." + (DescentApi.MINOR + 8));
        DescentProcess.Result refused = descent("train", "--plugins", "my-plugins", "--set", "loss=huber");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains(later.toString())
                .contains("was built for Descent plugin API 2." + (DescentApi.MINOR + 8) + ", newer than this Descent's "
                        + DescentApi.version())
                .contains("build the plugin against descent-api " + DescentApi.version());
    }

    @Test
    void aFileThatIsNotAJarIsSkippedWithAWarning() throws IOException {
        TestJars.garbage(pluginFolder.resolve("notes.jar"));
        Files.writeString(pluginFolder.resolve("README.txt"), "not a plugin");
        DescentProcess.Result result = descent("train", "--plugins", "my-plugins", "--set", "optimizer=momentum",
                "--set", "train.epochs=1");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("notes.jar").contains("it is not a jar (not a zip file").doesNotContain("README.txt");
    }

    @Test
    void aMissingPluginFolderIsAUserError() {
        DescentProcess.Result result = descent("train", "--plugins", "no-such-folder");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr()).contains("no-such-folder").contains("does not exist");
    }

    @Test
    void aDroppedInDeviceOfMemoryOnlyTrainsTheBooksRunToTheCpusLoss() throws IOException {
        Files.copy(exampleJar("example.minimal-device.jar"), pluginFolder.resolve("minimal-device.jar"));
        DescentProcess.Result cpu = descent("train");
        DescentProcess.Result minimal = descent("train", "--plugins", "my-plugins", "--set", "device=minimal");
        assertThat(minimal.exitCode()).as(minimal.stderr()).isZero();
        assertThat(losses(minimal)).hasSize(3);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertThat(losses(minimal).get(epoch)).as("epoch %d", epoch + 1)
                    .isCloseTo(losses(cpu).get(epoch), org.assertj.core.data.Percentage.withPercentage(0.1));
        }
        DescentProcess.Result devices = descent("devices", "--plugins", "my-plugins", "--verbose");
        assertThat(devices.exitCode()).as(devices.stderr()).isZero();
        assertThat(devices.stdout()).contains("minimal - ").contains("native kernels: none")
                .contains("on the host (slower): unary, scalar, binary, matmul");
        DescentProcess.Result verbose = descent("train", "--plugins", "my-plugins", "--set", "device=minimal",
                "--set", "train.epochs=1", "--verbose");
        assertThat(verbose.stderr()).contains("has no native matmul kernel; running it on the host");
    }

    @Test
    void aLossBuiltOnAFunctionOfItsOwnTrainsTheBooksProblem() throws IOException {
        Files.copy(exampleJar("example.log-cosh.jar"), pluginFolder.resolve("log-cosh-loss.jar"));
        DescentProcess.Result result = descent("train", "--plugins", "my-plugins", "--set", "loss=log-cosh",
                "--set", "train.epochs=5");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(losses(result)).hasSize(5);
        // log cosh(e) ≈ e²/2 near the optimum, so the loss settles near the squared loss's σ²/2 = 5e-5.
        assertThat(losses(result).get(4)).isLessThan(1e-4);
        DescentProcess.Result listed = descent("plugins", "loss", "--plugins", "my-plugins");
        assertThat(listed.stdout()).contains("log-cosh - Example: log(cosh(y_hat - y)) per example");
    }

    @Test
    void aJarCanDeclareANewKindWithItsComponents() throws IOException {
        TestJars.plugin(pluginFolder.resolve("greetings.jar"), java.util.Map.of(
                        dev.descent.api.KindProvider.class, List.of(dev.descent.cli.testplugins.GreetingKinds.class),
                        dev.descent.cli.testplugins.Greeting.class, List.of(dev.descent.cli.testplugins.HelloGreeting.class)),
                dev.descent.cli.testplugins.Greeting.class);
        DescentProcess.Result listed = descent("plugins", "greeting", "--plugins", "my-plugins");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout()).contains("Greetings (choose with greeting = NAME)").contains("hello (default)")
                .contains("greeting.name = world");
        DescentProcess.Result trained = descent("train", "--plugins", "my-plugins", "--set", "greeting.name=Descent",
                "--set", "train.epochs=1", "--save", "m.json");
        assertThat(trained.exitCode()).as(trained.stderr()).isZero();
        assertThat(Files.readString(dir.resolve("m.json"))).contains("\"greeting.name\" : \"Descent\"");
        DescentProcess.Result typo = descent("train", "--plugins", "my-plugins", "--set", "greeting.nme=x");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.stderr()).contains("greeting 'hello' has no option 'nme'; did you mean greeting.name?");
    }

    @Test
    void aLayerFromASeparatelyBuiltJarIsComposedByNameTrainsAndItsSavedModelIsEvaluatedAndExported() throws IOException {
        String[] run = {"train", "--plugins", "my-plugins", "--set", "model=sequential", "--set",
                "model.layers=linear:4, swish:beta=2, linear", "--set", "train.epochs=3", "--save", "m.json"};
        DescentProcess.Result without = descent(run);
        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.stderr()).contains("unknown layer 'swish'");

        TestJars.plugin(pluginFolder.resolve("swish.jar"), dev.descent.api.Layer.class,
                dev.descent.cli.testplugins.Swish.class);
        DescentProcess.Result listed = descent("plugins", "layer", "--plugins", "my-plugins");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout()).contains("swish - Test layer").contains("swish:beta = 1.0");
        DescentProcess.Result trained = descent(run);
        assertThat(trained.exitCode()).as(trained.stderr()).isZero();
        List<Double> losses = trained.epochLosses();
        assertThat(losses).hasSize(3);
        assertThat(losses.get(2)).isLessThan(losses.get(0));
        assertThat(Files.readString(dir.resolve("m.json"))).contains("swish:beta=2.0");

        DescentProcess.Result evaluated = descent("evaluate", "--model", "m.json", "--plugins", "my-plugins",
                "--set", "data=synthetic-gaussian");
        assertThat(evaluated.exitCode()).as(evaluated.stderr()).isZero();
        assertThat(evaluated.stdout()).contains("RMSE");

        // Exported by tracing its forward pass: the jar's swish becomes Mul and Sigmoid nodes, and ONNX
        // Runtime gives what descent predict gives.
        DescentProcess.Result exported = descent("export", "--model", "m.json", "--plugins", "my-plugins", "--format",
                "onnx", "--out", "m.onnx");
        assertThat(exported.exitCode()).as(exported.stderr()).isZero();
        float[] rows = {0.5f, -1.2f, 1.5f, 2.0f, -0.3f, 0.1f, 3.0f, -2.5f};
        Files.writeString(dir.resolve("rows.csv"), "x0,x1\n0.5,-1.2\n1.5,2.0\n-0.3,0.1\n3.0,-2.5\n");
        DescentProcess.Result predicted = descent("predict", "--model", "m.json", "--plugins", "my-plugins", "--data",
                "rows.csv", "--out", "p.csv");
        assertThat(predicted.exitCode()).as(predicted.stderr()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("p.csv"));
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (ai.onnxruntime.OrtSession session = env.createSession(dir.resolve("m.onnx").toString(),
                new ai.onnxruntime.OrtSession.SessionOptions());
             ai.onnxruntime.OrtSession.Result result = session.run(java.util.Map.of("features",
                     ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(rows), new long[] {4, 2})))) {
            float[][] onnx = (float[][]) result.get("predictions").orElseThrow().getValue();
            for (int i = 0; i < 4; i++) {
                double expected = Double.parseDouble(lines.get(i + 1));
                assertThat((double) onnx[i][0]).as("row %d", i).isCloseTo(expected,
                        org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(expected))));
            }
        } catch (ai.onnxruntime.OrtException e) {
            throw new AssertionError(e);
        }
        assertThat(new String(Files.readAllBytes(dir.resolve("m.onnx")), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("Sigmoid");
    }

    @Test
    void aComponentOfANewKindActsAtTheLoopsHookPointsAndCanEndTheRun() throws IOException {
        TestJars.plugin(pluginFolder.resolve("greetings.jar"), java.util.Map.of(
                        dev.descent.api.KindProvider.class, List.of(dev.descent.cli.testplugins.GreetingKinds.class),
                        dev.descent.cli.testplugins.Greeting.class, List.of(dev.descent.cli.testplugins.HelloGreeting.class)),
                dev.descent.cli.testplugins.Greeting.class);
        DescentProcess.Result traced = descent("train", "--plugins", "my-plugins", "--set", "greeting.name=Descent",
                "--set", "greeting.trace=trace.txt", "--set", "data.examples=20", "--set", "train.epochs=2");
        assertThat(traced.exitCode()).as(traced.stderr()).isZero();
        assertThat(traced.stdout()).startsWith("hello, Descent (2 parameters)\n").contains("epoch 2, loss");
        assertThat(Files.readAllLines(dir.resolve("trace.txt"))).containsExactly("beforeRun",
                "beforeEpoch 1", "beforeBatch 1.1", "afterBatch 1.1", "beforeBatch 1.2", "afterBatch 1.2", "afterEpoch 1",
                "beforeEpoch 2", "beforeBatch 2.1", "afterBatch 2.1", "beforeBatch 2.2", "afterBatch 2.2", "afterEpoch 2",
                "afterRun 2");

        DescentProcess.Result stopped = descent("train", "--plugins", "my-plugins", "--set", "greeting.name=Descent",
                "--set", "greeting.stop-after=1", "--set", "train.epochs=10", "--save", "m.json");
        assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
        assertThat(stopped.stdout()).contains("epoch 1, loss").doesNotContain("epoch 2, loss");
        assertThat(stopped.stderr()).contains("stopped after epoch 1 of 10: Descent has been greeted for 1 epoch(s)"
                + " ('hello')");
        assertThat(Files.readString(dir.resolve("m.json"))).contains("\"epoch\" : 1");
    }

    @Test
    void aCallbackThatAsksToStopEndsTheRunAfterThatEpoch() throws IOException {
        TestJars.plugin(pluginFolder.resolve("stop-after.jar"), dev.descent.api.Callback.class,
                dev.descent.cli.testplugins.StopAfterEpoch.class);
        DescentProcess.Result result = descent("train", "--plugins", "my-plugins", "--set", "callbacks=stop-after",
                "--set", "stop-after.epoch=2", "--set", "train.epochs=10");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(losses(result)).hasSize(2);
        assertThat(result.stderr()).contains("stopped after epoch 2 of 10: epoch 2 was the last one asked for"
                + " (callback 'stop-after')");
        DescentProcess.Result unknownOption = descent("train", "--plugins", "my-plugins", "--set",
                "callbacks=stop-after", "--set", "stop-after.epochs=2");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.stderr()).contains("stop-after.epochs").contains("did you mean stop-after.epoch?");
        DescentProcess.Result notChosen = descent("train", "--plugins", "my-plugins", "--set", "stop-after.epoch=2");
        assertThat(notChosen.exitCode()).isEqualTo(2);
        assertThat(notChosen.stderr()).contains("configures callback 'stop-after', which this run does not use")
                .contains("callbacks = stop-after");
    }

    @Test
    void aPluginWhoseStaticInitialiserFailsIsOneLineWithTheCause() throws IOException {
        TestJars.plugin(pluginFolder.resolve("broken.jar"), dev.descent.api.Loss.class,
                dev.descent.cli.testplugins.BrokenStaticLoss.class);
        DescentProcess.Result result = descent("train", "--plugins", "my-plugins", "--set", "loss=broken-static");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr()).contains("its static initialiser threw java.lang.IllegalStateException: lookup"
                + " table broken-static.bin is missing from the jar").doesNotContain("internal error");
    }

    @Test
    void aFolderGivenTwiceOrAlsoFoundAsDotDescentPluginsLoadsEachJarOnce() throws IOException {
        DescentProcess.Result twice = descent("train", "--plugins", "my-plugins", "--plugins",
                pluginFolder.toAbsolutePath().toString(), "--set", "loss=huber", "--set", "train.epochs=1");
        assertThat(twice.exitCode()).as(twice.stderr()).isZero();
        Files.move(pluginFolder, dir.resolve("descent-plugins"));
        DescentProcess.Result alsoImplicit = descent("train", "--plugins", "descent-plugins", "--set", "loss=huber", "--set",
                "train.epochs=1");
        assertThat(alsoImplicit.exitCode()).as("./descent-plugins is scanned anyway: " + alsoImplicit.stderr()).isZero();
        Files.move(dir.resolve("descent-plugins"), pluginFolder);
    }

    @Test
    void aPluginThatCallsSystemExitIsNamedAndTheRunEndsWithExitCode2() throws IOException {
        TestJars.plugin(pluginFolder.resolve("exits.jar"), dev.descent.api.Loss.class,
                dev.descent.cli.testplugins.ExitingLoss.class);
        DescentProcess.Result step = descent("train", "--plugins", "my-plugins", "--set", "loss=exits", "--save",
                "m.json");
        assertThat(step.exitCode()).as("it used to be the plugin's 0").isEqualTo(2);
        assertThat(step.stderrLines()).hasSize(1);
        assertThat(step.stderr()).contains("a plugin ended the program while running 'train'")
                .contains("dev.descent.cli.testplugins.ExitingLoss.apply").contains("called System.exit")
                .contains("nothing was saved");
        assertThat(dir.resolve("m.json")).doesNotExist();

        Files.delete(pluginFolder.resolve("exits.jar"));
        TestJars.plugin(pluginFolder.resolve("exits-static.jar"), dev.descent.api.Loss.class,
                dev.descent.cli.testplugins.ExitingStaticLoss.class);
        for (String[] args : new String[][] {{"train", "--plugins", "my-plugins", "--set", "loss=exits-static"},
                {"plugins", "--plugins", "my-plugins"}}) {
            DescentProcess.Result result = descent(args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.stderrLines()).hasSize(1);
            assertThat(result.stderr()).contains("while running '" + args[0] + "'")
                    .contains("dev.descent.cli.testplugins.ExitingStaticLoss.<clinit>");
        }
    }

    @Test
    void runningOutOfMemoryIsOneLineWithTheHeapLimitAndHowToRaiseIt() throws IOException {
        TestJars.plugin(pluginFolder.resolve("hungry.jar"), dev.descent.api.Loss.class,
                dev.descent.cli.testplugins.HungryLoss.class);
        DescentProcess.Result result = DescentProcess.run(dir, java.util.Map.of(), List.of("-Xmx128m"), "train",
                "--plugins", "my-plugins", "--set", "loss=hungry");
        assertThat(result.exitCode()).as("it used to be 1 with a stack trace").isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr()).contains("descent: ran out of memory while running 'train': Java's heap limit is 128"
                + " MiB").contains("-Xmx").doesNotContain("\tat ");
    }

    @Test
    void theCliJarDeclaresThePluginApiItProvides() throws IOException {
        try (JarFile jar = new JarFile(DescentProcess.jar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue(DescentApi.MANIFEST_ATTRIBUTE))
                    .isEqualTo(DescentApi.version());
        }
    }
}
