package org.apiary.network.store;

import java.util.List;
import java.util.Map;

/** Tags of any resource and per-project quota limits. */
public interface MiscStore {
    List<String> tags(String resourceId);

    /** resource id → tags, for all resources that have any. */
    Map<String, List<String>> allTags();

    void replaceTags(String resourceId, List<String> tags);

    /** True when the tag was added, false when it was already there. */
    boolean addTag(String resourceId, String tag);

    boolean removeTag(String resourceId, String tag);

    /** resource → limit for one project's overrides. */
    Map<String, Integer> quotas(String projectId);

    /** project → (resource → limit), every project that has overrides. */
    Map<String, Map<String, Integer>> allQuotas();

    void setQuota(String projectId, String resource, int limit);

    void deleteQuotas(String projectId);
}
