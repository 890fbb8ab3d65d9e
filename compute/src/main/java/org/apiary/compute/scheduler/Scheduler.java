package org.apiary.compute.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.compute.domain.FlavorSnapshot;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerGroup;
import org.apiary.compute.domain.external.PlacementApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova's filter scheduler on Placement: allocation candidates for the flavor and image, then the
 * filters (compute service up and enabled, availability zone, requested host/node, hosts to
 * ignore, server group affinity), then the RAM weigher (most free memory first, so servers spread),
 * then an atomic claim; a claim that loses a race moves to the next host, and the whole search is
 * repeated a few times before giving up with NoValidHost.
 */
public final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final int CANDIDATE_LIMIT = 1000;

    /** The host chosen for a server, with the allocations claimed for it and the host's availability zone. */
    public record Selection(String host, String node, String nodeUuid, Map<String, Map<String, Long>> allocations,
                            String zone) {}

    /** Where the group's members already are, for the affinity filters. */
    public interface GroupView {
        /** Null when the server is in no group. */
        ServerGroup group(String groupUuid);

        /** Host of each other member that has one. */
        List<String> memberHosts(String groupUuid, String exceptServer);
    }

    private final PlacementApi placement;
    private final HostCatalog hosts;
    private final GroupView groups;
    private final int attempts;

    public Scheduler(PlacementApi placement, HostCatalog hosts, GroupView groups, int attempts) {
        this.placement = placement;
        this.hosts = hosts;
        this.groups = groups;
        this.attempts = attempts;
    }

    /**
     * Picks a host for {@code server} with {@code flavor} and claims the resources for
     * {@code consumer} (the server itself, or for a resize its new flavor while a migration
     * consumer keeps the old one — then {@code extra} carries that migration claim).
     */
    public Selection select(Server server, FlavorSnapshot flavor, String consumer, Long consumerGeneration,
                            List<PlacementApi.Claim> extra) {
        Map<String, HostCatalog.HostState> byNode = new HashMap<>();
        for (HostCatalog.HostState h : hosts.hosts()) {
            byNode.put(h.nodeUuid(), h);
        }
        String why = "There are not enough hosts available.";
        for (int attempt = 0; attempt < attempts; attempt++) {
            PlacementApi.Query query = FlavorResources.query(flavor, server.requestSpec().imageProperties(), null);
            List<PlacementApi.Candidate> candidates = filter(server, placement.candidates(query, CANDIDATE_LIMIT),
                    byNode);
            if (candidates.isEmpty()) {
                break;
            }
            candidates.sort(Comparator.comparingLong(
                    (PlacementApi.Candidate c) -> c.capacity().getOrDefault("MEMORY_MB", 0L)).reversed());
            for (PlacementApi.Candidate c : candidates) {
                List<PlacementApi.Claim> claims = new ArrayList<>(extra);
                claims.add(new PlacementApi.Claim(consumer, server.projectId(), server.userId(), consumerGeneration,
                        c.allocations()));
                if (placement.claim(claims)) {
                    HostCatalog.HostState h = byNode.get(c.rootProvider());
                    return new Selection(h.host(), h.node(), h.nodeUuid(), c.allocations(), h.zone());
                }
                LOG.info("claim for {} on {} lost a race; trying the next host", server.uuid(), c.rootProvider());
                why = "Resources changed while claiming; retries exhausted.";
            }
        }
        throw new NoValidHost(why);
    }

    /** The host whose compute node holds these allocations (a claim made before a restart). */
    public Selection destinationOf(Map<String, Map<String, Long>> allocations) {
        for (HostCatalog.HostState h : hosts.hosts()) {
            if (allocations.containsKey(h.nodeUuid())) {
                return new Selection(h.host(), h.node(), h.nodeUuid(), allocations, h.zone());
            }
        }
        throw new NoValidHost("The claimed resources are on a provider no compute host reports.");
    }

    private List<PlacementApi.Candidate> filter(Server server, List<PlacementApi.Candidate> candidates,
                                                Map<String, HostCatalog.HostState> byNode) {
        var spec = server.requestSpec();
        Set<String> ignore = new HashSet<>(spec.ignoreHosts());
        ServerGroup group = spec.groupUuid() == null ? null : groups.group(spec.groupUuid());
        List<String> memberHosts = group == null ? List.of() : groups.memberHosts(group.uuid(), server.uuid());
        List<PlacementApi.Candidate> kept = new ArrayList<>();
        for (PlacementApi.Candidate c : candidates) {
            HostCatalog.HostState h = byNode.get(c.rootProvider());
            if (h == null || !h.enabled() || !h.up() || ignore.contains(h.host())) {
                continue;
            }
            if (server.availabilityZone() != null && !server.availabilityZone().equals(h.zone())) {
                continue;
            }
            if (spec.requestedHost() != null && !spec.requestedHost().equals(h.host())) {
                continue;
            }
            if (spec.requestedNode() != null && !spec.requestedNode().equals(h.node())) {
                continue;
            }
            if (group != null && !groupAllows(group, memberHosts, h.host())) {
                continue;
            }
            kept.add(c);
        }
        return kept;
    }

    private static boolean groupAllows(ServerGroup group, List<String> memberHosts, String host) {
        long onHost = memberHosts.stream().filter(host::equals).count();
        return switch (group.policy()) {
            case "affinity" -> memberHosts.isEmpty() || onHost > 0;
            case "anti-affinity" -> onHost < (group.maxServerPerHost() == null ? 1 : group.maxServerPerHost());
            default -> true; // soft policies only weigh; with one weigher they are not enforced
        };
    }
}
