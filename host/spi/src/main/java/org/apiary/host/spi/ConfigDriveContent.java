package org.apiary.host.spi;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * What a guest finds on its config drive, in Nova's layout and field names
 * (nova/api/metadata/base.py InstanceMetadata._metadata_as_json, nova/virt/netutils.py
 * get_network_metadata), for the newest version only: cloud-init and cirros read
 * openstack/latest when no dated version they know is present. Drivers hand the result to the
 * privileged helper (operation configdrive_create), which builds the ISO.
 *
 * <p>The map is relative path → content in standard base64, the helper's wire format.
 */
public final class ConfigDriveContent {
    public static final String META_DATA = "openstack/latest/meta_data.json";
    public static final String USER_DATA = "openstack/latest/user_data";
    public static final String NETWORK_DATA = "openstack/latest/network_data.json";
    public static final String VENDOR_DATA = "openstack/latest/vendor_data.json";
    public static final String VENDOR_DATA2 = "openstack/latest/vendor_data2.json";
    /** The helper's limits: user data 65535 bytes (Nova's), any other file 64 KiB. */
    public static final int MAX_USER_DATA_BYTES = 65_535, MAX_FILE_BYTES = 64 * 1024;
    static final int RANDOM_SEED_BYTES = 512;

    private static final SecureRandom SEEDS = new SecureRandom();

    private ConfigDriveContent() {}

    public static Map<String, String> files(GuestDefinition def) {
        return files(def, SEEDS);
    }

    /** @param random source of meta_data.json's random_seed (tests pass a fixed one) */
    public static Map<String, String> files(GuestDefinition def, Random random) {
        byte[] seed = new byte[RANDOM_SEED_BYTES];
        random.nextBytes(seed);
        Map<String, String> files = new TreeMap<>();
        files.put(META_DATA, encode(META_DATA, metaData(def, seed)));
        files.put(NETWORK_DATA, encode(NETWORK_DATA, networkData(def)));
        files.put(VENDOR_DATA, encode(VENDOR_DATA, "{}"));
        files.put(VENDOR_DATA2, encode(VENDOR_DATA2, "{}"));
        String userData = def.bootData().userData();
        if (userData != null) {
            files.put(USER_DATA, Base64.getEncoder().encodeToString(userData(userData)));
        }
        return files;
    }

    /** meta_data.json with Nova's keys, in Nova's order; "meta" and the key fields only when present. */
    static String metaData(GuestDefinition def, byte[] randomSeed) {
        GuestBootData boot = def.bootData();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", def.uuid());
        if (!boot.metadata().isEmpty()) {
            m.put("meta", new TreeMap<>(boot.metadata()));
        }
        if (boot.keyName() != null && boot.keyData() != null) {
            m.put("public_keys", Map.of(boot.keyName(), boot.keyData()));
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("name", boot.keyName());
            key.put("type", "ssh");
            key.put("data", boot.keyData());
            m.put("keys", List.of(key));
        }
        m.put("hostname", def.hostname() == null || def.hostname().isBlank() ? def.name() : def.hostname());
        m.put("name", def.name());
        m.put("launch_index", boot.launchIndex());
        m.put("availability_zone", boot.availabilityZone());
        m.put("random_seed", Base64.getEncoder().encodeToString(randomSeed));
        m.put("project_id", def.projectId());
        m.put("devices", List.of());
        m.put("dedicated_cpus", List.of());
        return JsonText.write(m);
    }

    /**
     * network_data.json: one link per NIC (named like Nova's devname, "tap" + the port id's first 11
     * characters; guests match links by MAC), one "ipv4_dhcp" network per link (our dnsmasq serves
     * every port), no services.
     */
    static String networkData(GuestDefinition def) {
        List<Object> links = new ArrayList<>();
        List<Object> networks = new ArrayList<>();
        for (GuestNic nic : def.nics()) {
            String id = "tap" + nic.portId().substring(0, Math.min(11, nic.portId().length()));
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("id", id);
            link.put("vif_id", nic.portId());
            link.put("type", "bridge");
            link.put("mtu", nic.mtu() > 0 ? nic.mtu() : null);
            link.put("ethernet_mac_address", nic.macAddress());
            links.add(link);
            Map<String, Object> net = new LinkedHashMap<>();
            net.put("id", "network" + networks.size());
            net.put("type", "ipv4_dhcp");
            net.put("link", id);
            net.put("network_id", nic.networkId());
            networks.add(net);
        }
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("links", links);
        n.put("networks", networks);
        n.put("services", List.of());
        return JsonText.write(n);
    }

    /**
     * The API took user data as base64 (white space tolerated, as Python's b64decode does); the file
     * holds the decoded bytes.
     */
    static byte[] userData(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("user data is not base64: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_USER_DATA_BYTES) {
            throw new IllegalArgumentException("user data has " + bytes.length + " bytes; at most "
                    + MAX_USER_DATA_BYTES);
        }
        return bytes;
    }

    private static String encode(String name, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(name + " would have " + bytes.length + " bytes; at most "
                    + MAX_FILE_BYTES);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
