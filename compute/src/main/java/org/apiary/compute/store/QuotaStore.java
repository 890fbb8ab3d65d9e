package org.apiary.compute.store;

import java.util.Map;

/** Explicit limits; {@code userId} "" stands for the whole project. */
public interface QuotaStore {
    Map<String, Integer> limits(String projectId, String userId);

    void setLimit(String projectId, String userId, String resource, int limit);

    /** A quota class's explicit limits. */
    Map<String, Integer> classLimits(String className);

    void setClassLimit(String className, String resource, int limit);

    /** Deletes the project's limits (userId "") or one user's limits in it. */
    void delete(String projectId, String userId);
}
