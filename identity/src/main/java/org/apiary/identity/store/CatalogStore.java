package org.apiary.identity.store;

import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.CatalogService;
import org.apiary.identity.domain.Endpoint;
import org.apiary.identity.domain.Region;

/** Regions, services and endpoints. */
public interface CatalogStore {
    void createRegion(Region r);

    Optional<Region> getRegion(String id);

    List<Region> listRegions();

    void updateRegion(Region r);

    void deleteRegion(String id);

    void createService(CatalogService s);

    Optional<CatalogService> getService(String id);

    List<CatalogService> listServices();

    void updateService(CatalogService s);

    void deleteService(String id);

    void createEndpoint(Endpoint e);

    Optional<Endpoint> getEndpoint(String id);

    List<Endpoint> listEndpoints();

    void updateEndpoint(Endpoint e);

    void deleteEndpoint(String id);
}
