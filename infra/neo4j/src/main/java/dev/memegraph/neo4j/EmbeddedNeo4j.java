package dev.memegraph.neo4j;

import java.io.DataInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.log4j.Log4jLogProvider;

import sun.misc.Signal;

/**
 * Runs Neo4j Community embedded with only its Bolt connector, for development and tests.
 *
 * <p>Configuration comes from environment variables (CLI flags override them):
 *
 * <ul>
 *   <li>{@code NEO4J_DATA_DIR} / {@code --data-dir}: DBMS home folder (default {@code ./.data/neo4j})
 *   <li>{@code NEO4J_BOLT_HOST} / {@code --bolt-host}: Bolt listen host (default {@code 127.0.0.1})
 *   <li>{@code NEO4J_BOLT_PORT} / {@code --bolt-port}: Bolt listen port (default {@code 7687})
 *   <li>{@code NEO4J_USER} / {@code --user}: login user (default {@code neo4j})
 *   <li>{@code NEO4J_PASSWORD}: login password, required, at least 8 characters (env only, so it
 *       never shows up in a process listing)
 *   <li>{@code NEO4J_PAGECACHE} / {@code --pagecache}: page cache size (default {@code 256m})
 *   <li>{@code NEO4J_TX_LOG_RETENTION} / {@code --tx-log-retention}: value of
 *       db.tx_log.rotation.retention_policy (default {@code 64M size})
 * </ul>
 *
 * <p>Prints {@code ready} to stdout once Bolt accepts authenticated connections; everything else
 * goes to stderr or to log files under the data dir. Exits 0 after a clean shutdown on
 * SIGTERM/SIGINT, non-zero on startup errors.
 */
public final class EmbeddedNeo4j {

    private static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.@-]{0,63}");
    private static final String DEFAULT_USER = "neo4j";

    /** Exit codes. */
    private static final int EXIT_CONFIG = 2;
    private static final int EXIT_START = 3;

    private EmbeddedNeo4j() {}

    /** Runtime configuration resolved from env + flags. */
    static final class Options {
        Path dataDir;
        String boltHost;
        int boltPort;
        String user;
        String password;
        String pagecache;
        String txLogRetention;
    }

    /** Thrown for configuration mistakes: reported without a stack trace. */
    static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        // Keep stdout for the readiness line only: anything a library prints goes to stderr.
        final PrintStream stdout = System.out;
        System.setOut(System.err);

        Options opts;
        try {
            opts = parse(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("embedded-neo4j: " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }

        int code = run(opts, stdout);
        System.exit(code);
    }

    static Options parse(String[] args, Map<String, String> env) throws ConfigException {
        Map<String, String> values = new HashMap<>();
        values.put("data-dir", env.getOrDefault("NEO4J_DATA_DIR", "./.data/neo4j"));
        values.put("bolt-host", env.getOrDefault("NEO4J_BOLT_HOST", "127.0.0.1"));
        values.put("bolt-port", env.getOrDefault("NEO4J_BOLT_PORT", "7687"));
        values.put("user", env.getOrDefault("NEO4J_USER", DEFAULT_USER));
        values.put("pagecache", env.getOrDefault("NEO4J_PAGECACHE", "256m"));
        values.put("tx-log-retention", env.getOrDefault("NEO4J_TX_LOG_RETENTION", "64M size"));

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                System.err.println(usage());
                System.exit(0);
            }
            if (!arg.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + arg + "'\n" + usage());
            }
            String key;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                key = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                key = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new ConfigException("flag --" + key + " needs a value");
                }
                value = args[++i];
            }
            if (!values.containsKey(key)) {
                throw new ConfigException("unknown flag --" + key + "\n" + usage());
            }
            values.put(key, value);
        }

        Options o = new Options();
        String dataDir = values.get("data-dir").trim();
        if (dataDir.isEmpty()) {
            throw new ConfigException("NEO4J_DATA_DIR must not be empty");
        }
        o.dataDir = Paths.get(dataDir).toAbsolutePath().normalize();

        o.boltHost = values.get("bolt-host").trim();
        if (o.boltHost.isEmpty()) {
            throw new ConfigException("NEO4J_BOLT_HOST must not be empty");
        }
        try {
            o.boltPort = Integer.parseInt(values.get("bolt-port").trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("NEO4J_BOLT_PORT is not a number: '" + values.get("bolt-port") + "'");
        }
        if (o.boltPort < 1 || o.boltPort > 65535) {
            throw new ConfigException("NEO4J_BOLT_PORT out of range: " + o.boltPort);
        }

        o.user = values.get("user").trim();
        if (!USER_NAME.matcher(o.user).matches()) {
            throw new ConfigException(
                    "NEO4J_USER '" + o.user + "' is not a valid user name (letters, digits, _ . @ -; starts with a letter)");
        }

        o.password = env.get("NEO4J_PASSWORD");
        if (o.password == null || o.password.isEmpty()) {
            throw new ConfigException("NEO4J_PASSWORD is required (at least " + MIN_PASSWORD_LENGTH + " characters)");
        }
        if (o.password.length() < MIN_PASSWORD_LENGTH) {
            throw new ConfigException("NEO4J_PASSWORD is too short: it must have at least "
                    + MIN_PASSWORD_LENGTH + " characters");
        }

        o.pagecache = values.get("pagecache").trim();
        o.txLogRetention = values.get("tx-log-retention").trim();
        return o;
    }

    private static String usage() {
        return String.join("\n",
                "usage: EmbeddedNeo4j [--data-dir DIR] [--bolt-host HOST] [--bolt-port PORT] [--user USER]",
                "                     [--pagecache SIZE] [--tx-log-retention POLICY]",
                "env: NEO4J_DATA_DIR (./.data/neo4j), NEO4J_BOLT_HOST (127.0.0.1), NEO4J_BOLT_PORT (7687),",
                "     NEO4J_USER (neo4j), NEO4J_PASSWORD (required, >= 8 chars), NEO4J_PAGECACHE (256m),",
                "     NEO4J_TX_LOG_RETENTION (64M size)",
                "Prints 'ready' on stdout once Bolt accepts logins; stops cleanly on SIGTERM/SIGINT.");
    }

    static int run(Options o, PrintStream stdout) {
        Path logsDir = o.dataDir.resolve("logs");
        try {
            Files.createDirectories(logsDir);
        } catch (IOException e) {
            System.err.println("embedded-neo4j: cannot create " + logsDir + ": " + e);
            return EXIT_START;
        }

        // Fail fast with a clear message if the port is taken (Neo4j's own error is buried in a stack trace).
        String portProblem = checkPortFree(o.boltHost, o.boltPort);
        if (portProblem != null) {
            System.err.println("embedded-neo4j: cannot listen on " + o.boltHost + ":" + o.boltPort + ": " + portProblem);
            return EXIT_START;
        }

        OutputStream userLog;
        try {
            userLog = new FileOutputStream(logsDir.resolve("neo4j.log").toFile(), true);
        } catch (IOException e) {
            System.err.println("embedded-neo4j: cannot open neo4j.log: " + e);
            return EXIT_START;
        }
        Log4jLogProvider userLogProvider = new Log4jLogProvider(userLog);

        final CountDownLatch stopRequested = new CountDownLatch(1);
        final AtomicBoolean stopped = new AtomicBoolean(false);
        final DatabaseManagementService[] holder = new DatabaseManagementService[1];

        Runnable shutdown = () -> {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            DatabaseManagementService dbms = holder[0];
            if (dbms != null) {
                try {
                    dbms.shutdown();
                } catch (Throwable t) {
                    System.err.println("embedded-neo4j: error during shutdown: " + t);
                }
            }
            userLogProvider.close();
        };

        // SIGTERM / SIGINT: stop from the main thread, then exit 0. The shutdown hook is the
        // fallback for any other JVM exit (SIGHUP, System.exit from elsewhere).
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), sig -> stopRequested.countDown());
            } catch (IllegalArgumentException e) {
                // Signal reserved by the VM (e.g. -Xrs): the shutdown hook still stops Neo4j.
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "embedded-neo4j-shutdown"));

        long t0 = System.nanoTime();
        long tDbms = t0;
        long tCreds = t0;
        try {
            holder[0] = build(o, userLogProvider);
        } catch (Throwable t) {
            System.err.println("embedded-neo4j: failed to start Neo4j in " + o.dataDir + ": " + rootMessage(t));
            t.printStackTrace(System.err);
            shutdown.run();
            return EXIT_START;
        }

        try {
            tDbms = System.nanoTime();
            ensureCredentials(holder[0], o);
            tCreds = System.nanoTime();
        } catch (Throwable t) {
            System.err.println("embedded-neo4j: failed to set up user '" + o.user + "': " + rootMessage(t));
            t.printStackTrace(System.err);
            shutdown.run();
            return EXIT_START;
        }

        try {
            waitForBolt(o, Duration.ofSeconds(60), stopRequested);
            BoltLoginCheck.verify(o.boltHost, o.boltPort, o.user, o.password);
        } catch (Throwable t) {
            System.err.println("embedded-neo4j: Bolt is not usable on " + o.boltHost + ":" + o.boltPort + ": "
                    + rootMessage(t));
            shutdown.run();
            return EXIT_START;
        }

        if (stopRequested.getCount() == 0) {
            shutdown.run();
            return 0;
        }

        long tReady = System.nanoTime();
        long ms = TimeUnit.NANOSECONDS.toMillis(tReady - t0);
        System.err.println("embedded-neo4j: dbms " + millis(tDbms - t0) + "ms, users " + millis(tCreds - tDbms)
                + "ms, bolt check " + millis(tReady - tCreds) + "ms");
        stdout.println("ready");
        stdout.println("neo4j bolt://" + hostForUri(o.boltHost) + ":" + o.boltPort + " user=" + o.user
                + " data=" + o.dataDir + " started_in=" + ms + "ms");
        stdout.flush();

        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("embedded-neo4j: stopping");
        shutdown.run();
        System.err.println("embedded-neo4j: stopped");
        return 0;
    }

    private static DatabaseManagementService build(Options o, Log4jLogProvider userLogProvider) {
        Map<Setting<?>, Object> cfg = new HashMap<>();
        // Bolt only, on the configured address.
        cfg.put(BoltConnector.enabled, true);
        cfg.put(BoltConnector.listen_address, new SocketAddress(o.boltHost, o.boltPort));
        cfg.put(BoltConnector.advertised_address, new SocketAddress(o.boltHost, o.boltPort));
        cfg.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        cfg.put(HttpConnector.enabled, false);
        cfg.put(HttpsConnector.enabled, false);
        cfg.put(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"));
        cfg.put(GraphDatabaseSettings.routing_enabled, false);
        cfg.put(GraphDatabaseSettings.routing_listen_address, new SocketAddress("127.0.0.1", 0));
        // Auth on.
        cfg.put(GraphDatabaseSettings.auth_enabled, true);
        cfg.put(GraphDatabaseSettings.auth_minimum_password_length, MIN_PASSWORD_LENGTH);
        // No phoning home.
        cfg.put(GraphDatabaseSettings.udc_enabled, false);
        // Small footprint for a dev box.
        cfg.put(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(o.pagecache));
        cfg.put(GraphDatabaseSettings.keep_logical_logs, o.txLogRetention);
        cfg.put(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16));
        cfg.put(GraphDatabaseSettings.preallocate_logical_logs, false);
        // Stop in well under a second instead of netty's default 2 x 5 s quiet period.
        cfg.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        cfg.put(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));
        // Logs under the data dir.
        cfg.put(GraphDatabaseSettings.logs_directory, o.dataDir.resolve("logs"));

        return new DatabaseManagementServiceBuilder(o.dataDir)
                .setConfig(cfg)
                .setUserLogProvider(userLogProvider)
                .build();
    }

    /**
     * Makes the configured credentials the truth: sets (or resets) the password of the configured
     * user, creating it if needed, with no forced change on first login. When the configured user
     * is not {@code neo4j}, the built-in {@code neo4j} user gets the same password so that no
     * account keeps the well-known default one.
     */
    private static void ensureCredentials(DatabaseManagementService dbms, Options o) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        if (!o.user.equals(DEFAULT_USER)) {
            Map<String, Object> params = new HashMap<>();
            params.put("user", o.user);
            params.put("pw", o.password);
            system.executeTransactionally(
                    "CREATE USER $user IF NOT EXISTS SET PASSWORD $pw CHANGE NOT REQUIRED", params);
        }
        setPassword(system, DEFAULT_USER, o.password);
        if (!o.user.equals(DEFAULT_USER)) {
            setPassword(system, o.user, o.password);
        }
    }

    private static void setPassword(GraphDatabaseService system, String user, String password) {
        Map<String, Object> params = new HashMap<>();
        params.put("user", user);
        params.put("pw", password);
        try {
            system.executeTransactionally("ALTER USER $user SET PASSWORD $pw CHANGE NOT REQUIRED", params);
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to the one it already has: that is the state we want.
            String msg = String.valueOf(rootMessage(e)).toLowerCase(Locale.ROOT);
            if (!msg.contains("old password and new password cannot be the same")) {
                throw e;
            }
            // The password is right; make sure no change is still demanded on login.
            system.executeTransactionally("ALTER USER $user SET PASSWORD CHANGE NOT REQUIRED",
                    Map.of("user", user));
        }
    }

    /** Returns null if host:port can be bound right now, else a description of the problem. */
    private static String checkPortFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
            return null;
        } catch (IOException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    /** Waits until a TCP connection to Bolt succeeds and a Bolt handshake gets a non-zero version. */
    private static void waitForBolt(Options o, Duration timeout, CountDownLatch stopRequested)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline && stopRequested.getCount() > 0) {
            try {
                int version = boltHandshake(o.boltHost, o.boltPort);
                if (version != 0) {
                    return;
                }
                last = new IOException("server agreed to no Bolt version we proposed");
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        if (stopRequested.getCount() == 0) {
            return;
        }
        throw last != null ? last : new IOException("timed out waiting for Bolt");
    }

    /**
     * Opens a socket, sends the Bolt magic preamble and four version proposals (5.0-5.8 as a range,
     * then 4.4, 4.3, 4.2) and returns the 4-byte version the server picked (0 = none).
     */
    static int boltHandshake(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(5000);
            byte[] hello = {
                (byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17,
                0x00, 0x08, 0x08, 0x05, // 5.8 and the 8 minors below it
                0x00, 0x00, 0x04, 0x04, // 4.4
                0x00, 0x00, 0x03, 0x04, // 4.3
                0x00, 0x00, 0x02, 0x04, // 4.2
            };
            OutputStream out = s.getOutputStream();
            out.write(hello);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            return in.readInt();
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Throwable cur = t;
        int depth = 0;
        while (cur != null && depth < 8) {
            String m = cur.getMessage();
            if (m != null && !m.isBlank() && sb.indexOf(m) < 0) {
                if (sb.length() > 0) {
                    sb.append(" <- ");
                }
                sb.append(m.strip());
            }
            if (cur.getCause() == cur) {
                break;
            }
            cur = cur.getCause();
            depth++;
        }
        return sb.length() == 0 ? t.toString() : sb.toString();
    }
}
