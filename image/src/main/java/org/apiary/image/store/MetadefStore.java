package org.apiary.image.store;

import java.util.List;
import java.util.Optional;
import org.apiary.image.domain.MetadefAssociation;
import org.apiary.image.domain.MetadefItem;
import org.apiary.image.domain.MetadefNamespace;

/** Metadata definitions; the methods that can collide on a name return false then. */
public interface MetadefStore {
    Optional<MetadefNamespace> namespace(String name);

    /** Every namespace, most recently created first; visibility is the domain's job. */
    List<MetadefNamespace> namespaces();

    boolean createNamespace(MetadefNamespace ns);

    boolean updateNamespace(MetadefNamespace ns);

    /** Deletes the namespace with its associations and items. */
    void deleteNamespace(String id);

    List<MetadefItem> items(String namespaceId, MetadefItem.Kind kind);

    Optional<MetadefItem> item(String namespaceId, MetadefItem.Kind kind, String name);

    boolean addItem(String namespaceId, MetadefItem.Kind kind, MetadefItem item);

    /** Replaces the item called {@code oldName} (the new one may have another name). */
    boolean replaceItem(String namespaceId, MetadefItem.Kind kind, String oldName, MetadefItem item);

    boolean deleteItem(String namespaceId, MetadefItem.Kind kind, String name);

    void deleteItems(String namespaceId, MetadefItem.Kind kind);

    /** Resource types known to any namespace. */
    List<MetadefAssociation> resourceTypes();

    List<MetadefAssociation> associations(String namespaceId);

    /** Associates (creating the resource type if it is new); false when already associated. */
    boolean associate(String namespaceId, MetadefAssociation association);

    boolean dissociate(String namespaceId, String resourceType);
}
