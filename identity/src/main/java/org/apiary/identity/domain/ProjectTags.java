package org.apiary.identity.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiary.common.error.ServiceException;

/**
 * Keystone's project tag rules (the API-WG tags guideline): each tag 1-255 characters without
 * '/' or ',', no duplicates, at most 80 on one project. Messages follow Keystone's jsonschema ones.
 */
public final class ProjectTags {
    public static final int MAX_TAGS = 80;
    public static final int MAX_LENGTH = 255;

    private ProjectTags() {}

    /**
     * Validates a whole tag list as stored on a project; {@code field} names it in errors, or is
     * null when the list is the whole request body.
     */
    public static void validate(String field, List<String> tags) {
        for (int i = 0; i < tags.size(); i++) {
            validateOne(field == null ? String.valueOf(i) : field + "/" + i, tags.get(i));
        }
        String prefix = field == null ? "" : "Invalid input for field '" + field + "': ";
        if (tags.size() > MAX_TAGS) {
            throw ServiceException.badRequest(prefix + "the list of " + tags.size() + " tags is too long (at most "
                    + MAX_TAGS + ")");
        }
        Set<String> seen = new HashSet<>();
        for (String t : tags) {
            if (!seen.add(t)) {
                throw ServiceException.badRequest(prefix + tags + " has non-unique elements");
            }
        }
    }

    /** Validates one tag; {@code where} is a field path, or null for a tag named in the URL. */
    public static void validateOne(String where, String tag) {
        String prefix = where == null ? "" : "Invalid input for field '" + where + "': ";
        if (tag.isEmpty()) {
            throw ServiceException.badRequest(prefix + "'' is too short");
        }
        if (tag.length() > MAX_LENGTH) {
            throw ServiceException.badRequest(prefix + "'" + tag.substring(0, 32) + "...' is too long");
        }
        if (tag.indexOf('/') >= 0 || tag.indexOf(',') >= 0) {
            throw ServiceException.badRequest(prefix + "'" + tag + "' does not match '^[^,/]*$'");
        }
    }
}
