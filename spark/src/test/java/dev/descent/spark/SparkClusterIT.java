package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on 127.0.0.1 — a master and two workers, each its own JVM started from
 * the Spark jars this build resolved — trains with a plugin jar from examples/ that the engine
 * ships to the executors; one worker (with its executor) is killed mid-run, and the run still ends
 * with the epoch lines of the same run on {@code local[2]}, bit for bit.
 */
class SparkClusterIT {

    @TempDir
    Path dir;

    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void stopCluster() {
        for (Process p : daemons) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void aRunSurvivesAKilledWorkerAndEndsAsWithoutTheFailure() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(Path.of(System.getProperty("example.huber.jar")), plugins.resolve("huber-loss.jar"));
        Path csv = SparkEngineTest.houses(dir.resolve("houses.csv"), 4_000);
        String run = String.join("\n",
                "data = csv", "data.path = " + csv, "data.target = price",
                "loss = huber", "optimizer.lr = 0.1",
                "train.epochs = 4", "train.batch-size = 20",
                "engine = spark", "engine.strategy = sync", "engine.partitions = 2",
                "spark.ui.enabled = false", "") + "\n";
        Path local = dir.resolve("local.properties");
        Files.writeString(local, run + "spark.master = local[2]\n");
        Path reference = Files.createDirectories(dir.resolve("reference"));
        SparkProcesses.Result expected = SparkProcesses.descentSpark(reference, "train", "-c", local.toString(),
                "--plugins", plugins.toString());
        assertThat(expected.exitCode()).as(expected.stderr()).isZero();
        assertThat(expected.stdout()).contains("epoch 4, loss");

        int master = freePort();
        Path home = sparkHome();
        daemons.add(daemon(home, "master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(master), "--webui-port", String.valueOf(freePort()))));
        String url = "spark://127.0.0.1:" + master;
        awaitListening(master);
        for (int w = 1; w <= 2; w++) {
            Path work = Files.createDirectories(dir.resolve("worker-" + w));
            daemons.add(daemon(home, "worker-" + w, List.of("org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--port", String.valueOf(freePort()), "--webui-port",
                    String.valueOf(freePort()), "--cores", "1", "--memory", "1g", "--work-dir", work.toString(), url)));
        }
        Path cluster = dir.resolve("cluster.properties");
        Files.writeString(cluster, run + "spark.master = " + url + "\nspark.executor.memory = 512m\n"
                + "spark.cores.max = 2\nspark.scheduler.minRegisteredResourcesRatio = 1.0\n"
                + "spark.scheduler.maxRegisteredResourcesWaitingTime = 60s\n");
        Path driverDir = Files.createDirectories(dir.resolve("driver"));
        Path out = driverDir.resolve("descent.out");
        Process driver = SparkProcesses.start(driverDir, SparkProcesses.command("train", "-c", cluster.toString(),
                "--plugins", plugins.toString()), out, driverDir.resolve("descent.err"));

        // Mid-run: after the first epoch's line, kill the first worker and the executor it runs.
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!SparkProcesses.read(out).contains("epoch 1,") && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(driver.isAlive()).as("the driver still runs after epoch 1: " + SparkProcesses.read(out)
                + SparkProcesses.read(driverDir.resolve("descent.err"))).isTrue();
        Process victim = daemons.get(1);
        List<ProcessHandle> executors = victim.descendants().toList();
        assertThat(executors).as("worker 1 runs an executor").isNotEmpty();
        executors.forEach(ProcessHandle::destroyForcibly);
        victim.destroyForcibly();

        assertThat(driver.waitFor(8, TimeUnit.MINUTES)).as("the run ends").isTrue();
        String stderr = SparkProcesses.read(driverDir.resolve("descent.err"));
        assertThat(driver.exitValue()).as(stderr).isZero();
        assertThat(SparkProcesses.read(out)).isEqualTo(expected.stdout());
        assertThat(SparkProcesses.read(out)).doesNotContain("epoch 5");
        assertThat(SparkProcesses.read(dir.resolve("master.err"))).as("the master saw the worker go")
                .contains("Removing worker");
    }

    /** A folder laid out like a Spark distribution (jars/) from the jars of the build's Spark class path. */
    private Path sparkHome() throws IOException {
        Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
        String classpath = Files.readString(Path.of(System.getProperty("spark.distribution.file"))).strip();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (Files.isRegularFile(jar) && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        return jars.getParent();
    }

    private Process daemon(Path home, String name, List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", home.resolve("jars") + "/*"));
        command.addAll(SparkFlags.JVM);
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_HOME", home.toString());
        // What a distribution's load-spark-env.sh sets; the worker's executor launcher needs it.
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_WORKER_DIR", dir.resolve("work-" + name).toString());
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the Spark master did not listen on 127.0.0.1:" + port + " within 60 s");
    }
}
