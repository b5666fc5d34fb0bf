import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.StringJoiner;

/**
 * Writes ROWS × FEATURES uniform features in [-1, 1) and y = 4.2 + their sum to a Parquet file, with
 * DuckDB (seeded: the same file every time), for bench/sql-parquet-memory.sh.
 *
 *   java -cp cli/target/descent.jar bench/MakeParquet.java FILE ROWS FEATURES
 */
public class MakeParquet {
    public static void main(String[] args) throws Exception {
        String file = args[0];
        long rows = Long.parseLong(args[1]);
        int features = Integer.parseInt(args[2]);
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner sum = new StringJoiner(" + ");
        for (int j = 1; j <= features; j++) {
            columns.add("x" + j);
            sum.add("x" + j);
        }
        StringJoiner draws = new StringJoiner(", ");
        for (int j = 1; j <= features; j++) {
            draws.add("random() * 2 - 1 AS x" + j);
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("SET threads = 1");   // one stream of random numbers: the same file every time
            s.execute("SELECT setseed(0.42)");
            s.execute("COPY (SELECT " + columns + ", 4.2 + " + sum + " AS y FROM (SELECT " + draws
                    + " FROM range(" + rows + "))) TO '" + file + "' (FORMAT parquet)");
        }
    }
}
