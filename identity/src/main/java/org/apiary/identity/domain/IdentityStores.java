package org.apiary.identity.domain;

import org.apiary.identity.store.ApplicationCredentialStore;
import org.apiary.identity.store.AssignmentStore;
import org.apiary.identity.store.CatalogStore;
import org.apiary.identity.store.CredentialStore;
import org.apiary.identity.store.GroupStore;
import org.apiary.identity.store.ProjectStore;
import org.apiary.identity.store.RevocationStore;
import org.apiary.identity.store.RoleStore;
import org.apiary.identity.store.UserStore;

/** The identity stores, passed to domain services through their constructors. */
public record IdentityStores(ProjectStore projects, UserStore users, GroupStore groups, RoleStore roles,
                             AssignmentStore assignments, CatalogStore catalog, CredentialStore credentials,
                             ApplicationCredentialStore appCreds, RevocationStore revocations) {}
