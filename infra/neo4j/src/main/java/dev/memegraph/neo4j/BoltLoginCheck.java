package dev.memegraph.neo4j;

import java.util.concurrent.TimeUnit;

import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;

/** Logs in over Bolt as a real client would and runs {@code RETURN 1}. */
final class BoltLoginCheck {

    private BoltLoginCheck() {}

    static void verify(String host, int port, String user, String password) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        Config config = Config.builder()
                .withLogging(Logging.none())
                .withoutEncryption()
                .withConnectionTimeout(5, TimeUnit.SECONDS)
                .withMaxConnectionPoolSize(1)
                .build();
        try (Driver driver = GraphDatabase.driver("bolt://" + h + ":" + port, AuthTokens.basic(user, password), config);
                Session session = driver.session()) {
            long one = session.run("RETURN 1 AS one").single().get("one").asLong();
            if (one != 1L) {
                throw new IllegalStateException("RETURN 1 gave " + one);
            }
        }
    }
}
