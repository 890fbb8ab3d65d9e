package org.apiary.common.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.context.AuthContext;
import org.apiary.common.error.ServiceException;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
    static AuthContext project(String user, String project, String domain, String... roles) {
        return new AuthContext(user, "u", "default", project, "p", domain, null, null, false, Set.of(roles), List.of(),
                Instant.now(), "a", null);
    }

    static AuthContext system(String user, String... roles) {
        return new AuthContext(user, "u", "default", null, null, null, null, null, true, Set.of(roles), List.of(),
                Instant.now(), "a", null);
    }

    final PolicyEngine engine = new PolicyEngine(List.of(
            new RuleDefault("admin_required", "role:admin or is_admin:1", ""),
            new RuleDefault("owner", "user_id:%(user_id)s", ""),
            new RuleDefault("get_user", "(rule:admin_required) or (role:reader and system_scope:all) "
                    + "or (role:reader and token.project.domain.id:%(target.user.domain_id)s) "
                    + "or user_id:%(target.user.id)s", ""),
            new RuleDefault("nobody", "!", ""),
            new RuleDefault("anybody", "", ""),
            new RuleDefault("not_member", "not role:member", "")));

    @Test
    void rolesAreCaseInsensitiveAndSubstitutionsComeFromTheTarget() {
        assertThat(engine.allows("get_user", Map.of(), project("u1", "p1", "d1", "Admin"))).isTrue();
        assertThat(engine.allows("get_user", Map.of("target.user.id", "u1"), project("u1", "p1", "d1", "member")))
                .isTrue();
        assertThat(engine.allows("get_user", Map.of("target.user.id", "u2"), project("u1", "p1", "d1", "member")))
                .isFalse();
        assertThat(engine.allows("get_user", Map.of("target.user.domain_id", "d1"), project("u1", "p1", "d1", "reader")))
                .isTrue();
        assertThat(engine.allows("get_user", Map.of(), system("u1", "reader"))).isTrue();
    }

    @Test
    void literalsNegationAndUnknownRules() {
        assertThat(engine.allows("nobody", Map.of(), system("u", "admin"))).isFalse();
        assertThat(engine.allows("anybody", Map.of(), null)).isTrue();
        assertThat(engine.allows("not_member", Map.of(), project("u", "p", "d", "member"))).isFalse();
        assertThat(engine.allows("not_member", Map.of(), project("u", "p", "d", "reader"))).isTrue();
        assertThat(engine.allows("no_such_rule", Map.of(), system("u", "admin"))).isFalse();
        assertThatThrownBy(() -> engine.enforce("nobody", Map.of(), system("u", "admin")))
                .isInstanceOf(ServiceException.class).extracting("kind.status").isEqualTo(403);
    }

    @Test
    void yamlOverridesReplaceDefaults() throws Exception {
        Path f = Files.createTempFile("policy", ".yaml");
        Files.writeString(f, "\"nobody\": \"role:member\"\n\"owner\": \"@\"\n");
        engine.withOverrides(f);
        assertThat(engine.allows("nobody", Map.of(), project("u", "p", "d", "member"))).isTrue();
        assertThat(engine.checkStrings()).containsEntry("owner", "@");
    }

    @Test
    void malformedPoliciesAreRejected() {
        assertThatThrownBy(() -> engine.put("x", "role:admin and")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.put("x", "(role:admin")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.put("x", "admin")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalKindsAndNoneSubstitutionFollowOsloPolicy() {
        PolicyEngine e = new PolicyEngine(List.of(
                new RuleDefault("global_role", "None:%(target.role.domain_id)s", ""),
                new RuleDefault("is_true", "True:%(target.flag)s", "")));
        java.util.Map<String, Object> globalRole = new java.util.HashMap<>();
        globalRole.put("target.role.domain_id", null);
        assertThat(e.allows("global_role", globalRole, system("u"))).isTrue();
        assertThat(e.allows("global_role", Map.of("target.role.domain_id", "d1"), system("u"))).isFalse();
        assertThat(e.allows("global_role", Map.of(), system("u"))).isFalse();
        assertThat(e.allows("is_true", Map.of("target.flag", true), system("u"))).isTrue();
    }
}
