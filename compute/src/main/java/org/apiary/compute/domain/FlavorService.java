package org.apiary.compute.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.compute.store.FlavorStore;

/** Flavors, their extra specs and their access lists (nova/compute/flavors.py, objects/flavor.py). */
public final class FlavorService {
    private final FlavorStore store;
    private final ExtraSpecValidator validator;

    public FlavorService(FlavorStore store, ExtraSpecValidator validator) {
        this.store = store;
        this.validator = validator;
    }

    public Flavor create(FlavorSpec spec) {
        return store.create(spec, System.currentTimeMillis());
    }

    public Flavor get(String flavorId) {
        return store.find(flavorId).orElseThrow(() -> Faults.flavorNotFound(flavorId));
    }

    public List<Flavor> list(FlavorQuery query) {
        if (query.marker() != null && store.find(query.marker()).isEmpty()) {
            throw Faults.flavorMarkerNotFound(query.marker());
        }
        return store.list(query);
    }

    public Flavor setDescription(String flavorId, String description) {
        if (!store.setDescription(flavorId, description, System.currentTimeMillis())) {
            throw Faults.flavorNotFound(flavorId);
        }
        return get(flavorId);
    }

    public void delete(String flavorId) {
        if (!store.delete(flavorId)) {
            throw Faults.flavorNotFound(flavorId);
        }
    }

    /**
     * Adds or replaces extra specs. Values are checked against the known namespaces when
     * {@code validateKnown} (microversion 2.86 and later); key names are always checked.
     */
    public Map<String, String> putExtraSpecs(String flavorId, Map<String, String> specs, boolean validateKnown) {
        if (validateKnown) {
            specs.forEach(validator::validate);
        }
        Flavor f = get(flavorId);
        if (!store.putExtraSpecs(f.id(), specs)) {
            throw Faults.flavorNotFound(flavorId);
        }
        return new LinkedHashMap<>(specs);
    }

    public String extraSpec(String flavorId, String key) {
        String v = get(flavorId).extraSpecs().get(key);
        if (v == null) {
            throw Faults.extraSpecNotFound(flavorId, key);
        }
        return v;
    }

    public void deleteExtraSpec(String flavorId, String key) {
        Flavor f = get(flavorId);
        if (!store.deleteExtraSpec(f.id(), key)) {
            throw Faults.extraSpecNotFound(flavorId, key);
        }
    }

    public List<String> projects(Flavor flavor) {
        return store.projects(flavor.id());
    }

    public void addProject(Flavor flavor, String projectId) {
        if (!store.addProject(flavor.id(), projectId)) {
            throw Faults.accessExists(flavor.flavorId(), projectId);
        }
    }

    public void removeProject(Flavor flavor, String projectId) {
        if (!store.removeProject(flavor.id(), projectId)) {
            throw Faults.accessNotFound(flavor.flavorId(), projectId);
        }
    }
}
