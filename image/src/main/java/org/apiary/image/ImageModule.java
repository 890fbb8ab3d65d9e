package org.apiary.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apiary.common.config.Config;
import org.apiary.common.config.ConfigException;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiService;
import org.apiary.http.RouteTable;
import org.apiary.image.api.ActionsResource;
import org.apiary.image.api.Authz;
import org.apiary.image.api.DiscoveryResource;
import org.apiary.image.api.GlanceErrors;
import org.apiary.image.api.ImageDataResource;
import org.apiary.image.api.ImagePolicies;
import org.apiary.image.api.ImagesResource;
import org.apiary.image.api.ImportResource;
import org.apiary.image.api.MembersResource;
import org.apiary.image.api.MetadefItemsResource;
import org.apiary.image.api.MetadefNamespacesResource;
import org.apiary.image.api.Schemas;
import org.apiary.image.api.TagsResource;
import org.apiary.image.api.VersionsResource;
import org.apiary.image.blob.FilesystemBlobStore;
import org.apiary.image.domain.ImageDataService;
import org.apiary.image.domain.ImageLimits;
import org.apiary.image.domain.ImageService;
import org.apiary.image.domain.ImportService;
import org.apiary.image.domain.MemberService;
import org.apiary.image.domain.MetadefService;
import org.apiary.image.store.sql.SqlImageStore;
import org.apiary.image.store.sql.SqlMemberStore;
import org.apiary.image.store.sql.SqlMetadefStore;
import org.apiary.image.store.sql.SqlTaskStore;
import org.apiary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of the image service (Glance v2): builds the stores, the filesystem blob
 * store, the domain services and the resources, recovers from transfers a crash interrupted,
 * and exposes the route table. Tokens are checked by the HTTP chain, which every hosted API gets
 * from identity, so the module itself needs no validator.
 */
public final class ImageModule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageModule.class);

    private final Database database;
    private final RouteTable routes = new RouteTable();
    private final ExecutorService importer = Executors.newVirtualThreadPerTaskExecutor();
    private final PolicyEngine policy;
    private final ImageService images;
    private final ImageDataService data;

    public ImageModule(Config config, Database database) throws IOException {
        this.database = database;
        String dir = config.get(ImageOptions.DATA_DIR);
        if (dir == null) {
            throw new ConfigException(ImageOptions.DATA_DIR.key() + " is not set");
        }
        ImageLimits limits = limits(config);
        FilesystemBlobStore blobs = new FilesystemBlobStore(Path.of(dir));
        int stale = blobs.removeTemporaryFiles();
        if (stale > 0) {
            LOG.warn("removed {} temporary file(s) of uploads interrupted by a restart", stale);
        }
        SqlImageStore imageStore = new SqlImageStore(database);
        SqlMemberStore memberStore = new SqlMemberStore(database);
        this.images = new ImageService(imageStore, memberStore, blobs, limits);
        this.data = new ImageDataService(imageStore, blobs, limits);
        ImportService imports = new ImportService(imageStore, new SqlTaskStore(database), blobs, limits, data, importer);
        MemberService members = new MemberService(memberStore, limits);
        data.recover();
        imports.recover();

        String policyFile = config.get(ImageOptions.POLICY_FILE);
        this.policy = new PolicyEngine(ImagePolicies.all()).withOverrides(policyFile == null ? null : Path.of(policyFile));
        Authz authz = new Authz(policy, images);
        Schemas schemas = new Schemas(limits.diskFormats(), limits.containerFormats());
        String storeId = blobs.id();

        new VersionsResource().register(routes);
        new DiscoveryResource(schemas, authz, limits.importMethods(), storeId, blobs.location(), 1 << 20)
                .register(routes);
        new ImagesResource(images, imports, authz, schemas, storeId, config.get(ImageOptions.LIMIT_PARAM_DEFAULT),
                config.get(ImageOptions.API_LIMIT_MAX)).register(routes);
        new ImageDataResource(images, data, authz, storeId).register(routes);
        new ImportResource(images, imports, authz, storeId).register(routes);
        new MembersResource(images, members, authz).register(routes);
        new TagsResource(images, authz, schemas).register(routes);
        new ActionsResource(images, authz).register(routes);
        MetadefService metadefs = new MetadefService(new SqlMetadefStore(database));
        MetadefNamespacesResource namespaces = new MetadefNamespacesResource(metadefs, authz, policy, schemas,
                config.get(ImageOptions.LIMIT_PARAM_DEFAULT));
        namespaces.register(routes);
        new MetadefItemsResource(metadefs, namespaces, schemas).register(routes);
    }

    private static ImageLimits limits(Config config) {
        long quota;
        long cap;
        try {
            quota = ImageLimits.parseSize(config.get(ImageOptions.USER_STORAGE_QUOTA));
            cap = ImageLimits.parseSize(config.get(ImageOptions.IMAGE_SIZE_CAP));
        } catch (RuntimeException e) {
            throw new ConfigException("[image] user_storage_quota / image_size_cap: not a size: " + e.getMessage());
        }
        List<String> methods = config.get(ImageOptions.ENABLED_IMPORT_METHODS);
        for (String m : methods) {
            if (!m.equals("glance-direct")) {
                throw new ConfigException(ImageOptions.ENABLED_IMPORT_METHODS.key() + ": import method '" + m
                        + "' is not implemented (only glance-direct is)");
            }
        }
        return new ImageLimits(quota, cap, config.get(ImageOptions.IMAGE_MEMBER_QUOTA),
                config.get(ImageOptions.IMAGE_PROPERTY_QUOTA), config.get(ImageOptions.IMAGE_TAG_QUOTA),
                config.get(ImageOptions.DISK_FORMATS), config.get(ImageOptions.CONTAINER_FORMATS), methods,
                config.get(ImageOptions.REQUIRE_FORMAT_MATCH));
    }

    public ApiService service(String authenticateUri) {
        return new ApiService("image", routes, new GlanceErrors(),
                List.of(() -> database.ping() ? Optional.empty() : Optional.of("database unreachable")),
                authenticateUri);
    }

    public PolicyEngine policy() {
        return policy;
    }

    /** Image records with Glance's visibility rules, for in-process callers (compute's bridge). */
    public ImageService images() {
        return images;
    }

    /** The upload path (checksums, inspection, quota), for in-process callers. */
    public ImageDataService imageData() {
        return data;
    }

    @Override
    public void close() {
        importer.shutdownNow();
    }
}
