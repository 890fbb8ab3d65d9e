package org.apiary.network.domain;

import java.time.Instant;
import java.util.List;

/** A security group with its rules (rules are not enforced on hosts yet). */
public record SecurityGroup(String id, String projectId, String name, String description, boolean stateful,
                            List<SecurityGroupRule> rules, long revision, Instant createdAt, Instant updatedAt) {
    public SecurityGroup {
        rules = List.copyOf(rules);
    }
}
