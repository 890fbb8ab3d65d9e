package org.apiary.compute.store.sql;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiary.compute.domain.FlavorSnapshot;
import org.apiary.compute.domain.RequestSpec;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.Vif;
import org.jdbi.v3.core.Handle;

/** Reading compute_instance rows (with their metadata and tags) into {@link Server}s. */
final class ServerRows {
    private ServerRows() {}

    private static final TypeReference<List<Vif>> VIFS = new TypeReference<>() {};

    /** A server with its internal id: the id breaks ties in listings in creation order, as Nova's. */
    record Row(long id, Server server) {}

    static Row row(ResultSet rs) throws SQLException {
        Server s = new Server(rs.getString("uuid"), rs.getString("project_id"), rs.getString("user_id"),
                rs.getString("display_name"), rs.getString("hostname"), rs.getString("description"),
                rs.getString("image_ref"), JsonColumns.read(rs.getString("flavor"), FlavorSnapshot.class),
                JsonColumns.read(rs.getString("old_flavor"), FlavorSnapshot.class),
                JsonColumns.read(rs.getString("new_flavor"), FlavorSnapshot.class), rs.getString("key_name"),
                rs.getString("key_data"), rs.getString("user_data"), rs.getInt("config_drive") == 1,
                rs.getString("availability_zone"), rs.getString("host"), rs.getString("node"),
                rs.getString("vm_state"), rs.getString("task_state"), rs.getInt("power_state"),
                rs.getString("reservation_id"), rs.getInt("launch_index"), rs.getString("access_ip_v4"),
                rs.getString("access_ip_v6"), rs.getString("locked_by"), rs.getString("locked_reason"),
                JsonColumns.read(rs.getString("request_spec"), RequestSpec.class),
                JsonColumns.read(rs.getString("network_info"), VIFS), Map.of(), List.of(), rs.getInt("progress"),
                rs.getLong("created_at"), nullableLong(rs, "updated_at"), nullableLong(rs, "launched_at"),
                nullableLong(rs, "terminated_at"), nullableLong(rs, "deleted_at"), rs.getLong("generation"));
        return new Row(rs.getLong("id"), s);
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** The servers with their metadata and tags filled in. */
    static List<Server> withDetails(Handle h, List<Server> servers) {
        if (servers.isEmpty()) {
            return servers;
        }
        List<String> uuids = servers.stream().map(Server::uuid).toList();
        Map<String, Map<String, String>> metadata = new HashMap<>();
        Map<String, List<String>> tags = new HashMap<>();
        // Chunked so a long page stays under every engine's bind-parameter limit.
        for (int i = 0; i < uuids.size(); i += 500) {
            List<String> chunk = uuids.subList(i, Math.min(uuids.size(), i + 500));
            h.createQuery("SELECT instance_uuid, meta_key, meta_value FROM compute_instance_metadata "
                    + "WHERE instance_uuid IN (<u>)").bindList("u", chunk)
                    .map((rs, ctx) -> metadata.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getString(2), rs.getString(3))).list();
            h.createQuery("SELECT instance_uuid, tag FROM compute_instance_tag WHERE instance_uuid IN (<u>) "
                    + "ORDER BY tag").bindList("u", chunk)
                    .map((rs, ctx) -> tags.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2))).list();
        }
        List<Server> out = new ArrayList<>(servers.size());
        for (Server s : servers) {
            out.add(with(s, metadata.getOrDefault(s.uuid(), Map.of()), tags.getOrDefault(s.uuid(), List.of())));
        }
        return out;
    }

    private static Server with(Server s, Map<String, String> metadata, List<String> tags) {
        return new Server(s.uuid(), s.projectId(), s.userId(), s.name(), s.hostname(), s.description(), s.imageRef(),
                s.flavor(), s.oldFlavor(), s.newFlavor(), s.keyName(), s.keyData(), s.userData(), s.configDrive(),
                s.availabilityZone(), s.host(), s.node(), s.vmState(), s.taskState(), s.powerState(),
                s.reservationId(), s.launchIndex(), s.accessIpV4(), s.accessIpV6(), s.lockedBy(), s.lockedReason(),
                s.requestSpec(), s.networkInfo(), metadata, tags, s.progress(), s.createdAt(), s.updatedAt(),
                s.launchedAt(), s.terminatedAt(), s.deletedAt(), s.generation());
    }
}
