import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.layout.Neo4jLayout;

/**
 * Runs Neo4j Community embedded so that developers need only Java and Maven, not a Neo4j
 * install or Docker. Launched as a single source file by src/db/localNeo4j.ts, which waits
 * for the READY line on stdout.
 *
 * Exit codes: 0 clean stop, 2 bad arguments, 3 store locked by another instance, 1 anything else.
 * With --exit-with-stdin the process also stops when its stdin closes (its parent died).
 */
public class Launcher {
    static final int EXIT_USAGE = 2;
    static final int EXIT_LOCKED = 3;

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: Launcher.java --home <dir> --port <n> [--pagecache 256m] [--password <pw>] [--exit-with-stdin]");
            System.exit(EXIT_USAGE);
            return;
        }

        Path home = options.home.toAbsolutePath().normalize();
        Neo4jLayout layout = Neo4jLayout.of(home);
        // Checked before Neo4j opens anything: a losing second instance must leave the store and its logs alone.
        if (isLocked(layout.storeLockFile())) {
            exitAlreadyRunning(home);
        }

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.port))
                // What a neo4j:// routing table names: this server itself, not the default localhost:7687.
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", options.port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // The API only speaks Bolt; nothing else of this process should ever listen on a port.
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, options.pagecacheBytes)
                // Usage reports would reach out to the internet from developer and CI machines.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(BoltConnector.server_bolt_telemetry_enabled, false)
                // Preallocating 256 MiB log files wastes disk on every throwaway test store.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // A runaway query must not pin the only local database; the API sets shorter timeouts itself.
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(30))
                // Keep one huge transaction from taking the whole 1 GiB heap down with an OutOfMemoryError.
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(600))
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(400))
                .setConfig(GraphDatabaseSettings.auth_enabled, options.password != null)
                // Netty's default 5 s quiet period per event loop group made every stop take over 10 s;
                // the databases are already checkpointed and closed by the time Bolt goes down.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));

        DatabaseManagementService managementService;
        try {
            managementService = builder.build();
        } catch (RuntimeException e) {
            // Another instance may have won the lock between the check above and build().
            if (causedByLock(e)) {
                exitAlreadyRunning(home);
            }
            throw e;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("Stopping Neo4j ...");
            managementService.shutdown();
        }, "neo4j-shutdown"));

        if (options.exitWithStdin) {
            // The parent keeps our stdin open; when it dies without stopping us, EOF arrives and the
            // shutdown hook closes the store instead of leaving an orphan that holds the lock.
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() != -1) {
                        // input is ignored; only its end matters
                    }
                } catch (IOException ignored) {
                    // a broken pipe means the parent is gone as well
                }
                System.exit(0);
            }, "parent-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }

        if (!managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(TimeUnit.MINUTES.toMillis(2))) {
            System.err.println("Neo4j started but the database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME + "' did not become available.");
            System.exit(1);
        }

        if (options.password != null) {
            managementService.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", options.password));
        }

        waitForBolt(options.port);
        System.out.println("NEO4J READY bolt://127.0.0.1:" + options.port);
        System.out.flush();

        // The shutdown hook ends the process; until then the JVM is held up by Neo4j's own threads,
        // but joining here keeps the process alive even if those become daemons in a later release.
        Thread.currentThread().join();
    }

    /** True when another process holds the lock; a missing lock file means a fresh home, which nobody holds. */
    static boolean isLocked(Path lockFile) throws IOException {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    static boolean causedByLock(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("FileLockException")) {
                return true;
            }
        }
        return false;
    }

    static void exitAlreadyRunning(Path home) {
        System.err.println("Neo4j is already running with data in " + home
                + " (its store is locked by another process); stop that one first or use another home and port.");
        System.exit(EXIT_LOCKED);
    }

    /** The DBMS reports started before Netty may be accepting; clients should only be told once they can connect. */
    static void waitForBolt(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Bolt did not accept connections on 127.0.0.1:" + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    record Options(Path home, int port, long pagecacheBytes, String password, boolean exitWithStdin) {
        static Options parse(String[] args) {
            Path home = null;
            Integer port = null;
            long pagecache = ByteUnit.mebiBytes(256);
            String password = null;
            boolean exitWithStdin = false;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--exit-with-stdin")) {
                    exitWithStdin = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + flag);
                }
                String value = args[++i];
                switch (flag) {
                    case "--home" -> home = Path.of(value);
                    case "--port" -> port = parsePort(value);
                    case "--pagecache" -> pagecache = ByteUnit.parse(value);
                    case "--password" -> password = value;
                    // Heap is a JVM flag (-Xmx) given by the caller; accepted so callers can pass one flag set.
                    case "--heap" -> { }
                    default -> throw new IllegalArgumentException("unknown flag " + flag);
                }
            }
            if (home == null || port == null) {
                throw new IllegalArgumentException("--home and --port are required");
            }
            return new Options(home, port, pagecache, password, exitWithStdin);
        }

        static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("--port must be 1..65535, got " + value);
        }
    }
}
