package dev.descent.plugins.sql;

import com.google.auto.service.AutoService;
import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.data.CsvReader;
import dev.descent.data.JdbcReader;
import dev.descent.data.RawColumns;
import dev.descent.data.TableDataset;
import dev.descent.data.TableOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table from a SQL query, through JDBC: DuckDB in process by default ({@code data.url =
 * jdbc:duckdb:}), whose queries read Parquet, CSV and JSON files directly, or any database whose JDBC
 * driver is on the class path or in the plugin folder. The columns are chosen, labelled, standardised
 * and split exactly as the {@code csv} source does it ({@link TableDataset}), so the same table
 * trains alike from a file or a database.
 *
 * <p>Credentials never appear in the config: the password comes from an environment variable or a
 * file, and a URL holding one is refused (the config is echoed in logs and saved in the model file).
 */
@AutoService(DataSource.class)
@Plugin(name = "sql", description = "A table from a SQL query: DuckDB built in (Parquet, CSV, JSON files), or any"
        + " JDBC database")
public final class SqlData extends TableOptions implements DataSource {

    /** DuckDB in memory: queries read files ({@code SELECT * FROM 'houses.parquet'}). */
    static final String DUCKDB = "jdbc:duckdb:";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)*");
    /** A password written into a URL: {@code password=…} as a parameter, or {@code user:secret@host}. */
    private static final Pattern PASSWORD_IN_URL = Pattern.compile(
            "(?i)([?&;:]password=)|(//[^/@?]*:[^/@?]*@)");
    private static final Pattern HOST_PORT = Pattern.compile("//([^/:?;]+)(?::(\\d+))?");

    @Option(name = "url", description = "The JDBC URL: jdbc:duckdb: (DuckDB in memory, built in), jdbc:duckdb:FILE,"
            + " jdbc:postgresql://HOST:PORT/DB, … (a driver's jar in the plugin folder); never a password")
    private String url = DUCKDB;

    @Option(name = "query", description = "The query whose rows are the examples, e.g. SELECT * FROM"
            + " 'houses.parquet' (or set data.table)")
    private String query;

    @Option(name = "table", description = "A table (or view) to read whole, instead of data.query")
    private String table;

    @Option(name = "user", description = "The database user, when the URL does not name one")
    private String user;

    @Option(name = "password-env", description = "The environment variable holding the password, e.g. PGPASSWORD")
    private String passwordEnv;

    @Option(name = "password-file", description = "A file holding the password (its first line)")
    private String passwordFile;

    @Option(name = "fetch-size", description = "How many rows the driver fetches at a time", min = 1)
    private int fetchSize = 10_000;

    @Option(name = "connect-timeout", description = "Seconds to wait for the database to answer before giving up",
            min = 1)
    private int connectTimeout = 10;

    @Option(name = "memory-limit", description = "With DuckDB (data.url = jdbc:duckdb…): the memory its queries may"
            + " use, e.g. 200MB or 2GB (DuckDB's memory_limit; beyond it sorts and joins spill to disk); DuckDB's own"
            + " default, 80% of the machine's memory, if not set")
    private String memoryLimit;

    @Override
    public Dataset load(DataContext context) {
        return withTable(context, (table, reader) -> table.load(context, reader));
    }

    @Override
    public TableDataset.Pool pool(DataContext context) {
        return withTable(context, (table, reader) -> table.pool(context, reader));
    }

    /** Connects, and reads the query's rows with {@code read}; the connection is closed after. */
    private <T> T withTable(DataContext context,
                            java.util.function.BiFunction<TableDataset, TableDataset.Reader, T> read) {
        String select = select();
        String source = query != null ? "the query's result" : "table " + table;
        refusePasswordInUrl();
        String password = password();
        TableDataset.Choice choice = choice();
        try (Connection connection = connect(password)) {
            JdbcReader reader = new JdbcReader(connection, select, source, fetchSize);
            return read.apply(new TableDataset(source, row -> JdbcReader.row(source, row), choice),
                    new TableDataset.Reader() {
                        @Override
                        public CsvReader.Table read(Function<List<String>, CsvReader.Selection> choose,
                                                    CsvReader.Scaling scaling) {
                            try {
                                return reader.read(choose, context.progress(), scaling);
                            } catch (SQLException e) {
                                throw failed(e, password);
                            }
                        }

                        @Override
                        public RawColumns readColumns(Function<List<String>, CsvReader.Selection> choose,
                                                      Set<String> text) {
                            try {
                                return reader.readColumns(choose, context.progress(), text);
                            } catch (SQLException e) {
                                throw failed(e, password);
                            }
                        }
                    });
        } catch (SQLException e) {   // from closing the connection
            throw failed(e, password);
        }
    }

    /** What the database said about the query, on one line, without the password. */
    private DataException failed(SQLException e, String password) {
        String said = hidden(JdbcReader.firstLine(e), password);
        // DuckDB's JDBC driver reports a streaming query that ran out of memory as an invalid result set.
        boolean memory = url.startsWith(DUCKDB) && (said.contains("Invalid result set") || said.contains("Out of Memory"));
        return new DataException("the database could not " + (query != null ? "run data.query" : "read data.table = "
                + table) + ": " + said + (memory ? "; DuckDB ran out of memory" + (memoryLimit != null
                ? ": raise data.memory-limit (" + memoryLimit + ")" : "") : query != null
                ? "; check the query (it runs as written, in the database's own SQL)" : ""), e);
    }

    /** The query to run: data.query, or every column of data.table. */
    private String select() {
        if (query != null && table != null) {
            throw new DataException("data.query and data.table are both set; set one: a query, or a table to read whole");
        }
        if (query == null && table == null) {
            throw new DataException("the sql data source needs data.query (e.g. SELECT * FROM 'houses.parquet') or"
                    + " data.table (e.g. houses)");
        }
        if (query != null) {
            if (query.isBlank()) {
                throw new DataException("data.query is empty; write the query whose rows are the examples, e.g."
                        + " SELECT * FROM 'houses.parquet'");
            }
            return query;
        }
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new DataException("data.table = '" + table + "' is not a table name (letters, digits, _ and $, with"
                    + " an optional schema: sales.houses); for anything else write data.query");
        }
        return "SELECT * FROM " + table;
    }

    private void refusePasswordInUrl() {
        if (url == null || url.isBlank()) {
            throw new DataException("data.url is empty; set a JDBC URL, e.g. jdbc:duckdb: (built in) or"
                    + " jdbc:postgresql://127.0.0.1:5432/sales");
        }
        if (!url.startsWith("jdbc:")) {
            throw new DataException("data.url = " + url + " is not a JDBC URL (they start with jdbc:, e.g. jdbc:duckdb:"
                    + " or jdbc:postgresql://127.0.0.1:5432/sales)");
        }
        if (PASSWORD_IN_URL.matcher(url).find()) {
            // The message must not repeat the URL: it holds the secret.
            throw new DataException("data.url holds a password, and the config is printed in logs and saved in the"
                    + " model file; remove it from the URL and give it with data.password-env (an environment"
                    + " variable's name) or data.password-file");
        }
    }

    /** The password from data.password-env or data.password-file; null when neither is set. */
    private String password() {
        if (passwordEnv != null && passwordFile != null) {
            throw new DataException("data.password-env and data.password-file are both set; set one");
        }
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null) {
                throw new DataException("data.password-env = " + passwordEnv + ", but the environment variable "
                        + passwordEnv + " is not set; export it before the run (export " + passwordEnv + "=…)");
            }
            return value;
        }
        if (passwordFile != null) {
            Path file = Path.of(passwordFile);
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                String first = (end < 0 ? text : text.substring(0, end)).strip();
                if (first.isEmpty()) {
                    throw new DataException("data.password-file = " + passwordFile + " is empty; its first line must"
                            + " hold the password");
                }
                return first;
            } catch (NoSuchFileException e) {
                throw new DataException("data.password-file = " + passwordFile + " does not exist; write the password"
                        + " into it (one line), readable only by you (chmod 600)");
            } catch (IOException e) {
                throw new DataException("cannot read data.password-file = " + passwordFile + ": " + e.getMessage());
            }
        }
        return null;
    }

    private Connection connect(String password) {
        java.sql.Driver driver;
        try {
            driver = DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new DataException("no JDBC driver for data.url = " + url + " is on the class path or in the plugin"
                    + " folder; add the database's driver jar (" + driverHint() + ") to the plugin folder"
                    + " (descent-plugins/, or --plugins DIR)");
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (url.startsWith(DUCKDB)) {
            properties.setProperty("jdbc_stream_results", "true");   // rows as the cursor moves, not all at once
            if (memoryLimit != null) {
                properties.setProperty("memory_limit", memoryLimit);
            }
        }
        int previous = DriverManager.getLoginTimeout();
        long started = System.nanoTime();
        try {
            DriverManager.setLoginTimeout(connectTimeout);
            Connection connection = driver.connect(url, properties);
            if (connection == null) {
                throw new DataException("the JDBC driver " + driver.getClass().getName() + " does not take data.url = "
                        + url + "; check the URL's form in the driver's documentation");
            }
            if (!url.startsWith(DUCKDB)) {
                connection.setAutoCommit(false);   // PostgreSQL streams with a cursor only inside a transaction
                try {
                    connection.setReadOnly(true);   // training reads: a query that writes is refused by the server
                } catch (java.sql.SQLFeatureNotSupportedException e) {
                    // a driver without read-only connections: the query runs as written
                }
            }
            return connection;
        } catch (SQLException e) {
            double seconds = (System.nanoTime() - started) / 1e9;
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String said = hidden(JdbcReader.firstLine(e), password);
            if (state.startsWith("08")) {   // connection exception: the server was not reached
                throw new DataException(String.format(Locale.ROOT, "cannot connect to %s (tried for %.1f s): %s; check"
                        + " that the server runs there and accepts connections (data.url)", where(), seconds, said), e);
            }
            throw new DataException("the database refused the connection to " + where() + ": " + said
                    + (state.startsWith("28") ? "; check data.user and the password (data.password-env or"
                    + " data.password-file)" : ""), e);
        } finally {
            DriverManager.setLoginTimeout(previous);
        }
    }

    /** The host and port of data.url, for messages; the URL itself when it names none. */
    private String where() {
        Matcher m = HOST_PORT.matcher(url);
        if (m.find()) {
            return m.group(1) + ":" + (m.group(2) != null ? m.group(2) : "(the driver's default port)");
        }
        return url;
    }

    private String driverHint() {
        String kind = url.length() > 5 ? url.substring(5).split(":", 2)[0].toLowerCase(Locale.ROOT) : "";
        return switch (kind) {
            case "postgresql" -> "postgresql-42.x.jar";
            case "mysql" -> "mysql-connector-j-9.x.jar";
            case "mariadb" -> "mariadb-java-client-3.x.jar";
            case "sqlite" -> "sqlite-jdbc-3.x.jar";
            case "sqlserver" -> "mssql-jdbc-12.x.jar";
            case "oracle" -> "ojdbc11.jar";
            case "h2" -> "h2-2.x.jar";
            default -> "the jar from the database's vendor";
        };
    }

    /** A driver's message with the password, should the driver repeat it, blotted out. */
    private static String hidden(String message, String password) {
        return password == null || password.isEmpty() ? message : message.replace(password, "******");
    }
}
