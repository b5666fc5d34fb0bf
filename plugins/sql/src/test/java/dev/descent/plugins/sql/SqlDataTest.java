package dev.descent.plugins.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Standardization;
import dev.descent.data.TableOptions;
import dev.descent.plugins.csv.CsvData;
import dev.descent.testkit.DataSourceContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlDataTest extends DataSourceContract {

    /** Where .ci/postgres started a throw-away PostgreSQL server, when it did. */
    static final String POSTGRES_URL = System.getenv("DESCENT_TEST_POSTGRES_URL");
    static final String POSTGRES_USER = System.getenv("DESCENT_TEST_POSTGRES_USER");
    static final String POSTGRES_PASSWORD = System.getenv("DESCENT_TEST_POSTGRES_PASSWORD");

    @TempDir
    Path dir;

    private Path csv;

    /**
     * Houses with decimals no float holds exactly, a column far from zero against its spread (a Unix
     * time: rounded to float as written it would lose its digits) and a class column.
     */
    @BeforeEach
    void writeTable() throws IOException {
        Random random = new Random(3);
        StringBuilder text = new StringBuilder("area,rooms,listed,kind,price\n");
        String[] kinds = {"flat", "house", "villa"};
        for (int i = 0; i < 200; i++) {
            double area = 120 + 35 * random.nextGaussian();
            int rooms = 1 + random.nextInt(6);
            long listed = 1_700_000_000L + random.nextInt(5_000_000);
            double price = 2.1 * area + 9 * rooms + 3e-5 * (listed - 1_700_000_000L) + 12 * random.nextGaussian();
            text.append(String.format(Locale.ROOT, "%.3f,%d,%d,%s,%.2f%n", area, rooms, listed,
                    kinds[(int) Math.min(2, Math.max(0, (area - 80) / 30))], price));
        }
        csv = Files.writeString(dir.resolve("houses.csv"), text);
    }

    static SqlData sql(Object... optionsAndValues) {
        SqlData data = new SqlData();
        for (int i = 0; i < optionsAndValues.length; i += 2) {
            set(data, (String) optionsAndValues[i], optionsAndValues[i + 1]);
        }
        return data;
    }

    private static void set(Object data, String field, Object value) {
        try {
            Field f = field(data.getClass(), field);
            f.setAccessible(true);
            f.set(data, f.getType() == String[].class && value instanceof String one ? new String[] {one} : value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private CsvData csv(Object... optionsAndValues) {
        CsvData data = new CsvData();
        set(data, "path", csv.toString());
        for (int i = 0; i < optionsAndValues.length; i += 2) {
            set(data, (String) optionsAndValues[i], optionsAndValues[i + 1]);
        }
        return data;
    }

    private static Dataset load(DataSource data) {
        return data.load(new DataContext(new SplittableRandom(1)));
    }

    private String fromCsv() {
        return "SELECT * FROM '" + csv + "'";
    }

    @Override
    protected DataSource createDataSource() {
        return sql("query", fromCsv(), "features", new String[] {"area", "rooms", "listed"}, "target", "price");
    }

    @Override
    protected boolean isRandom() {
        return false;
    }

    /** Every value, name, class, statistic and validation row alike. */
    private static void assertSame(Dataset actual, Dataset expected) {
        assertThat(actual.featureNames()).isEqualTo(expected.featureNames());
        assertThat(actual.labelNames()).isEqualTo(expected.labelNames());
        assertThat(actual.classes()).isEqualTo(expected.classes());
        assertThat(actual.featureMatrix()).isEqualTo(expected.featureMatrix());
        assertThat(actual.labelVector()).isEqualTo(expected.labelVector());
        assertThat(actual.standardization()).isEqualTo(expected.standardization());
        assertThat(actual.encoding()).isEqualTo(expected.encoding());
        assertThat(actual.validation() != null).isEqualTo(expected.validation() != null);
        if (expected.validation() != null) {
            assertSame(actual.validation(), expected.validation());
        }
    }

    @Test
    void aQueryOverTheCsvFileReadsTheSameTableAsTheCsvSourceBitForBit() {
        Object[] choice = {"features", new String[] {"area", "rooms", "listed"}, "target", "price",
                "validationFraction", 0.25};
        assertSame(load(sql(concat(choice, "query", fromCsv()))), load(csv(choice)));
    }

    @Test
    void aParquetFileWrittenFromTheCsvFileReadsAlikeToo() throws SQLException {
        Path parquet = dir.resolve("houses.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT * FROM '" + csv + "') TO '" + parquet + "' (FORMAT parquet)");
        }
        Object[] choice = {"features", new String[] {"area", "rooms", "listed"}, "target", "price"};
        assertSame(load(sql(concat(choice, "query", "SELECT * FROM '" + parquet + "';"))), load(csv(choice)));
    }

    @Test
    void theShippedParquetFileReadsAsTheShippedCsvFile() {
        Path data = Path.of("../../data").toAbsolutePath().normalize();
        Object[] choice = {"target", "price", "validationFraction", 0.2};
        CsvData houses = new CsvData();
        set(houses, "path", data.resolve("houses.csv").toString());
        set(houses, "target", "price");
        set(houses, "validationFraction", 0.2);
        assertSame(load(sql(concat(choice, "query", "SELECT * FROM '" + data.resolve("houses.parquet") + "'"))),
                load(houses));
    }

    @Test
    void aTextTargetMakesClassificationWithTheClassesSortedAsTheCsvSourceSortsThem() {
        Object[] choice = {"features", new String[] {"area", "rooms", "price"}, "target", "kind",
                "validationFraction", 0.2};
        Dataset sql = load(sql(concat(choice, "query", fromCsv())));
        assertThat(sql.classes()).containsExactly("flat", "house", "villa");
        assertSame(sql, load(csv(choice)));
    }

    @Test
    void aResumedRunsStatisticsScaleTheRowsAsTheCsvSourceScalesThem() {
        Standardization saved = new Standardization(new double[] {100, 3, 1.7e9}, new double[] {30, 1.5, 1e6});
        DataContext resumed = new DataContext(new SplittableRandom(1), dev.descent.api.LoadingProgress.NONE,
                Optional.of(saved));
        Object[] choice = {"features", new String[] {"area", "rooms", "listed"}, "target", "price"};
        assertSame(sql(concat(choice, "query", fromCsv())).load(resumed), csv(choice).load(resumed));
    }

    @Test
    void aTableIsReadWholeFromADuckDbFile() throws SQLException {
        Path database = dir.resolve("sales.duckdb");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + database);
             Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE houses AS SELECT area, rooms, listed, price FROM '" + csv + "'");
        }
        Dataset fromTable = load(sql("url", "jdbc:duckdb:" + database, "table", "houses", "target", "price"));
        assertSame(fromTable, load(csv("features", new String[] {"area", "rooms", "listed"}, "target", "price")));
    }

    @Test
    void aNullCellIsAMissingValueNamedWithItsRowAndColumn() {
        SqlData data = sql("query", "SELECT * FROM (VALUES (1.0, 2.0), (NULL, 3.0), (2.0, 5.0)) AS t(x, y)");
        assertThatThrownBy(() -> load(data)).isInstanceOf(DataException.class)
                .hasMessage("row 2 of the query's result: column 'x' is NULL, a missing value; set data.missing (drop,"
                        + " mean, median, most-frequent or constant), fill it in the query (COALESCE(x, …)) or leave"
                        + " the row out (WHERE x IS NOT NULL)");
    }

    @Test
    void aTextFeatureColumnIsOneHotEncodedAsTheCsvSourceEncodesIt() {
        Dataset fromSql = load(sql("query", fromCsv(), "target", "price", "validationFraction", 0.25));
        assertThat(fromSql.featureNames()).containsExactly("area", "rooms", "listed", "kind=flat", "kind=house",
                "kind=villa");
        assertSame(fromSql, load(csv("target", "price", "validationFraction", 0.25)));
    }

    @Test
    void aTextColumnOfNumbersIsANumberColumnAsInTheCsvFile() {
        Dataset data = load(sql("query", "SELECT CAST(x AS VARCHAR) AS x, y FROM (VALUES (1.5, 1.0), (2, 2.0), (NULL,"
                + " 3.0)) AS t(x, y)", "missing", TableOptions.Missing.MEAN, "standardize", false));
        assertThat(data.featureNames()).containsExactly("x");
        assertThat(data.featureMatrix()).containsExactly(1.5f, 2f, 1.75f);
    }

    @Test
    void sqlNullsAreFilledAsTheCsvSourceFillsEmptyCells() throws IOException {
        Path gaps = Files.writeString(dir.resolve("gaps.csv"), "x,kind,y\n1.5,a,1\n,b,2\n2.5,,3\n4,a,\n3,b,5\n"
                + "7,b,6\n");
        Object[] choice = {"target", new String[] {"y"}, "missing", TableOptions.Missing.MEDIAN,
                "missingIndicator", true};
        CsvData fromCsv = new CsvData();
        set(fromCsv, "path", gaps.toString());
        for (int i = 0; i < choice.length; i += 2) {
            set(fromCsv, (String) choice[i], choice[i + 1]);
        }
        Dataset expected = load(fromCsv);
        assertThat(expected.examples()).isEqualTo(5);   // the row without a target is left out
        assertSame(load(sql(concat(choice, "query", "SELECT * FROM '" + gaps + "'"))), expected);
    }

    @Test
    void aTargetTheQueryDoesNotReturnNamesTheColumnsItDoes() {
        SqlData data = sql("query", "SELECT area, price FROM '" + csv + "'", "target", "value");
        assertThatThrownBy(() -> load(data)).isInstanceOf(DataException.class)
                .hasMessage("data.target = 'value' is not a column of the query's result; its columns are: area, price");
    }

    @Test
    void aFailingQueryGivesTheDatabasesOwnMessageOnOneLine() {
        SqlData data = sql("query", "SELECT area, nope FROM '" + csv + "'");
        assertThatThrownBy(() -> load(data)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("the database could not run data.query: Binder Error: Referenced column"
                        + " \"nope\" not found")
                .hasMessageEndingWith("; check the query (it runs as written, in the database's own SQL)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aQueryWithoutRowsIsRefused() {
        SqlData data = sql("query", fromCsv() + " WHERE area < 0", "features", "area", "target", "price");
        assertThatThrownBy(() -> load(data)).isInstanceOf(DataException.class)
                .hasMessage("the query's result has no rows; the query must return at least one");
    }

    @Test
    void aUrlWithoutADriverSaysWhichJarToAdd() {
        SqlData data = sql("url", "jdbc:mysql://127.0.0.1:3306/sales", "table", "houses");
        assertThatThrownBy(() -> load(data)).isInstanceOf(DataException.class)
                .hasMessage("no JDBC driver for data.url = jdbc:mysql://127.0.0.1:3306/sales is on the class path or in"
                        + " the plugin folder; add the database's driver jar (mysql-connector-j-9.x.jar) to the plugin"
                        + " folder (descent-plugins/, or --plugins DIR)");
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
        for (String url : new String[] {"jdbc:postgresql://127.0.0.1/sales?user=ann&password=s3cret",
                "jdbc:postgresql://ann:s3cret@127.0.0.1/sales"}) {
            assertThatThrownBy(() -> load(sql("url", url, "table", "houses"))).isInstanceOf(DataException.class)
                    .hasMessageStartingWith("data.url holds a password").hasMessageNotContaining("s3cret");
        }
    }

    @Test
    void aPasswordVariableThatIsNotSetIsNamed() {
        SqlData data = sql("url", "jdbc:postgresql://127.0.0.1/sales", "table", "houses",
                "passwordEnv", "DESCENT_NO_SUCH_VARIABLE");
        assertThatThrownBy(() -> load(data)).isInstanceOf(DataException.class)
                .hasMessage("data.password-env = DESCENT_NO_SUCH_VARIABLE, but the environment variable"
                        + " DESCENT_NO_SUCH_VARIABLE is not set; export it before the run (export"
                        + " DESCENT_NO_SUCH_VARIABLE=…)");
    }

    @Test
    void anUnreachableServerNamesItsHostAndPortAndHowLongItTried() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();   // free once closed: nothing listens there
        }
        SqlData data = sql("url", "jdbc:postgresql://127.0.0.1:" + port + "/sales", "table", "houses");
        assertThatThrownBy(() -> load(data)).isInstanceOf(DataException.class)
                .hasMessageMatching("cannot connect to 127\\.0\\.0\\.1:" + port + " \\(tried for \\d+\\.\\d s\\): .*;"
                        + " check that the server runs there and accepts connections \\(data\\.url\\)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void theSameTableInPostgreSqlReadsAsTheCsvFileBitForBit() throws SQLException, IOException {
        assumeTrue(POSTGRES_URL != null, "no PostgreSQL server: .ci/postgres starts one (DESCENT_TEST_POSTGRES_URL)");
        Path secret = Files.writeString(dir.resolve("password"), POSTGRES_PASSWORD + "\n");
        PostgresTables.load(csv, "houses_" + ProcessHandle.current().pid());
        String table = "houses_" + ProcessHandle.current().pid();
        try {
            Object[] choice = {"features", new String[] {"area", "rooms", "listed"}, "target", "price",
                    "validationFraction", 0.25};
            Dataset fromEnv = load(sql(concat(choice, "url", POSTGRES_URL, "user", POSTGRES_USER, "passwordEnv",
                    "DESCENT_TEST_POSTGRES_PASSWORD", "table", table)));
            assertSame(fromEnv, load(csv(choice)));
            Dataset fromFile = load(sql(concat(choice, "url", POSTGRES_URL, "user", POSTGRES_USER, "passwordFile",
                    secret.toString(), "query", "SELECT * FROM " + table, "fetchSize", 7)));
            assertSame(fromFile, load(csv(choice)));
            Object[] classes = {"features", new String[] {"area", "rooms", "price"}, "target", "kind"};
            assertSame(load(sql(concat(classes, "url", POSTGRES_URL, "user", POSTGRES_USER, "passwordEnv",
                    "DESCENT_TEST_POSTGRES_PASSWORD", "table", table))), load(csv(classes)));
        } finally {
            PostgresTables.drop(table);
        }
    }

    @Test
    void aWrongPostgreSqlPasswordSaysToCheckTheUserAndPassword() throws IOException {
        assumeTrue(POSTGRES_URL != null, "no PostgreSQL server: .ci/postgres starts one (DESCENT_TEST_POSTGRES_URL)");
        Path wrong = Files.writeString(dir.resolve("password"), "not-the-password\n");
        SqlData data = sql("url", POSTGRES_URL, "user", POSTGRES_USER, "passwordFile", wrong.toString(),
                "table", "houses");
        assertThatThrownBy(() -> load(data)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("the database refused the connection to 127.0.0.1:")
                .hasMessageContaining("password authentication failed for user \"" + POSTGRES_USER + "\"")
                .hasMessageEndingWith("; check data.user and the password (data.password-env or data.password-file)")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void aPostgreSqlQueryThatFailsGivesTheServersMessage() {
        assumeTrue(POSTGRES_URL != null, "no PostgreSQL server: .ci/postgres starts one (DESCENT_TEST_POSTGRES_URL)");
        SqlData data = sql("url", POSTGRES_URL, "user", POSTGRES_USER, "passwordEnv", "DESCENT_TEST_POSTGRES_PASSWORD",
                "table", "no_such_table");
        assertThatThrownBy(() -> load(data)).isInstanceOf(DataException.class)
                .hasMessage("the database could not read data.table = no_such_table: ERROR: relation \"no_such_table\""
                        + " does not exist");
    }

    private static Object[] concat(Object[] a, Object... b) {
        Object[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Loads a CSV file into the test server's table through the driver's COPY, as a user would. */
    static final class PostgresTables {
        private PostgresTables() {
        }

        static void load(Path csv, String table) throws SQLException, IOException {
            try (Connection pg = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
                 Statement s = pg.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute("CREATE TABLE " + table + " (area double precision, rooms integer, listed bigint,"
                        + " kind text, price double precision)");
                org.postgresql.copy.CopyManager copy = pg.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
                try (java.io.Reader reader = Files.newBufferedReader(csv)) {
                    copy.copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER true)", reader);
                }
            }
        }

        static void drop(String table) throws SQLException {
            try (Connection pg = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
                 Statement s = pg.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    /** A field of the source or of the table options it extends. */
    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // the superclass declares it
            }
        }
        throw new NoSuchFieldException(name);
    }
}
