package org.apiary.compute.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.compute.domain.Flavor;
import org.apiary.compute.domain.FlavorQuery;
import org.apiary.compute.domain.FlavorSpec;

/** Flavors with their extra specs and access grants. Conflicts surface as the domain's faults. */
public interface FlavorStore {
    Flavor create(FlavorSpec spec, long now);

    Optional<Flavor> find(String flavorId);

    /** Flavors matching the query, sorted, after the marker, at most {@code limit}. */
    List<Flavor> list(FlavorQuery query);

    boolean setDescription(String flavorId, String description, long now);

    boolean delete(String flavorId);

    /** Adds or replaces these specs; false when the flavor is gone. */
    boolean putExtraSpecs(long flavorId, Map<String, String> specs);

    boolean deleteExtraSpec(long flavorId, String key);

    List<String> projects(long flavorId);

    /** False when the grant already existed. */
    boolean addProject(long flavorId, String projectId);

    boolean removeProject(long flavorId, String projectId);
}
