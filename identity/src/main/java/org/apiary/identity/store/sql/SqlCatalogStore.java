package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.CatalogService;
import org.apiary.identity.domain.Endpoint;
import org.apiary.identity.domain.Region;
import org.apiary.identity.store.CatalogStore;
import org.jdbi.v3.core.Jdbi;

public final class SqlCatalogStore implements CatalogStore {
    private final Jdbi jdbi;

    public SqlCatalogStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void createRegion(Region r) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_region (id, description, "
                        + "parent_region_id, extra) VALUES (:id, :d, :p, :e)")
                .bind("id", r.id()).bind("d", r.description()).bind("p", r.parentRegionId())
                .bind("e", Sql.json(r.extra())).execute()), "Duplicate ID, " + r.id() + ".");
    }

    @Override
    public Optional<Region> getRegion(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_region WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> region(rs)).findOne());
    }

    @Override
    public List<Region> listRegions() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_region ORDER BY id")
                .map((rs, ctx) -> region(rs)).list());
    }

    @Override
    public void updateRegion(Region r) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE identity_region SET description = :d, parent_region_id = :p, "
                        + "extra = :e WHERE id = :id").bind("id", r.id()).bind("d", r.description())
                .bind("p", r.parentRegionId()).bind("e", Sql.json(r.extra())).execute());
    }

    @Override
    public void deleteRegion(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM identity_region WHERE id = :id").bind("id", id).execute());
    }

    @Override
    public void createService(CatalogService s) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_service (id, type, enabled, extra) "
                        + "VALUES (:id, :t, :en, :e)").bind("id", s.id()).bind("t", s.type())
                .bind("en", Sql.bit(s.enabled())).bind("e", Sql.json(s.extra())).execute());
    }

    @Override
    public Optional<CatalogService> getService(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_service WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> service(rs)).findOne());
    }

    @Override
    public List<CatalogService> listServices() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_service ORDER BY type, id")
                .map((rs, ctx) -> service(rs)).list());
    }

    @Override
    public void updateService(CatalogService s) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE identity_service SET type = :t, enabled = :en, extra = :e "
                        + "WHERE id = :id").bind("id", s.id()).bind("t", s.type()).bind("en", Sql.bit(s.enabled()))
                .bind("e", Sql.json(s.extra())).execute());
    }

    @Override
    public void deleteService(String id) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM identity_endpoint WHERE service_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM identity_service WHERE id = :id").bind("id", id).execute();
        });
    }

    @Override
    public void createEndpoint(Endpoint e) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_endpoint (id, service_id, interface, url, region_id, "
                        + "enabled, extra) VALUES (:id, :s, :i, :u, :r, :en, :e)").bind("id", e.id())
                .bind("s", e.serviceId()).bind("i", e.iface()).bind("u", e.url()).bind("r", e.regionId())
                .bind("en", Sql.bit(e.enabled())).bind("e", Sql.json(e.extra())).execute());
    }

    @Override
    public Optional<Endpoint> getEndpoint(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_endpoint WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> endpoint(rs)).findOne());
    }

    @Override
    public List<Endpoint> listEndpoints() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_endpoint ORDER BY service_id, interface, id")
                .map((rs, ctx) -> endpoint(rs)).list());
    }

    @Override
    public void updateEndpoint(Endpoint e) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE identity_endpoint SET service_id = :s, interface = :i, url = :u, "
                        + "region_id = :r, enabled = :en, extra = :e WHERE id = :id").bind("id", e.id())
                .bind("s", e.serviceId()).bind("i", e.iface()).bind("u", e.url()).bind("r", e.regionId())
                .bind("en", Sql.bit(e.enabled())).bind("e", Sql.json(e.extra())).execute());
    }

    @Override
    public void deleteEndpoint(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM identity_endpoint WHERE id = :id").bind("id", id).execute());
    }

    private static Region region(ResultSet rs) throws SQLException {
        return new Region(rs.getString("id"), rs.getString("description"), rs.getString("parent_region_id"),
                Sql.map(rs.getString("extra")));
    }

    private static CatalogService service(ResultSet rs) throws SQLException {
        return new CatalogService(rs.getString("id"), rs.getString("type"), Sql.bool(rs, "enabled"),
                Sql.map(rs.getString("extra")));
    }

    private static Endpoint endpoint(ResultSet rs) throws SQLException {
        return new Endpoint(rs.getString("id"), rs.getString("service_id"), rs.getString("interface"),
                rs.getString("url"), rs.getString("region_id"), Sql.bool(rs, "enabled"), Sql.map(rs.getString("extra")));
    }
}
