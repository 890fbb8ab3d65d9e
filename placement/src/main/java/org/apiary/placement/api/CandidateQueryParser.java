package org.apiary.placement.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.common.microversion.Microversion;
import org.apiary.placement.domain.candidates.CandidateRequest;
import org.apiary.placement.domain.candidates.RequestGroup;

/**
 * Turns the query string of GET /allocation_candidates into a {@link CandidateRequest}, with
 * upstream's checks, messages and error codes in upstream's order ({@code lib.RequestWideParams},
 * {@code lib.RequestGroup.dict_from_request} and the {@code normalize_*} helpers of util.py).
 */
final class CandidateQueryParser {
    static final String BAD_VALUE = "placement.query.bad_value";
    static final String MISSING_VALUE = "placement.query.missing_value";
    static final String DUPLICATE_KEY = "placement.query.duplicate_key";

    private static final Pattern KEY = Pattern.compile("^(resources|required|member_of|in_tree)([1-9][0-9]*)?$");
    private static final Pattern KEY_1_33 =
            Pattern.compile("^(resources|required|member_of|in_tree)([a-zA-Z0-9_-]{1,64})?$");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern PY_INT = Pattern.compile("[+-]?[0-9](_?[0-9])*");
    private static final String RESOURCES_FORM = "Badly formed resources parameter. Expected resources query string "
            + "parameter in form: ?resources=VCPU:2,MEMORY_MB:1024. Got: ";

    private final Map<String, List<String>> query;
    private final Microversion version;

    private CandidateQueryParser(Map<String, List<String>> query, Microversion version) {
        this.query = query;
        this.version = version;
    }

    /** Validates and parses; every problem is the 400 upstream returns for it. */
    static CandidateRequest parse(Map<String, List<String>> query, Microversion version) {
        CandidateQuerySchema.validate(query, version);
        return new CandidateQueryParser(query, version).parse();
    }

    private CandidateRequest parse() {
        Integer limit = first("limit").map(CandidateQueryParser::parseLimit).orElse(null);
        String groupPolicy = first("group_policy").orElse(null);
        Set<String> rootRequired = new LinkedHashSet<>();
        Set<String> rootForbidden = new LinkedHashSet<>();
        parseRootRequired(rootRequired, rootForbidden);
        List<Set<String>> sameSubtrees = parseSameSubtrees();
        Map<String, GroupBuilder> groups = parseGroups();
        if (version.atLeast("1.36")) {
            checkResourceless(groups, sameSubtrees);
        } else {
            checkOrphans(groups);
        }
        if (version.atLeast("1.22")) {
            checkConflicts(groups);
        }
        if ((groupPolicy == null || groupPolicy.isEmpty())
                && groups.values().stream().filter(g -> !g.suffix.isEmpty()).count() > 1) {
            throw ServiceException.badRequest("The \"group_policy\" parameter is required when specifying more than "
                    + "one \"resources{N}\" parameter.");
        }
        return new CandidateRequest(groups.values().stream().map(GroupBuilder::build).toList(), limit,
                "isolate".equals(groupPolicy), rootRequired, rootForbidden, sameSubtrees, version.atLeast("1.29"));
    }

    private java.util.Optional<String> first(String key) {
        List<String> v = query.get(key);
        return v == null || v.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(v.get(0));
    }

    private List<String> all(String key) {
        return query.getOrDefault(key, List.of());
    }

    private static Integer parseLimit(String text) {
        // The schema checked the last value; upstream takes the first one.
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("Invalid query string parameters: invalid limit " + text);
        }
    }

    private void parseRootRequired(Set<String> required, Set<String> forbidden) {
        List<String> values = all("root_required");
        if (values.isEmpty()) {
            return;
        }
        if (values.size() > 1) {
            throw new ServiceException(ErrorKind.BAD_REQUEST,
                    "Query parameter 'root_required' may be specified only once.", DUPLICATE_KEY);
        }
        // root_required has no any-of form, so 'in:' gets the pre-1.39 message even at 1.39.
        TraitTerms terms = traits(values.get(0), true, false);
        terms.required.forEach(required::addAll);
        forbidden.addAll(terms.forbidden);
        Set<String> conflicts = new TreeSet<>(required);
        conflicts.retainAll(forbidden);
        if (!conflicts.isEmpty()) {
            throw new ServiceException(ErrorKind.BAD_REQUEST, "Conflicting required and forbidden traits found in "
                    + "root_required: " + String.join(", ", conflicts), BAD_VALUE);
        }
    }

    private List<Set<String>> parseSameSubtrees() {
        List<Set<String>> out = new ArrayList<>();
        for (String value : all("same_subtree")) {
            Set<String> suffixes = new LinkedHashSet<>();
            for (String s : value.split(",", -1)) {
                suffixes.add(s.strip());
            }
            if (suffixes.contains("")) {
                throw new ServiceException(ErrorKind.BAD_REQUEST,
                        "Empty string (unsuffixed group) can not be specified in `same_subtree` ", BAD_VALUE);
            }
            out.add(suffixes);
        }
        return out;
    }

    /** Groups by suffix in the order their first key appears; every occurrence is validated. */
    private Map<String, GroupBuilder> parseGroups() {
        Pattern keyPattern = version.atLeast("1.33") ? KEY_1_33 : KEY;
        Map<String, GroupBuilder> groups = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            Matcher m = keyPattern.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            String prefix = m.group(1);
            String suffix = m.group(2) == null ? "" : m.group(2);
            GroupBuilder g = groups.computeIfAbsent(suffix, GroupBuilder::new);
            for (String value : e.getValue()) {
                switch (prefix) {
                    case "resources" -> g.resources = resources(value);
                    case "required" -> requiredTraits(g);
                    case "member_of" -> memberOf(g);
                    default -> g.inTree = inTree(value);
                }
            }
        }
        return groups;
    }

    private static Map<String, Long> resources(String value) {
        if (value.strip().isEmpty()) {
            throw ServiceException.badRequest(RESOURCES_FORM + "empty string.");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String part : value.split(",", -1)) {
            String[] pieces = part.split(":", -1);
            if (pieces.length != 2) {
                throw ServiceException.badRequest(RESOURCES_FORM + part + ".");
            }
            String rc = pieces[0];
            String amountText = pieces[1].strip();
            if (!PY_INT.matcher(amountText).matches()) {
                throw ServiceException.badRequest("Requested resource " + rc + " expected positive integer amount. "
                        + "Got: " + pieces[1] + ".");
            }
            BigInteger amount = new BigInteger(amountText.replace("_", "").replace("+", ""));
            if (amount.signum() < 1) {
                throw ServiceException.badRequest("Requested resource " + rc + " requires amount >= 1. Got: "
                        + amount + ".");
            }
            out.put(rc, amount.bitLength() < 63 ? amount.longValue() : Long.MAX_VALUE);
        }
        return out;
    }

    /** All required{suffix} values (only the last one before 1.39, as upstream). */
    private void requiredTraits(GroupBuilder g) {
        List<String> values = all("required" + g.suffix);
        if (!version.atLeast("1.39")) {
            values = values.subList(values.size() - 1, values.size());
        }
        g.required.clear();
        g.forbidden.clear();
        for (String value : values) {
            TraitTerms t = traits(value, version.atLeast("1.22"), version.atLeast("1.39"));
            g.required.addAll(t.required);
            g.forbidden.addAll(t.forbidden);
        }
    }

    private record TraitTerms(List<Set<String>> required, Set<String> forbidden) {}

    private static TraitTerms traits(String value, boolean allowForbidden, boolean allowAnyOf) {
        if (value.startsWith("in:")) {
            if (!allowAnyOf) {
                throw ServiceException.badRequest("Invalid query string parameters: The format "
                        + "'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' only supported since microversion 1.39. Got: " + value);
            }
            Set<String> anyOf = new LinkedHashSet<>();
            for (String s : value.substring(3).split(",", -1)) {
                anyOf.add(s.strip());
            }
            if (anyOf.contains("")) {
                throw ServiceException.badRequest("Invalid query string parameters: Expected 'required' parameter "
                        + "value of the form: in:HW_CPU_X86_VMX,CUSTOM_MAGIC. Got an empty trait in: " + value);
            }
            if (anyOf.stream().anyMatch(t -> t.startsWith("!"))) {
                throw ServiceException.badRequest("Invalid query string parameters: The format "
                        + "'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' does not support forbidden traits. Got: " + value);
            }
            return new TraitTerms(List.of(anyOf), Set.of());
        }
        List<String> names = new ArrayList<>();
        for (String s : value.split(",", -1)) {
            names.add(s.strip());
        }
        List<Set<String>> required = new ArrayList<>();
        Set<String> forbidden = new LinkedHashSet<>();
        boolean empty = false;
        for (String n : names) {
            // lstrip('!'): "!!!FOO" forbids FOO, a bug upstream kept for compatibility.
            String bare = n.replaceFirst("^!+", "");
            empty |= n.isEmpty() || bare.isEmpty();
            if (n.startsWith("!")) {
                forbidden.add(bare);
            } else {
                required.add(Set.of(n));
            }
        }
        if (empty) {
            throw ServiceException.badRequest("Invalid query string parameters: Expected 'required' parameter value "
                    + "of the form: " + (allowForbidden ? "HW_CPU_X86_VMX,!CUSTOM_MAGIC" : "HW_CPU_X86_VMX,CUSTOM_MAGIC")
                    + ". Got an empty trait in: " + value);
        }
        if (!forbidden.isEmpty() && !allowForbidden) {
            throw ServiceException.badRequest("Invalid query string parameters: Expected 'required' parameter value "
                    + "of the form: HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: " + value);
        }
        return new TraitTerms(required, forbidden);
    }

    private void memberOf(GroupBuilder g) {
        String key = "member_of" + g.suffix;
        List<String> values = all(key);
        if (!version.atLeast("1.24") && values.size() > 1) {
            throw ServiceException.badRequest("Multiple member_of" + g.suffix + " parameters are not supported");
        }
        g.memberOf.clear();
        g.forbiddenAggs.clear();
        for (String value : values) {
            if (value.contains(",") && !(value.startsWith("in:") || value.startsWith("!in:"))) {
                throw ServiceException.badRequest("Multiple values for 'member_of' must be prefixed with the 'in:' or "
                        + "'!in:' keyword using the valid microversion. Got: " + value);
            }
            boolean negative = value.startsWith("!");
            String list = value.startsWith("!in:") ? value.substring(4) : value.startsWith("!") ? value.substring(1)
                    : value.startsWith("in:") ? value.substring(3) : value;
            Set<String> aggs = new LinkedHashSet<>(List.of(list.split(",", -1)));
            for (String agg : aggs) {
                if (!uuidLike(agg)) {
                    throw ServiceException.badRequest("Invalid query string parameters: Expected 'member_of' parameter "
                            + "to contain valid UUID(s). Got: " + agg);
                }
            }
            if (!negative) {
                g.memberOf.add(aggs);
            } else {
                if (!version.atLeast("1.32")) {
                    throw ServiceException.badRequest("Forbidden member_of" + g.suffix
                            + " parameters are not supported in the specified microversion");
                }
                g.forbiddenAggs.addAll(aggs);
            }
        }
    }

    private static String inTree(String value) {
        String uuid = value.strip();
        if (!uuidLike(uuid)) {
            throw ServiceException.badRequest("Invalid query string parameters: Expected 'in_tree' parameter to be a "
                    + "format of uuid. Got: " + value);
        }
        return uuid;
    }

    /** oslo's is_uuid_like: 32 hex digits once urn:/uuid: prefixes, braces and dashes are gone. */
    static boolean uuidLike(String value) {
        String s = value.replace("urn:", "").replace("uuid:", "");
        s = s.replaceAll("^[{}]+|[{}]+$", "").replace("-", "");
        return HEX32.matcher(s).matches();
    }

    private void checkResourceless(Map<String, GroupBuilder> groups, List<Set<String>> sameSubtrees) {
        List<String> resourceless = groups.values().stream().filter(g -> g.resources.isEmpty()).map(g -> g.suffix)
                .toList();
        Set<String> inSubtrees = new LinkedHashSet<>();
        sameSubtrees.forEach(inSubtrees::addAll);
        if (resourceless.size() == groups.size()) {
            throw new ServiceException(ErrorKind.BAD_REQUEST,
                    "There must be at least one resources or resources[$S] parameter.", MISSING_VALUE);
        }
        List<String> bad = resourceless.stream().filter(s -> !inSubtrees.contains(s)).toList();
        if (!bad.isEmpty()) {
            throw new ServiceException(ErrorKind.BAD_REQUEST, "Resourceless suffixed group request should be "
                    + "specified in `same_subtree` query param: bad group(s) - " + pyList(bad) + ".", BAD_VALUE);
        }
        List<String> unknown = inSubtrees.stream().filter(s -> !groups.containsKey(s)).toList();
        if (!unknown.isEmpty()) {
            throw new ServiceException(ErrorKind.BAD_REQUEST, "Real suffixes should be specified in `same_subtree`: "
                    + pyList(unknown) + " not found in " + pyList(new ArrayList<>(groups.keySet())) + ".", BAD_VALUE);
        }
    }

    private static void checkOrphans(Map<String, GroupBuilder> groups) {
        List<String> traitOrphans = groups.values().stream()
                .filter(g -> !g.required.isEmpty() && g.resources.isEmpty()).map(g -> "required" + g.suffix).toList();
        if (!traitOrphans.isEmpty()) {
            throw ServiceException.badRequest("All traits parameters must be associated with resources.  Found the "
                    + "following orphaned traits keys: " + String.join(", ", traitOrphans));
        }
        List<String> aggOrphans = groups.values().stream()
                .filter(g -> g.resources.isEmpty() && (!g.memberOf.isEmpty() || !g.forbiddenAggs.isEmpty()))
                .map(g -> "member_of" + g.suffix).toList();
        if (!aggOrphans.isEmpty()) {
            throw ServiceException.badRequest("All member_of parameters must be associated with resources. Found the "
                    + "following orphaned member_of keys: " + String.join(", ", aggOrphans));
        }
        if (groups.values().stream().anyMatch(g -> g.resources.isEmpty())) {
            throw ServiceException.badRequest("All request groups must specify resources.");
        }
        if (groups.isEmpty()) {
            throw ServiceException.badRequest(
                    "At least one request group (`resources` or `resources{$S}`) is required.");
        }
    }

    /** A required any-of set made entirely of forbidden traits can never be satisfied. */
    private static void checkConflicts(Map<String, GroupBuilder> groups) {
        Set<String> conflicts = new TreeSet<>();
        for (GroupBuilder g : groups.values()) {
            for (Set<String> anyOf : g.required) {
                if (g.forbidden.containsAll(anyOf)) {
                    conflicts.add("required" + g.suffix + ": (" + String.join(", ", new TreeSet<>(anyOf)) + ")");
                }
            }
        }
        if (!conflicts.isEmpty()) {
            throw ServiceException.badRequest("Conflicting required and forbidden traits found in the following traits "
                    + "keys: " + String.join(", ", conflicts));
        }
    }

    private static String pyList(List<String> items) {
        return CandidateQuerySchema.PyRepr.of(items);
    }

    /** A request group while its keys are being read. */
    private static final class GroupBuilder {
        final String suffix;
        Map<String, Long> resources = Map.of();
        final List<Set<String>> required = new ArrayList<>();
        final Set<String> forbidden = new HashSet<>();
        final List<Set<String>> memberOf = new ArrayList<>();
        final Set<String> forbiddenAggs = new HashSet<>();
        String inTree;

        GroupBuilder(String suffix) {
            this.suffix = suffix;
        }

        RequestGroup build() {
            return new RequestGroup(suffix, resources, required, forbidden, memberOf, forbiddenAggs, inTree);
        }
    }
}
