/**
 * What compute needs from the other services, as small interfaces: Placement (candidates and
 * claims), Neutron (networks and ports) and Glance (image metadata, snapshots). The server module
 * implements them in process over those services' domain layers (a controller process hosts every
 * API), so compute depends on none of them.
 */
package org.apiary.compute.domain.external;
