package org.apiary.network.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiary.common.Ids;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.network.store.NetworkStore;

/** Networks: provider attributes as the ML2 type drivers validate and allocate them, MTU, lifecycle. */
public final class NetworkService {
    private final NetworkStore store;
    private final SegmentConfig segments;
    private final QuotaService quotas;
    private final Changes changes;

    public NetworkService(NetworkStore store, SegmentConfig segments, QuotaService quotas, Changes changes) {
        this.store = store;
        this.segments = segments;
        this.quotas = quotas;
        this.changes = changes;
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    public Network create(NetworkSpec s) {
        Instant now = now();
        String id = Ids.uuid();
        List<SegmentClaim> claims = s.providerGiven() ? List.of(providerClaim(s)) : tenantClaims();
        ServiceException last = null;
        for (SegmentClaim claim : claims) {
            int max = segments.maxMtu(claim.networkType());
            int mtu = s.mtu() == null ? max : checkMtu(s.mtu(), max);
            Network draft = new Network(id, s.projectId(), nz(s.name()), nz(s.description()),
                    s.adminStateUp() == null || s.adminStateUp(), Boolean.TRUE.equals(s.shared()),
                    Boolean.TRUE.equals(s.external()), Boolean.TRUE.equals(s.isDefault()), mtu,
                    s.portSecurityEnabled() == null || s.portSecurityEnabled(), "ACTIVE",
                    s.availabilityZoneHints() == null ? List.of() : s.availabilityZoneHints(),
                    s.dnsDomain() == null ? "" : s.dnsDomain(), null, 1, now, now);
            try {
                Network n = store.createNetwork(draft, claim, quotas.limit(s.projectId(), "network"));
                changes.changed(n.id(), "network.create");
                return n;
            } catch (ServiceException e) {
                if (!"NoNetworkAvailable".equals(e.code())) {
                    throw e;
                }
                last = e;
            }
        }
        throw last != null ? last : Faults.noNetworkAvailable();
    }

    private List<SegmentClaim> tenantClaims() {
        List<SegmentClaim> out = new ArrayList<>();
        for (String type : segments.tenantNetworkTypes()) {
            switch (type) {
                case "vxlan" -> out.add(SegmentClaim.pooled("vxlan", null, segments.vniRanges()));
                case "vlan" -> segments.vlanRanges().forEach((physnet, ranges) -> {
                    if (!ranges.isEmpty()) {
                        out.add(SegmentClaim.pooled("vlan", physnet, ranges));
                    }
                });
                default -> out.add(new SegmentClaim("local", null, null, null));
            }
        }
        return out;
    }

    /** Validates admin-given provider attributes as ML2's type drivers do. */
    SegmentClaim providerClaim(NetworkSpec s) {
        String type = s.networkType();
        String physnet = s.physicalNetwork();
        Integer segId = s.segmentationId();
        if (type == null) {
            throw Faults.invalidInput("network_type required");
        }
        switch (type) {
            case "flat" -> {
                if (segId != null) {
                    throw Faults.invalidInput("segmentation_id prohibited for flat provider network");
                }
                if (physnet == null || physnet.isEmpty()) {
                    throw Faults.invalidInput("physical_network required for flat provider network");
                }
                if (!segments.flatAllowed(physnet)) {
                    throw Faults.invalidInput("physical_network '" + physnet + "' unknown for flat provider network");
                }
                return SegmentClaim.exact(new Segment("flat", physnet, null));
            }
            case "vlan" -> {
                if (physnet == null || physnet.isEmpty()) {
                    if (segId != null) {
                        throw Faults.invalidInput("segmentation_id requires physical_network for VLAN provider network");
                    }
                    var pooled = segments.vlanRanges().entrySet().stream().filter(e -> !e.getValue().isEmpty())
                            .findFirst();
                    if (pooled.isEmpty()) {
                        throw Faults.noNetworkAvailable();
                    }
                    return SegmentClaim.pooled("vlan", pooled.get().getKey(), pooled.get().getValue());
                }
                if (!segments.vlanRanges().containsKey(physnet)) {
                    throw Faults.invalidInput("physical_network '" + physnet + "' unknown for VLAN provider network");
                }
                if (segId == null) {
                    return SegmentClaim.pooled("vlan", physnet, segments.vlanRanges().get(physnet));
                }
                if (segId < 1 || segId > 4094) {
                    throw Faults.invalidInput("segmentation_id out of range (1 through 4094)");
                }
                return SegmentClaim.exact(new Segment("vlan", physnet, segId));
            }
            case "vxlan" -> {
                if (physnet != null && !physnet.isEmpty()) {
                    throw Faults.invalidInput("physical_network prohibited for vxlan provider network");
                }
                if (segId == null) {
                    return SegmentClaim.pooled("vxlan", null, segments.vniRanges());
                }
                if (segId < 1 || segId > (1 << 24) - 1) {
                    throw Faults.invalidInput("segmentation_id out of range (1 through 16777215)");
                }
                return SegmentClaim.exact(new Segment("vxlan", null, segId));
            }
            case "local" -> {
                if ((physnet != null && !physnet.isEmpty()) || segId != null) {
                    throw Faults.invalidInput((segId != null ? "segmentation_id" : "physical_network")
                            + " prohibited for local provider network");
                }
                return new SegmentClaim("local", null, null, null);
            }
            default -> throw Faults.invalidInput("network_type value '" + type + "' not supported");
        }
    }

    private static int checkMtu(int mtu, int max) {
        if (mtu > max) {
            throw Faults.invalidInput("Requested MTU is too big, maximum is " + max);
        }
        if (mtu < 68) {
            throw Faults.invalidInput("'" + mtu + "' is too small - must be at least '68'");
        }
        return mtu;
    }

    public Optional<Network> find(String id) {
        return store.findNetwork(id);
    }

    public Network get(String id) {
        return store.findNetwork(id).orElseThrow(() -> Faults.networkNotFound(id));
    }

    public List<Network> list() {
        return store.listNetworks();
    }

    public Network update(String id, NetworkSpec s, Long ifMatch) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Network n = get(id);
            Revisions.check(ifMatch, n.revision());
            if (s.providerGiven()) {
                Segment seg = n.segment();
                if (!Objects.equals(s.networkType(), seg.networkType())
                        || !Objects.equals(s.physicalNetwork(), seg.physicalNetwork())
                        || !Objects.equals(s.segmentationId(), seg.segmentationId())) {
                    throw Faults.invalidInput("Plugin does not support updating provider attributes");
                }
            }
            if (Boolean.FALSE.equals(s.shared()) && n.shared() && usedByOtherProjects(n)) {
                throw Faults.of(ErrorKind.CONFLICT, "InvalidSharedSetting", "Unable to reconfigure sharing settings "
                        + "for network " + id + ". Multiple tenants are using it.");
            }
            int mtu = s.mtu() == null ? n.mtu() : checkMtu(s.mtu(), segments.maxMtu(n.segment().networkType()));
            Network u = new Network(n.id(), n.projectId(), s.name() == null ? n.name() : s.name(),
                    s.description() == null ? n.description() : s.description(),
                    s.adminStateUp() == null ? n.adminStateUp() : s.adminStateUp(),
                    s.shared() == null ? n.shared() : s.shared(), s.external() == null ? n.external() : s.external(),
                    s.isDefault() == null ? n.isDefault() : s.isDefault(), mtu,
                    s.portSecurityEnabled() == null ? n.portSecurityEnabled() : s.portSecurityEnabled(), n.status(),
                    s.availabilityZoneHints() == null ? n.availabilityZoneHints() : s.availabilityZoneHints(),
                    s.dnsDomain() == null ? n.dnsDomain() : s.dnsDomain(), n.segment(), n.revision() + 1,
                    n.createdAt(), now());
            if (store.updateNetwork(u, n.revision())) {
                changes.changed(id, "network.update");
                return u;
            }
        }
        throw Faults.concurrentUpdate();
    }

    private boolean usedByOtherProjects(Network n) {
        return store.portsOf(n.id()).stream().anyMatch(p -> !p.projectId().equals(n.projectId())
                && !Port.isNetworkDevice(p.deviceOwner()));
    }

    public void delete(String id, Long ifMatch) {
        Network n = get(id);
        Revisions.check(ifMatch, n.revision());
        store.deleteNetwork(id);
        changes.changed(id, "network.delete");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
