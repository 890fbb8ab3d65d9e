package org.apiary.identity.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.Ids;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.store.CatalogStore;

/** Regions: a tree by parent_region_id, no cycles, not deletable while endpoints use the subtree. */
public final class RegionService {
    private final CatalogDirectory catalog;
    private final CatalogStore store;

    public RegionService(CatalogDirectory catalog) {
        this.catalog = catalog;
        this.store = catalog.store();
    }

    public Region create(String id, String description, String parentId, Map<String, Object> extra) {
        Region r = new Region(id == null ? Ids.hex() : id, description, parentId, extra);
        requireParent(parentId);
        store.createRegion(r);
        catalog.changed();
        return r;
    }

    public Region get(String id) {
        return store.getRegion(id).orElseThrow(() -> ServiceException.notFound("Could not find region: " + id + "."));
    }

    public List<Region> list(String parentRegionId) {
        return store.listRegions().stream()
                .filter(r -> parentRegionId == null || parentRegionId.equals(r.parentRegionId())).toList();
    }

    public Region update(Region updated) {
        get(updated.id());
        requireParent(updated.parentRegionId());
        Set<String> seen = new HashSet<>();
        seen.add(updated.id());
        for (String p = updated.parentRegionId(); p != null; p = store.getRegion(p).map(Region::parentRegionId).orElse(null)) {
            if (!seen.add(p)) {
                throw ServiceException.badRequest("The specified parent region " + updated.parentRegionId()
                        + " would create a circular region hierarchy.");
            }
        }
        store.updateRegion(updated);
        catalog.changed();
        return updated;
    }

    /** Deletes the region and its child regions, unless an endpoint is in that subtree. */
    public void delete(String id) {
        get(id);
        Set<String> subtree = new HashSet<>();
        collect(id, subtree);
        boolean inUse = store.listEndpoints().stream().anyMatch(e -> e.regionId() != null && subtree.contains(e.regionId()));
        if (inUse) {
            throw ServiceException.forbidden("Unable to delete region " + id
                    + " because it or its child regions have associated endpoints.");
        }
        for (String r : subtree) {
            store.deleteRegion(r);
        }
        catalog.changed();
    }

    private void collect(String id, Set<String> out) {
        if (out.add(id)) {
            for (Region r : store.listRegions()) {
                if (id.equals(r.parentRegionId())) {
                    collect(r.id(), out);
                }
            }
        }
    }

    private void requireParent(String parentId) {
        if (parentId != null && store.getRegion(parentId).isEmpty()) {
            throw ServiceException.notFound("Could not find region: " + parentId + ".");
        }
    }
}
