package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data = sql} through the real CLI: the same table as a CSV file, as a Parquet file read by
 * the built-in DuckDB, and as a PostgreSQL table (its driver jar dropped into the plugin folder)
 * trains to the same epoch lines; the password stays out of the model file and the log.
 */
class SqlIT {

    /** Where .ci/postgres started a throw-away PostgreSQL server, when it did. */
    private static final String POSTGRES_URL = System.getenv("DESCENT_TEST_POSTGRES_URL");
    private static final String POSTGRES_USER = System.getenv("DESCENT_TEST_POSTGRES_USER");
    private static final String POSTGRES_PASSWORD = System.getenv("DESCENT_TEST_POSTGRES_PASSWORD");

    @TempDir
    Path dir;

    private static final String RUN = """
            data.target = price
            data.validation-fraction = 0.2
            model = linreg
            loss = squared
            optimizer = sgd
            optimizer.lr = 0.03
            train.epochs = 5
            train.batch-size = 16
            """;

    /** House prices with decimals no float holds exactly and a Unix-time column (far from zero). */
    @BeforeEach
    void writeHouses() throws IOException {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("area,rooms,listed,price\n");
        for (int i = 0; i < 400; i++) {
            double area = 120 + 35 * random.nextGaussian();
            int rooms = 1 + random.nextInt(6);
            long listed = 1_700_000_000L + random.nextInt(5_000_000);
            double price = 2.1 * area + 9 * rooms + 3e-5 * (listed - 1_700_000_000L) + 12 * random.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.3f,%d,%d,%.2f%n", area, rooms, listed, price));
        }
        Files.writeString(dir.resolve("houses.csv"), csv);
        Files.writeString(dir.resolve("csv.properties"), "data = csv\ndata.path = houses.csv\n" + RUN);
    }

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    private List<String> epochLines(DescentProcess.Result result) {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> lines = result.stdoutLines().stream().filter(l -> l.startsWith("epoch ")).toList();
        assertThat(lines).hasSize(5);
        return lines;
    }

    @Test
    void aParquetFileReadThroughDuckDbTrainsToTheCsvFilesEpochLinesBitForBit() throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT * FROM '" + dir.resolve("houses.csv") + "') TO '" + dir.resolve("houses.parquet")
                    + "' (FORMAT parquet)");
        }
        Files.writeString(dir.resolve("parquet.properties"),
                "data = sql\ndata.query = SELECT * FROM 'houses.parquet'\n" + RUN);
        List<String> fromCsv = epochLines(descent("train", "-c", "csv.properties", "--save", "csv.json"));
        assertThat(epochLines(descent("train", "-c", "parquet.properties", "--save", "parquet.json")))
                .isEqualTo(fromCsv);
        DescentProcess.Result evaluated = descent("evaluate", "--model", "parquet.json", "--set", "data=sql",
                "--set", "data.query=SELECT * FROM 'houses.parquet'");
        assertThat(evaluated.exitCode()).as(evaluated.stderr()).isZero();
        assertThat(evaluated.stdout()).isEqualTo(descent("evaluate", "--model", "csv.json", "--data", "houses.csv")
                .stdout());
    }

    @Test
    void aPostgreSqlTableWithItsDriverInThePluginFolderTrainsAlikeAndKeepsThePasswordOut() throws Exception {
        assumeTrue(POSTGRES_URL != null, "no PostgreSQL server: .ci/postgres starts one (DESCENT_TEST_POSTGRES_URL)");
        String table = "houses_it_" + ProcessHandle.current().pid();
        load(table);
        try {
            Path driver = dropDriverIntoThePluginFolder();
            Files.writeString(dir.resolve("pg.properties"), "data = sql\ndata.url = " + POSTGRES_URL + "\ndata.user = "
                    + POSTGRES_USER + "\ndata.password-env = HOUSES_DB_PASSWORD\ndata.table = " + table + "\n" + RUN);
            List<String> fromCsv = epochLines(descent("train", "-c", "csv.properties"));
            DescentProcess.Result pg = DescentProcess.run(dir, Map.of("HOUSES_DB_PASSWORD", POSTGRES_PASSWORD),
                    "train", "-c", "pg.properties", "--save", "pg.json", "--verbose");
            assertThat(epochLines(pg)).isEqualTo(fromCsv);
            String model = Files.readString(dir.resolve("pg.json"));
            assertThat(model).contains("HOUSES_DB_PASSWORD").doesNotContain(POSTGRES_PASSWORD);
            assertThat(pg.stderr()).as("the --verbose log").contains("data.password-env")
                    .doesNotContain(POSTGRES_PASSWORD);
            assertThat(pg.stdout()).doesNotContain(POSTGRES_PASSWORD);
            assertThat(pg.stderr()).doesNotContain("offers no Descent components");

            Files.delete(driver);
            DescentProcess.Result noDriver = DescentProcess.run(dir, Map.of("HOUSES_DB_PASSWORD", POSTGRES_PASSWORD),
                    "train", "-c", "pg.properties");
            assertThat(noDriver.exitCode()).isEqualTo(2);
            assertThat(noDriver.stderrLines()).containsExactly("descent: no JDBC driver for data.url = " + POSTGRES_URL
                    + " is on the class path or in the plugin folder; add the database's driver jar"
                    + " (postgresql-42.x.jar) to the plugin folder (descent-plugins/, or --plugins DIR)");
        } finally {
            try (Connection pg = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
                 Statement s = pg.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    /**
     * data/penguins.csv: text columns one-hot encoded, missing cells (NA, NULL) filled with the training
     * rows' means; from the CSV file, a Parquet file and a PostgreSQL table alike.
     */
    @Test
    void aTableWithMissingCellsAndTextColumnsTrainsAlikeFromCsvParquetAndPostgreSql() throws Exception {
        Files.copy(Path.of("..", "data", "penguins.csv"), dir.resolve("penguins.csv"));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + dir.resolve("penguins.csv") + "', nullstr = 'NA')) TO '"
                    + dir.resolve("penguins.parquet") + "' (FORMAT parquet)");
        }
        String run = "data.target = body_mass_g\ndata.missing = mean\ndata.missing-indicator = true\n"
                + "data.validation-fraction = 0.2\nmodel = linreg\nloss = squared\noptimizer = adam\noptimizer.lr = 50\n"
                + "train.epochs = 5\ntrain.batch-size = 64\n";
        Files.writeString(dir.resolve("penguins-csv.properties"), "data = csv\ndata.path = penguins.csv\n" + run);
        Files.writeString(dir.resolve("penguins-parquet.properties"),
                "data = sql\ndata.query = SELECT * FROM 'penguins.parquet'\n" + run);
        DescentProcess.Result csv = descent("train", "-c", "penguins-csv.properties", "--save", "penguins.json");
        List<String> fromCsv = epochLines(csv);
        assertThat(csv.stderr()).contains("left out 2 of 344 rows that miss their target");
        assertThat(epochLines(descent("train", "-c", "penguins-parquet.properties"))).isEqualTo(fromCsv);
        if (POSTGRES_URL != null) {
            String table = "penguins_it_" + ProcessHandle.current().pid();
            try (Connection pg = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
                 Statement s = pg.createStatement()) {
                s.execute("CREATE TABLE " + table + " (species text, island text, bill_length_mm double precision,"
                        + " bill_depth_mm double precision, flipper_length_mm integer, body_mass_g integer, sex text,"
                        + " year integer)");
                org.postgresql.copy.CopyManager copy = pg.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
                try (java.io.Reader reader = Files.newBufferedReader(dir.resolve("penguins.csv"))) {
                    copy.copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER true, NULL 'NA')", reader);
                }
                dropDriverIntoThePluginFolder();
                Files.writeString(dir.resolve("penguins-pg.properties"), "data = sql\ndata.url = " + POSTGRES_URL
                        + "\ndata.user = " + POSTGRES_USER + "\ndata.password-env = PENGUINS_DB_PASSWORD\ndata.table = "
                        + table + "\n" + run);
                assertThat(epochLines(DescentProcess.run(dir, Map.of("PENGUINS_DB_PASSWORD", POSTGRES_PASSWORD),
                        "train", "-c", "penguins-pg.properties"))).isEqualTo(fromCsv);
            } finally {
                try (Connection pg = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
                     Statement s = pg.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + table);
                }
            }
        }
        // evaluate through DuckDB with the saved fills and categories, as from the CSV file
        DescentProcess.Result fromParquet = descent("evaluate", "--model", "penguins.json", "--set", "data=sql",
                "--set", "data.query=SELECT * FROM 'penguins.parquet'");
        assertThat(fromParquet.exitCode()).as(fromParquet.stderr()).isZero();
        assertThat(fromParquet.stdout()).contains("examples  342").contains("log-RMSE");
        // a row to predict may miss cells, but not hold a species the model never saw
        Files.writeString(dir.resolve("new.csv"), "species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,sex,"
                + "year\nGentoo,Biscoe,NA,15,220,,2009\n");
        DescentProcess.Result predicted = descent("predict", "--model", "penguins.json", "--data", "new.csv");
        assertThat(predicted.exitCode()).as(predicted.stderr()).isZero();
        assertThat(predicted.stdoutLines()).hasSize(2);
        Files.writeString(dir.resolve("unknown.csv"), "species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,"
                + "sex,year\nGentoo,Biscoe,45,15,220,male,2009\nEmperor,Dream,40,18,190,male,2008\n");
        DescentProcess.Result unknown = descent("predict", "--model", "penguins.json", "--data", "unknown.csv");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderrLines()).containsExactly("descent: unknown.csv:3: column 'species' holds 'Emperor', a"
                + " category the model was not trained on (it knows Adelie, Chinstrap, Gentoo); train with"
                + " data.handle-unknown = ignore to encode unknown categories as all zeros, or leave the row out");
    }

    /** PostgreSQL's JDBC driver jar, copied into ./descent-plugins as a user would drop it there. */
    private Path dropDriverIntoThePluginFolder() throws IOException, URISyntaxException {
        Path plugins = Files.createDirectories(dir.resolve("descent-plugins"));
        Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.copy(driver, plugins.resolve(driver.getFileName()));
    }

    private void load(String table) throws SQLException, IOException {
        try (Connection pg = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
             Statement s = pg.createStatement()) {
            s.execute("CREATE TABLE " + table + " (area double precision, rooms integer, listed bigint,"
                    + " price double precision)");
            org.postgresql.copy.CopyManager copy = pg.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            try (java.io.Reader reader = Files.newBufferedReader(dir.resolve("houses.csv"))) {
                copy.copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER true)", reader);
            }
        }
    }

    @Test
    void badInputIsOneLineAndExitCodeTwoBeforeEpochOne() throws IOException, URISyntaxException {
        dropDriverIntoThePluginFolder();
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Map<String[], String> cases = new java.util.LinkedHashMap<>();
        cases.put(new String[] {"data.query=SELECT area, nope FROM 'houses.csv'"},
                "descent: the database could not run data.query: Binder Error: Referenced column \"nope\" not found");
        cases.put(new String[] {"data.query=SELECT area, rooms FROM 'houses.csv'"},
                "descent: data.target = 'price' is not a column of the query's result; its columns are: area, rooms");
        cases.put(new String[] {"data.url=jdbc:postgresql://127.0.0.1:" + port + "/sales", "data.table=houses"},
                "descent: cannot connect to 127.0.0.1:" + port + " (tried for ");
        cases.put(new String[] {"data.url=jdbc:postgresql://ann:s3cret@127.0.0.1/sales", "data.table=houses"},
                "descent: data.url holds a password");
        cases.put(new String[] {"data.query=SELECT 'house-' || CAST(listed AS VARCHAR) AS id, area, price FROM 'houses.csv'"},
                "descent: column 'id' of the query's result has 400 categories in its 400 training rows, more than"
                        + " data.max-categories = 100 (nearly a value per row: it looks like an identifier");
        for (Map.Entry<String[], String> c : cases.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--set", "data=sql", "--set",
                    "data.target=price"));
            for (String set : c.getKey()) {
                args.add("--set");
                args.add(set);
            }
            DescentProcess.Result result = descent(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderrLines()).hasSize(1);
            assertThat(result.stderr()).startsWith(c.getValue()).doesNotContain("s3cret");
        }
    }
}
