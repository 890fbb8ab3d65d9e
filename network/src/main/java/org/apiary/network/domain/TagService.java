package org.apiary.network.domain;

import java.util.List;
import java.util.Map;
import org.apiary.network.store.MiscStore;

/** Tags of networks, subnets, ports and security groups (standard-attr-tag). */
public final class TagService {
    private final MiscStore store;

    public TagService(MiscStore store) {
        this.store = store;
    }

    public List<String> of(String id) {
        return store.tags(id);
    }

    public Map<String, List<String>> all() {
        return store.allTags();
    }

    public List<String> replace(String id, List<String> tags) {
        tags.forEach(TagService::check);
        store.replaceTags(id, tags);
        return store.tags(id);
    }

    public void add(String id, String tag) {
        check(tag);
        store.addTag(id, tag);
    }

    public void remove(String id, String tag) {
        if (!store.removeTag(id, tag)) {
            throw Faults.of(org.apiary.common.error.ErrorKind.NOT_FOUND, "TagNotFound", "Tag " + tag
                    + " could not be found.");
        }
    }

    private static void check(String tag) {
        if (tag.isEmpty() || tag.length() > 255 || tag.contains(",")) {
            throw Faults.invalidInput("Invalid input for tags. Reason: '" + tag + "' is not a valid tag");
        }
    }
}
