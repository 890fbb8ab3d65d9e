package org.apiary.image.api;

import java.io.IOException;
import java.util.Optional;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageDataService;
import org.apiary.image.domain.ImageService;
import org.apiary.image.domain.ImageStatus;
import org.apiary.image.domain.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image data: PUT and GET /v2/images/{id}/file, PUT /v2/images/{id}/stage, and DELETE
 * /v2/stores/{store}/{id}. Bodies stream straight between the socket and the store; nothing
 * holds an image in memory.
 */
public final class ImageDataResource {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDataResource.class);
    private static final String OCTET_STREAM = "application/octet-stream";

    private final ImageService images;
    private final ImageDataService data;
    private final Authz authz;
    private final String storeId;

    public ImageDataResource(ImageService images, ImageDataService data, Authz authz, String storeId) {
        this.images = images;
        this.data = data;
        this.authz = authz;
        this.storeId = storeId;
    }

    public void register(RouteTable routes) {
        routes.addStreaming("PUT", "/v2/images/{image_id}/file", this::upload);
        routes.add("GET", "/v2/images/{image_id}/file", this::download);
        routes.addStreaming("PUT", "/v2/images/{image_id}/stage", this::stage);
        routes.add("DELETE", "/v2/stores/{store_id}/{image_id}", this::deleteFromStore);
    }

    private ApiResponse upload(ApiRequest req) throws IOException {
        requireOctetStream(req);
        Viewer viewer = authz.viewer(req);
        Image image = images.get(viewer, req.param("image_id"));
        authz.enforce(req, "upload_image", image);
        authz.requireOwner(viewer, image);
        try {
            data.upload(image, req.bodyStream(), contentLength(req));
        } catch (IOException e) {
            LOG.warn("upload of image {} broke off: {}", image.id(), e.toString());
            throw ServiceException.badRequest("The image data stream was interrupted: " + e.getMessage());
        }
        return ApiResponse.noContent();
    }

    private ApiResponse stage(ApiRequest req) throws IOException {
        requireOctetStream(req);
        Viewer viewer = authz.viewer(req);
        Image image = images.get(viewer, req.param("image_id"));
        authz.enforce(req, "modify_image", image);
        authz.requireOwner(viewer, image);
        try {
            data.stage(image, req.bodyStream(), contentLength(req));
        } catch (IOException e) {
            LOG.warn("staging of image {} broke off: {}", image.id(), e.toString());
            throw ServiceException.badRequest("The image data stream was interrupted: " + e.getMessage());
        }
        return ApiResponse.noContent();
    }

    private ApiResponse download(ApiRequest req) throws IOException {
        Viewer viewer = authz.viewer(req);
        Image image = images.get(viewer, req.param("image_id"));
        authz.enforce(req, "download_image", image);
        Optional<ImageDataService.Download> found = data.download(image, viewer.admin());
        if (found.isEmpty()) {
            return ApiResponse.noContent();
        }
        ImageDataService.Download d = found.get();
        ByteRange range;
        try {
            range = ByteRange.of(req.header("Range"), req.header("Content-Range"), d.size());
        } catch (RuntimeException e) {
            d.blob().close();
            throw e;
        }
        boolean head = req.method().equals("HEAD");
        if (head) {
            d.blob().close(); // HEAD sends no body, so the writer below never runs
        }
        ApiResponse res = ApiResponse.stream(range.partial() ? 206 : 200, "application/octet-stream", out -> {
            try (var blob = d.blob()) {
                blob.copyTo(out, range.offset(), range.length());
            }
        }).header("Content-Length", Long.toString(range.length()));
        if (range.partial()) {
            res.header("Content-Range", range.contentRange(d.size()));
        }
        if (d.checksum() != null) {
            res.header("Content-MD5", d.checksum());
        }
        return res;
    }

    private ApiResponse deleteFromStore(ApiRequest req) {
        String store = req.param("store_id");
        if (!store.equals(storeId)) {
            throw ServiceException.conflict("The selected store " + store + " is not available on this node.");
        }
        Viewer viewer = authz.viewer(req);
        Image image = images.get(viewer, req.param("image_id"));
        authz.enforce(req, "get_image_location", image);
        authz.enforce(req, "delete_image_location", image);
        authz.requireOwner(viewer, image);
        if (image.status() != ImageStatus.ACTIVE) {
            throw ServiceException.conflict("It's not allowed to remove image data from store if image status is not "
                    + "'active'");
        }
        // This deployment has one store, so the data is always in its only location.
        throw ServiceException.forbidden("Cannot delete image data from the only store containing it. Consider "
                + "deleting the image instead.");
    }

    private static void requireOctetStream(ApiRequest req) {
        Optional<String> type = req.header("Content-Type").map(t -> t.split(";")[0].strip());
        if (type.isEmpty() || !type.get().equals(OCTET_STREAM)) {
            throw new ServiceException(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "Invalid content type "
                    + type.orElse("None"));
        }
    }

    private static Long contentLength(ApiRequest req) {
        return req.header("Content-Length").map(v -> {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw ServiceException.badRequest("Invalid Content-Length header.");
            }
        }).orElse(null);
    }
}
