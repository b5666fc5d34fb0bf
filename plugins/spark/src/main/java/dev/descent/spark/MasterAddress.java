package dev.descent.spark;

import dev.descent.api.DataException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a standalone master ({@code spark://host:port}, or several for a master with standby)
 * answers before a Spark context is created: Spark itself retries for about a minute and ends in
 * screens of traces; here an address nobody listens on is one line naming it and how long it was tried.
 */
final class MasterAddress {

    /** How long the master is tried before the run gives up. */
    static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final int DEFAULT_PORT = 7077;

    private MasterAddress() {
    }

    /**
     * Returns when one of the master's addresses accepts a connection.
     *
     * @throws DataException when none does within {@link #PATIENCE}
     */
    static void requireReachable(String master) {
        if (master == null || !master.startsWith("spark://")) {
            return;   // local[…], yarn, k8s://: Spark's own business
        }
        List<InetSocketAddress> addresses = parse(master);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String lastProblem = "no answer";
        do {
            for (InetSocketAddress address : addresses) {
                try (Socket socket = new Socket()) {
                    socket.connect(address, 2000);
                    return;
                } catch (IOException e) {
                    lastProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()
                            .toLowerCase(Locale.ROOT);
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new DataException("cannot reach the Spark master at " + master.substring("spark://".length())
                + " (spark.master = " + master + "): tried for " + PATIENCE.toSeconds() + " s (" + lastProblem
                + "); start the master there (sbin/start-master.sh), or correct spark.master (spark.master = local[*]"
                + " runs on this machine)");
    }

    static List<InetSocketAddress> parse(String master) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String part : master.substring("spark://".length()).split(",")) {
            String hostPort = part.strip();
            int colon = hostPort.lastIndexOf(':');
            String host = colon > 0 ? hostPort.substring(0, colon) : hostPort;
            int port = DEFAULT_PORT;
            if (colon > 0) {
                try {
                    port = Integer.parseInt(hostPort.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new DataException("spark.master = " + master + ": '" + hostPort.substring(colon + 1)
                            + "' is not a port number; write spark://host:7077");
                }
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw new DataException("spark.master = " + master + " names no host and port; write"
                        + " spark://host:7077");
            }
            addresses.add(new InetSocketAddress(host, port));   // resolved now; an unknown host fails to connect
        }
        return addresses;
    }
}
