package org.apiary.identity.store;

import java.util.List;
import org.apiary.identity.domain.DomainConfigOption;

/** Domain-specific configuration options, sensitive ones included. */
public interface DomainConfigStore {
    List<DomainConfigOption> list(String domainId);

    /** Replaces the domain's whole configuration, in one transaction. */
    void replace(String domainId, List<DomainConfigOption> options);

    /** Creates or overwrites each given option, in one transaction. */
    void upsert(String domainId, List<DomainConfigOption> options);

    /** Deletes the whole configuration (group null), one group (option null) or one option. */
    void delete(String domainId, String group, String option);
}
