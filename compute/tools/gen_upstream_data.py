"""Regenerates compute's data files from an installed Nova (Debian's python3-nova, Zed 26.x).

Facts only, no code: Nova's frozen v2.1 extension list (GET /extensions), the default policy rules (name, effective check string as Zed applies it
with enforce_new_defaults=False, i.e. the new default OR the deprecated one) and the extra spec
validators of microversion 2.86 (name, parameters, value type and constraints).

    /usr/bin/python3 compute/tools/gen_upstream_data.py compute/src/main/resources/org/apiary/compute
"""
import json
import os
import sys

from nova import policies
from nova.api.openstack.compute import extension_info
from nova.api.validation.extra_specs import validators


def java_regex(python_regex):
    """Python's named groups (?P<x>...) are (?<x>...) in Java; the rest is the same."""
    return python_regex.replace('(?P<', '(?<')


def policy_rules():
    out = []
    for rule in policies.list_rules():
        check = rule.check_str
        dep = getattr(rule, 'deprecated_rule', None)
        if isinstance(dep, list):  # a few base rules carry a list here
            dep = None
        if dep is not None and dep.check_str and dep.check_str != check:
            check = '(%s) or (%s)' % (check, dep.check_str)
        out.append({'name': rule.name, 'check': check,
                    'description': (rule.description or '').strip().split('\n')[0]})
    return out


def extra_specs():
    out = []
    for v in validators.VALIDATORS.values():
        value = dict(v.value)
        value['type'] = {int: 'int', str: 'str', bool: 'bool'}[value['type']]
        value.pop('description', None)
        if 'enum' in value:
            value['enum'] = [str(x) for x in value['enum']]
        out.append({'name': v.name, 'name_regex': java_regex(v.name_regex),
                    'value': value, 'deprecated': v.deprecated})
    out.sort(key=lambda x: x['name'])
    namespaces = sorted(java_regex(n) for n in validators.NAMESPACES)
    for v in out:
        if 'pattern' in v['value']:
            v['value']['pattern'] = java_regex(v['value']['pattern'])
    return {'validators': out, 'namespaces': namespaces}


if __name__ == '__main__':
    target = sys.argv[1]
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, 'policy-defaults.json'), 'w') as f:
        json.dump(policy_rules(), f, indent=1, sort_keys=True)
    with open(os.path.join(target, 'extra-spec-validators.json'), 'w') as f:
        json.dump(extra_specs(), f, indent=1, sort_keys=True)
    with open(os.path.join(target, 'extensions.json'), 'w') as f:
        json.dump(extension_info.EXTENSION_LIST, f, indent=1)
