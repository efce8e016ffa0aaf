package se.kvalitet.report.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The people who may be mailed ({@code notification_recipient}): who saved preferences, and the directory's. */
@ApplicationScoped
public class RecipientStore {

    /** A person who may be mailed: staff data from that person's own token, never case data. */
    public record Recipient(
            String username,
            String email,
            Delivery delivery,
            Set<String> roles,
            Set<UUID> orgUnitIds,
            Instant updatedAt,
            boolean saved) {

        /** A person's own choice (the preferences resource): saved. */
        public Recipient(
                String username,
                String email,
                Delivery delivery,
                Set<String> roles,
                Set<UUID> orgUnitIds,
                Instant updatedAt) {
            this(username, email, delivery, roles, orgUnitIds, updatedAt, true);
        }
    }

    private static final String COLUMNS = "username, email, delivery, roles, org_unit_ids, updated_at, source";

    @Inject
    DataSource dataSource;

    public Optional<Recipient> find(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM notification_recipient WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public void save(Recipient r) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO notification_recipient (username, email, delivery, roles, org_unit_ids, updated_at, source)
                        VALUES (?, ?, ?, ?, ?, ?, 'PERSON')
                        ON CONFLICT (username) DO UPDATE SET email = excluded.email, delivery = excluded.delivery,
                            roles = excluded.roles, org_unit_ids = excluded.org_unit_ids, updated_at = excluded.updated_at,
                            source = 'PERSON'""")) {
            ps.setString(1, r.username());
            ps.setString(2, r.email());
            ps.setString(3, r.delivery().name());
            ps.setArray(
                    4, c.createArrayOf("varchar", r.roles().stream().sorted().toArray()));
            ps.setArray(5, c.createArrayOf("uuid", r.orgUnitIds().toArray()));
            ps.setTimestamp(6, Timestamp.from(r.updatedAt()));
            ps.executeUpdate();
        }
    }

    /** People who want mail and act for at least one of the units (a unit and its ancestors, typically). */
    public List<Recipient> actingFor(Collection<UUID> units) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT username, email, delivery, roles, org_unit_ids, updated_at, source FROM notification_recipient
                        WHERE delivery <> 'OFF' AND org_unit_ids && ? ORDER BY username""")) {
            ps.setArray(1, c.createArrayOf("uuid", units.toArray()));
            List<Recipient> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    /**
     * Everybody who wants mail, to recognise the one a pseudonymous event names (an assignment): one scan of the
     * people who saved preferences, a few thousand rows in a municipality, for an event that comes a few times a
     * day per investigator.
     */
    public List<Recipient> wantingMail() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notification_recipient"
                        + " WHERE delivery <> 'OFF' ORDER BY username")) {
            List<Recipient> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    private static Recipient read(ResultSet rs) throws SQLException {
        return new Recipient(
                rs.getString("username"),
                rs.getString("email"),
                Delivery.valueOf(rs.getString("delivery")),
                Set.of((String[]) rs.getArray("roles").getArray()),
                Set.of((UUID[]) rs.getArray("org_unit_ids").getArray()),
                rs.getTimestamp("updated_at").toInstant(),
                "PERSON".equals(rs.getString("source")));
    }
}
