"""Keystone's own token code, driven from the interop test.

  keystone_tokens.py open KEY TOKEN           -> JSON of what Keystone reads from an Apiary token
  keystone_tokens.py seal KEY USER PROJECT    -> a project-scoped token made by Keystone's formatter
Run with Debian's /usr/bin/python3 and python3-keystone.
"""
import datetime
import json
import sys

import msgpack
from cryptography.fernet import Fernet

import keystone.conf

keystone.conf.configure()
keystone.conf.CONF([], project='keystone', default_config_files=[])
from keystone.token import token_formatters as tf  # noqa: E402  (needs CONF first)

mode, key = sys.argv[1], sys.argv[2]
if mode == 'open':
    token = tf.TokenFormatter.restore_padding(sys.argv[3])
    payload = msgpack.unpackb(Fernet(key.encode()).decrypt(token.encode()))
    cls = next(c for c in tf._PAYLOAD_CLASSES if c.version == payload[0])
    (user_id, methods, system, project_id, domain_id, expires_at, audit_ids, _trust, _groups, _idp, _proto,
     _access, app_cred_id) = cls.disassemble(payload[1:])
    print(json.dumps({'version': payload[0], 'user_id': user_id, 'methods': methods, 'system': system,
                      'project_id': project_id, 'domain_id': domain_id, 'expires_at': expires_at,
                      'audit_ids': audit_ids, 'app_cred_id': app_cred_id}))
else:
    user_id, project_id = sys.argv[3], sys.argv[4]
    expires = (datetime.datetime.utcnow() + datetime.timedelta(hours=1)).strftime('%Y-%m-%dT%H:%M:%S.000000Z')
    payload = tf.ProjectScopedPayload.assemble(user_id, ['password'], None, project_id, None, expires,
                                               ['AAECAwQFBgcICQoLDA0ODw'], None, None, None, None, None, None)
    packed = msgpack.packb((tf.ProjectScopedPayload.version,) + payload)
    print(Fernet(key.encode()).encrypt(packed).rstrip(b'=').decode())
