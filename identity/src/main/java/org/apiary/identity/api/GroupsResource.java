package org.apiary.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.Group;
import org.apiary.identity.domain.GroupService;
import org.apiary.identity.domain.Project;
import org.apiary.identity.domain.User;
import org.apiary.identity.domain.UserFilter;
import org.apiary.identity.domain.UserService;

/** /v3/groups and group membership; policy targets carry the stored group (and user) as Keystone's do. */
public final class GroupsResource {
    private static final String[] MODELLED = {"id", "name", "domain_id", "description", "links"};
    /** The group table's name column is 64 wide; longer names are refused rather than failing in SQL. */
    private static final int NAME_MAX = 64;

    private final GroupService groups;
    private final UserService users;
    private final Authz authz;

    public GroupsResource(GroupService groups, UserService users, Authz authz) {
        this.groups = groups;
        this.users = users;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/groups", this::list);
        routes.add("POST", "/v3/groups", this::create);
        routes.add("GET", "/v3/groups/{group_id}", this::get);
        routes.add("PATCH", "/v3/groups/{group_id}", this::update);
        routes.add("DELETE", "/v3/groups/{group_id}", this::delete);
        routes.add("GET", "/v3/groups/{group_id}/users", this::members);
        routes.add("PUT", "/v3/groups/{group_id}/users/{user_id}", this::addMember);
        routes.add("GET", "/v3/groups/{group_id}/users/{user_id}", this::checkMember);
        routes.add("HEAD", "/v3/groups/{group_id}/users/{user_id}", this::checkMember);
        routes.add("DELETE", "/v3/groups/{group_id}/users/{user_id}", this::removeMember);
    }

    private ApiResponse list(ApiRequest req) {
        String tokenDomain = req.auth().domainId();
        authz.enforce(req, "list_groups", "target.group.domain_id", tokenDomain);
        List<Map<String, Object>> out = groups.list(req.queryParam("domain_id").orElse(null),
                        req.queryParam("name").orElse(null)).stream()
                .filter(g -> tokenDomain == null || tokenDomain.equals(g.domainId()))
                .map(g -> Views.group(req, g)).toList();
        return Links.collection(req, "groups", out);
    }

    private ApiResponse get(ApiRequest req) {
        String id = req.param("group_id");
        enforceOnGroup(req, "get_group", id);
        return Links.single(200, "group", Views.group(req, groups.get(id)));
    }

    private ApiResponse create(ApiRequest req) {
        JsonNode raw = req.json().get("group");
        authz.enforce(req, "create_group", "target.group.domain_id",
                raw == null ? null : raw.path("domain_id").textValue());
        ObjectNode body = UsersResource.normalizeKeys(Fields.requireObject(req.json(), "group"));
        String name = UsersResource.identityName(body, "name", NAME_MAX);
        if (name == null) {
            throw ServiceException.badRequest("'name' is a required property");
        }
        String domainId = UsersResource.idString(body, "domain_id", false);
        String description = Fields.optString(body, "description");
        if (domainId == null) {
            domainId = req.auth().domainId() != null ? req.auth().domainId() : Project.DEFAULT_DOMAIN;
        }
        Group g = groups.create(name, domainId, description, Extra.of(body, MODELLED));
        return Links.single(201, "group", Views.group(req, g));
    }

    private ApiResponse update(ApiRequest req) {
        String id = req.param("group_id");
        enforceOnGroup(req, "update_group", id);
        ObjectNode body = Fields.requireObject(req.json(), "group");
        if (body.isEmpty()) {
            throw ServiceException.badRequest("{} does not have enough properties");
        }
        String name = UsersResource.identityName(body, "name", NAME_MAX);
        String domainId = UsersResource.idString(body, "domain_id", false);
        String description = Fields.optString(body, "description");
        UsersResource.requireMatchingId(body, id);
        Group g = groups.update(id, new GroupService.GroupChanges(name, domainId, body.has("description"), description,
                Extra.of(body, MODELLED)));
        return Links.single(200, "group", Views.group(req, g));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, "delete_group", "group_id", req.param("group_id"));
        groups.delete(req.param("group_id"));
        return ApiResponse.noContent();
    }

    private ApiResponse members(ApiRequest req) {
        String id = req.param("group_id");
        enforceOnGroup(req, "list_users_in_group", id);
        UserFilter filter = new UserFilter(req.queryParam("domain_id").orElse(null),
                req.queryParam("name").orElse(null), UsersResource.queryBoolean(req, "enabled"),
                req.queryParam("password_expires_at").orElse(null));
        String tokenDomain = req.auth().domainId();
        List<Map<String, Object>> out = groups.members(id, filter).stream()
                .filter(u -> tokenDomain == null || tokenDomain.equals(u.domainId()))
                .map(u -> Views.user(req, u)).toList();
        return Links.collection(req, "users", out);
    }

    private ApiResponse addMember(ApiRequest req) {
        enforceOnMembership(req, "add_user_to_group");
        groups.addMember(req.param("group_id"), req.param("user_id"));
        return ApiResponse.noContent();
    }

    private ApiResponse checkMember(ApiRequest req) {
        enforceOnMembership(req, "check_user_in_group");
        groups.checkMember(req.param("group_id"), req.param("user_id"));
        return ApiResponse.noContent();
    }

    private ApiResponse removeMember(ApiRequest req) {
        enforceOnMembership(req, "remove_user_from_group");
        groups.removeMember(req.param("group_id"), req.param("user_id"));
        return ApiResponse.noContent();
    }

    private void enforceOnGroup(ApiRequest req, String action, String groupId) {
        Optional<Group> g = groups.find(groupId);
        authz.enforce(req, action, "group_id", groupId, "target.group.id", g.map(Group::id).orElse(null),
                "target.group.domain_id", g.map(Group::domainId).orElse(null));
    }

    private void enforceOnMembership(ApiRequest req, String action) {
        String groupId = req.param("group_id");
        String userId = req.param("user_id");
        Optional<Group> g = groups.find(groupId);
        Optional<User> u = users.find(userId);
        authz.enforce(req, action, "group_id", groupId, "user_id", userId,
                "target.group.id", g.map(Group::id).orElse(null),
                "target.group.domain_id", g.map(Group::domainId).orElse(null),
                "target.user.id", u.map(User::id).orElse(null),
                "target.user.domain_id", u.map(User::domainId).orElse(null));
    }
}
