package org.apiary.network.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apiary.network.domain.SecurityGroup;
import org.apiary.network.domain.SecurityGroupRule;

/** Security groups and rules. */
public interface SecurityGroupStore {
    /** The project's default group id, if it was created. */
    Optional<String> defaultGroupOf(String projectId);

    /** The ids of every project's default group. */
    Set<String> defaultGroupIds();

    /** Inserts {@code group} as the project's default unless another request did first; returns the winner's id. */
    String createDefault(SecurityGroup group);

    SecurityGroup create(SecurityGroup group, int quota);

    Optional<SecurityGroup> find(String id);

    List<SecurityGroup> list();

    boolean update(SecurityGroup updated, long expectedRevision);

    /** Deletes the group and its rules; 409 SecurityGroupInUse while a port uses it. */
    void delete(String id);

    /** Inserts a rule after {@code checkSiblings} accepted the group's existing rules. */
    SecurityGroupRule createRule(SecurityGroupRule rule, Consumer<List<SecurityGroupRule>> checkSiblings, int quota);

    Optional<SecurityGroupRule> findRule(String id);

    List<SecurityGroupRule> listRules();

    void deleteRule(String id);
}
