package org.apiary.compute.domain;

import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;

/** The compute service's failures, worded as Nova's exceptions are (nova/exception.py). */
public final class Faults {
    private Faults() {}

    public static ServiceException flavorNotFound(String flavorId) {
        return ServiceException.notFound("Flavor " + flavorId + " could not be found.");
    }

    public static ServiceException flavorExists(String name) {
        return ServiceException.conflict("Flavor with name " + name + " already exists.");
    }

    public static ServiceException flavorIdExists(String flavorId) {
        return ServiceException.conflict("Flavor with ID " + flavorId + " already exists.");
    }

    public static ServiceException extraSpecNotFound(String flavorId, String key) {
        return ServiceException.notFound("Flavor " + flavorId + " has no extra specs with key " + key + ".");
    }

    public static ServiceException accessExists(String flavorId, String projectId) {
        return ServiceException.conflict("Flavor access already exists for flavor " + flavorId + " and project "
                + projectId + " combination.");
    }

    public static ServiceException accessNotFound(String flavorId, String projectId) {
        return ServiceException.notFound("Flavor access not found for " + flavorId + " / " + projectId
                + " combination.");
    }

    public static ServiceException keypairNotFound(String name, String userId) {
        return ServiceException.notFound("Keypair " + name + " not found for user " + userId);
    }

    public static ServiceException keypairExists(String name) {
        return ServiceException.conflict("Key pair '" + name + "' already exists.");
    }

    public static ServiceException invalidKeypair(String reason) {
        return ServiceException.badRequest("Keypair data is invalid: " + reason);
    }

    /** The flavors API words it its own way (flavors.py _get_flavors). */
    public static ServiceException flavorMarkerNotFound(String marker) {
        return ServiceException.badRequest("marker [" + marker + "] not found");
    }

    public static ServiceException markerNotFound(String marker) {
        return ServiceException.badRequest("Marker " + marker + " could not be found.");
    }

    public static ServiceException serverGroupNotFound(String id) {
        return ServiceException.notFound("Instance group " + id + " could not be found.");
    }

    /** Nova answers quota failures of these APIs with 403. */
    public static ServiceException overQuota(String message) {
        return new ServiceException(ErrorKind.FORBIDDEN, message);
    }

    public static ServiceException concurrentUpdate() {
        return ServiceException.conflict("The resource was changed by another request at the same time; retry.");
    }
    public static ServiceException instanceNotFound(String uuid) {
        return ServiceException.notFound("Instance " + uuid + " could not be found.");
    }

    /** nova.exception.InstanceInvalidState, a 409 at the API. */
    public static ServiceException invalidState(String action, String uuid, String attr, String state) {
        return ServiceException.conflict("Cannot '" + action + "' instance " + uuid + " while it is in " + attr + " "
                + state);
    }

    public static ServiceException locked(String uuid) {
        return ServiceException.conflict("Instance " + uuid + " is locked");
    }

    /** Quota failures of server creation (nova.exception.TooManyInstances), a 403. */
    public static ServiceException tooMany(String resource, long requested, long used, long allowed) {
        return overQuota("Quota exceeded for " + resource + ": Requested " + requested + ", but already used " + used
                + " of " + allowed + " " + resource);
    }
}
