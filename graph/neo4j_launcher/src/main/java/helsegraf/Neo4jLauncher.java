package helsegraf;

import java.nio.file.Path;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;

/**
 * A local Neo4j Community DBMS for helsegraf: embedded, with Bolt on 127.0.0.1.
 *
 * <pre>HELSEGRAF_NEO4J_PASSWORD=... java -jar neo4j-launcher.jar DATA_DIR PORT</pre>
 *
 * DATA_DIR holds the databases, transaction logs and logs; PORT 0 lets the system choose one.
 * Auth is on: the user {@code neo4j} gets the password from the environment (not argv, which
 * {@code ps} shows) on every start. When Bolt accepts connections it prints one line,
 * {@code neo4j ready bolt://127.0.0.1:PORT version V}; SIGTERM shuts the DBMS down cleanly.
 * Errors go to stderr as one line with a non-zero exit.
 */
public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("neo4j failed: " + oneLine(e) + (root != e ? " (" + oneLine(root) + ")" : ""));
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: neo4j-launcher DATA_DIR PORT (password in HELSEGRAF_NEO4J_PASSWORD)");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port;
        try {
            port = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT must be 0 (a free one) to 65535, got " + args[1]);
        }
        String password = System.getenv("HELSEGRAF_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("set HELSEGRAF_NEO4J_PASSWORD (8 characters or more, Neo4j's minimum)");
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "keep_none")
                // a query past its time limit (HELSEGRAF_QUERY_TIMEOUT, GraphQL's timeout) is
                // stopped within 0.1 s of it, not up to 2 s later (Neo4j checks every 2 s by default)
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, java.time.Duration.ofMillis(100))
                // Bolt's network threads otherwise wait two 5 s quiet periods after the databases
                // have stopped (and checkpointed): a stop took 10 s instead of under 1 s
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(BoltConnectorInternalSettings.enable_local_connector, false)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        setPassword(dbms, password);
        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int boltPort = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        System.out.println("neo4j ready bolt://" + HOST + ":" + boltPort + " version " + Version.getNeo4jVersion());
        System.out.flush();
        Thread.currentThread().join();  // until SIGTERM runs the shutdown hook
    }

    /** The built-in user's password is the caller's on every start (first start: the default `neo4j`). */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to set the password the user already has; that is the state wanted
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.strip().split("\\R", 2)[0];
    }
}
