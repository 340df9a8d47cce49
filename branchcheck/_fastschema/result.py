"""Validity check for schemas/result.schema.json (generated: do not edit).

Made by scripts/gen_fast_validators.py with fastjsonschema 2.22.3.
branchcheck.core.validation uses it only while SCHEMA_SHA256 matches the bundled
schema, and asks jsonschema for the detailed errors of an invalid document.
"""
# ruff: noqa
# mypy: ignore-errors
# fmt: off

SCHEMA_SHA256 = "2032ec1c0ef811a6722883fba0ace465420aec5c845c82eb06cd0e5b7d4a192c"
from decimal import Decimal
import re
from branchcheck._fastschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[0-9a-f]{64}$': re.compile('^[0-9a-f]{64}\\Z'),
    '^[A-Za-z0-9_.-]{1,255}$': re.compile('^[A-Za-z0-9_.-]{1,255}\\Z'),
    '^ed25519:[0-9a-f]{32}$': re.compile('^ed25519:[0-9a-f]{32}\\Z'),
    '^[a-z0-9]+(-[a-z0-9]+)*$': re.compile('^[a-z0-9]+(-[a-z0-9]+)*\\Z'),
    '^[A-Za-z0-9_-]{1,64}$': re.compile('^[A-Za-z0-9_-]{1,64}\\Z'),
    '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$': re.compile('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})\\Z'),
    '^[A-Za-z0-9_-]{1,80}$': re.compile('^[A-Za-z0-9_-]{1,80}\\Z'),
    '^[A-Za-z0-9_-]{1,32}$': re.compile('^[A-Za-z0-9_-]{1,32}\\Z'),
    '^\\d{4}-\\d{2}-\\d{2}$': re.compile('^\\d{4}-\\d{2}-\\d{2}\\Z'),
    '^([01]\\d|2[0-3]):[0-5]\\d$': re.compile('^([01]\\d|2[0-3]):[0-5]\\d\\Z'),
    '^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$': re.compile('^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d\\Z'),
    '^AP-[0-9]{4,}$': re.compile('^AP-[0-9]{4,}\\Z')
}

NoneType = type(None)

def validate_https___branchcheck_dev_schemas_result_v2_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['format', 'tool_version', 'checklist', 'branch', 'reviewer', 'started', 'finished', 'overall', 'grade', 'coverage', 'complete', 'sections', 'items']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
        data_keys = set(data.keys())
        if "format" in data_keys:
            data_keys.remove("format")
            data__format = data["format"]
            if not (isinstance(data__format, str) and data__format == 'branchcheck-result/1' or isinstance(data__format, str) and data__format == 'branchcheck-result/2'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".format must be one of ['branchcheck-result/1', 'branchcheck-result/2']", value=data__format, name="" + (name_prefix or "data") + ".format", definition=None, rule='enum')
        if "tool_version" in data_keys:
            data_keys.remove("tool_version")
            data__toolversion = data["tool_version"]
            if not isinstance(data__toolversion, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tool_version must be string", value=data__toolversion, name="" + (name_prefix or "data") + ".tool_version", definition=None, rule='type')
        if "previous" in data_keys:
            data_keys.remove("previous")
            data__previous = data["previous"]
            if not isinstance(data__previous, (NoneType, str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".previous must be null or string", value=data__previous, name="" + (name_prefix or "data") + ".previous", definition=None, rule='type')
            if isinstance(data__previous, str):
                if not REGEX_PATTERNS['^[0-9a-f]{64}$'].search(data__previous):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".previous must match pattern ^[0-9a-f]{64}$", value=data__previous, name="" + (name_prefix or "data") + ".previous", definition=None, rule='pattern')
        if "previous_file" in data_keys:
            data_keys.remove("previous_file")
            data__previousfile = data["previous_file"]
            if not isinstance(data__previousfile, (NoneType, str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".previous_file must be null or string", value=data__previousfile, name="" + (name_prefix or "data") + ".previous_file", definition=None, rule='type')
            if isinstance(data__previousfile, str):
                if not REGEX_PATTERNS['^[A-Za-z0-9_.-]{1,255}$'].search(data__previousfile):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".previous_file must match pattern ^[A-Za-z0-9_.-]{1,255}$", value=data__previousfile, name="" + (name_prefix or "data") + ".previous_file", definition=None, rule='pattern')
        if "signature" in data_keys:
            data_keys.remove("signature")
            data__signature = data["signature"]
            if not isinstance(data__signature, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".signature must be object", value=data__signature, name="" + (name_prefix or "data") + ".signature", definition=None, rule='type')
            data__signature_is_dict = isinstance(data__signature, dict)
            if data__signature_is_dict:
                data__signature__missing_keys = set(['algorithm', 'key', 'public_key', 'value']) - data__signature.keys()
                if data__signature__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".signature must contain " + (str(sorted(data__signature__missing_keys)) + " properties"), value=data__signature, name="" + (name_prefix or "data") + ".signature", definition=None, rule='required')
                data__signature_keys = set(data__signature.keys())
                if "algorithm" in data__signature_keys:
                    data__signature_keys.remove("algorithm")
                    data__signature__algorithm = data__signature["algorithm"]
                    if not (isinstance(data__signature__algorithm, str) and data__signature__algorithm == 'ed25519'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".signature.algorithm must be same as const definition: ed25519", value=data__signature__algorithm, name="" + (name_prefix or "data") + ".signature.algorithm", definition=None, rule='const')
                if "key" in data__signature_keys:
                    data__signature_keys.remove("key")
                    data__signature__key = data__signature["key"]
                    if not isinstance(data__signature__key, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".signature.key must be string", value=data__signature__key, name="" + (name_prefix or "data") + ".signature.key", definition=None, rule='type')
                    if isinstance(data__signature__key, str):
                        if not REGEX_PATTERNS['^ed25519:[0-9a-f]{32}$'].search(data__signature__key):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".signature.key must match pattern ^ed25519:[0-9a-f]{32}$", value=data__signature__key, name="" + (name_prefix or "data") + ".signature.key", definition=None, rule='pattern')
                if "public_key" in data__signature_keys:
                    data__signature_keys.remove("public_key")
                    data__signature__publickey = data__signature["public_key"]
                    if not isinstance(data__signature__publickey, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".signature.public_key must be string", value=data__signature__publickey, name="" + (name_prefix or "data") + ".signature.public_key", definition=None, rule='type')
                    if isinstance(data__signature__publickey, str):
                        data__signature__publickey_len = len(data__signature__publickey)
                        if data__signature__publickey_len > 100:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".signature.public_key must be shorter than or equal to 100 characters", value=data__signature__publickey, name="" + (name_prefix or "data") + ".signature.public_key", definition=None, rule='maxLength')
                if "value" in data__signature_keys:
                    data__signature_keys.remove("value")
                    data__signature__value = data__signature["value"]
                    if not isinstance(data__signature__value, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".signature.value must be string", value=data__signature__value, name="" + (name_prefix or "data") + ".signature.value", definition=None, rule='type')
                    if isinstance(data__signature__value, str):
                        data__signature__value_len = len(data__signature__value)
                        if data__signature__value_len > 200:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".signature.value must be shorter than or equal to 200 characters", value=data__signature__value, name="" + (name_prefix or "data") + ".signature.value", definition=None, rule='maxLength')
                if data__signature_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".signature must not contain "+str(data__signature_keys)+" properties", value=data__signature, name="" + (name_prefix or "data") + ".signature", definition=None, rule='additionalProperties')
        if "checklist" in data_keys:
            data_keys.remove("checklist")
            data__checklist = data["checklist"]
            if not isinstance(data__checklist, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist must be object", value=data__checklist, name="" + (name_prefix or "data") + ".checklist", definition=None, rule='type')
            data__checklist_is_dict = isinstance(data__checklist, dict)
            if data__checklist_is_dict:
                data__checklist__missing_keys = set(['id', 'version', 'sha256']) - data__checklist.keys()
                if data__checklist__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist must contain " + (str(sorted(data__checklist__missing_keys)) + " properties"), value=data__checklist, name="" + (name_prefix or "data") + ".checklist", definition=None, rule='required')
                data__checklist_keys = set(data__checklist.keys())
                if "id" in data__checklist_keys:
                    data__checklist_keys.remove("id")
                    data__checklist__id = data__checklist["id"]
                    if not isinstance(data__checklist__id, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist.id must be string", value=data__checklist__id, name="" + (name_prefix or "data") + ".checklist.id", definition=None, rule='type')
                    if isinstance(data__checklist__id, str):
                        if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__checklist__id):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist.id must match pattern ^[a-z0-9]+(-[a-z0-9]+)*$", value=data__checklist__id, name="" + (name_prefix or "data") + ".checklist.id", definition=None, rule='pattern')
                if "version" in data__checklist_keys:
                    data__checklist_keys.remove("version")
                    data__checklist__version = data__checklist["version"]
                    if not isinstance(data__checklist__version, (int)) and not (isinstance(data__checklist__version, float) and data__checklist__version.is_integer()) or isinstance(data__checklist__version, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist.version must be integer", value=data__checklist__version, name="" + (name_prefix or "data") + ".checklist.version", definition=None, rule='type')
                    if isinstance(data__checklist__version, (int, float, Decimal)) and not isinstance(data__checklist__version, bool):
                        if data__checklist__version < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist.version must be bigger than or equal to 1", value=data__checklist__version, name="" + (name_prefix or "data") + ".checklist.version", definition=None, rule='minimum')
                if "sha256" in data__checklist_keys:
                    data__checklist_keys.remove("sha256")
                    data__checklist__sha256 = data__checklist["sha256"]
                    if not isinstance(data__checklist__sha256, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist.sha256 must be string", value=data__checklist__sha256, name="" + (name_prefix or "data") + ".checklist.sha256", definition=None, rule='type')
                    if isinstance(data__checklist__sha256, str):
                        if not REGEX_PATTERNS['^[0-9a-f]{64}$'].search(data__checklist__sha256):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist.sha256 must match pattern ^[0-9a-f]{64}$", value=data__checklist__sha256, name="" + (name_prefix or "data") + ".checklist.sha256", definition=None, rule='pattern')
                if "title" in data__checklist_keys:
                    data__checklist_keys.remove("title")
                    data__checklist__title = data__checklist["title"]
                    validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_text(data__checklist__title, custom_formats, (name_prefix or "data") + ".checklist.title")
                if "grades" in data__checklist_keys:
                    data__checklist_keys.remove("grades")
                    data__checklist__grades = data__checklist["grades"]
                    if not isinstance(data__checklist__grades, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist.grades must be array", value=data__checklist__grades, name="" + (name_prefix or "data") + ".checklist.grades", definition=None, rule='type')
                    data__checklist__grades_is_list = isinstance(data__checklist__grades, (list, tuple))
                    if data__checklist__grades_is_list:
                        data__checklist__grades_len = len(data__checklist__grades)
                        for data__checklist__grades_x, data__checklist__grades_item in enumerate(data__checklist__grades):
                            validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_grade(data__checklist__grades_item, custom_formats, (name_prefix or "data") + ".checklist.grades[{data__checklist__grades_x}]")
                if data__checklist_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist must not contain "+str(data__checklist_keys)+" properties", value=data__checklist, name="" + (name_prefix or "data") + ".checklist", definition=None, rule='additionalProperties')
        if "branch" in data_keys:
            data_keys.remove("branch")
            data__branch = data["branch"]
            if not isinstance(data__branch, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".branch must be string", value=data__branch, name="" + (name_prefix or "data") + ".branch", definition=None, rule='type')
            if isinstance(data__branch, str):
                if not REGEX_PATTERNS['^[A-Za-z0-9_-]{1,64}$'].search(data__branch):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".branch must match pattern ^[A-Za-z0-9_-]{1,64}$", value=data__branch, name="" + (name_prefix or "data") + ".branch", definition=None, rule='pattern')
        if "source" in data_keys:
            data_keys.remove("source")
            data__source = data["source"]
            if not (isinstance(data__source, str) and data__source == 'self' or isinstance(data__source, str) and data__source == 'sub-branch' or isinstance(data__source, str) and data__source == 'branch' or isinstance(data__source, str) and data__source == 'head-office' or isinstance(data__source, str) and data__source == 'mystery-shopper' or isinstance(data__source, str) and data__source == 'third-party'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".source must be one of ['self', 'sub-branch', 'branch', 'head-office', 'mystery-shopper', 'third-party']", value=data__source, name="" + (name_prefix or "data") + ".source", definition=None, rule='enum')
        if "inspector_unit" in data_keys:
            data_keys.remove("inspector_unit")
            data__inspectorunit = data["inspector_unit"]
            if not isinstance(data__inspectorunit, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".inspector_unit must be string", value=data__inspectorunit, name="" + (name_prefix or "data") + ".inspector_unit", definition=None, rule='type')
            if isinstance(data__inspectorunit, str):
                if not REGEX_PATTERNS['^[A-Za-z0-9_-]{1,64}$'].search(data__inspectorunit):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".inspector_unit must match pattern ^[A-Za-z0-9_-]{1,64}$", value=data__inspectorunit, name="" + (name_prefix or "data") + ".inspector_unit", definition=None, rule='pattern')
        if "stored" in data_keys:
            data_keys.remove("stored")
            data__stored = data["stored"]
            if not isinstance(data__stored, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".stored must be string", value=data__stored, name="" + (name_prefix or "data") + ".stored", definition=None, rule='type')
            if isinstance(data__stored, str):
                if not REGEX_PATTERNS['^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$'].search(data__stored):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".stored must match pattern ^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$", value=data__stored, name="" + (name_prefix or "data") + ".stored", definition=None, rule='pattern')
        if "visit" in data_keys:
            data_keys.remove("visit")
            data__visit = data["visit"]
            if not isinstance(data__visit, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit must be object", value=data__visit, name="" + (name_prefix or "data") + ".visit", definition=None, rule='type')
            data__visit_is_dict = isinstance(data__visit, dict)
            if data__visit_is_dict:
                data__visit__missing_keys = set(['date']) - data__visit.keys()
                if data__visit__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit must contain " + (str(sorted(data__visit__missing_keys)) + " properties"), value=data__visit, name="" + (name_prefix or "data") + ".visit", definition=None, rule='required')
                data__visit_keys = set(data__visit.keys())
                if "id" in data__visit_keys:
                    data__visit_keys.remove("id")
                    data__visit__id = data__visit["id"]
                    if not isinstance(data__visit__id, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.id must be string", value=data__visit__id, name="" + (name_prefix or "data") + ".visit.id", definition=None, rule='type')
                    if isinstance(data__visit__id, str):
                        if not REGEX_PATTERNS['^[A-Za-z0-9_-]{1,80}$'].search(data__visit__id):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.id must match pattern ^[A-Za-z0-9_-]{1,80}$", value=data__visit__id, name="" + (name_prefix or "data") + ".visit.id", definition=None, rule='pattern')
                if "wave" in data__visit_keys:
                    data__visit_keys.remove("wave")
                    data__visit__wave = data__visit["wave"]
                    if not isinstance(data__visit__wave, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.wave must be string", value=data__visit__wave, name="" + (name_prefix or "data") + ".visit.wave", definition=None, rule='type')
                    if isinstance(data__visit__wave, str):
                        if not REGEX_PATTERNS['^[A-Za-z0-9_-]{1,32}$'].search(data__visit__wave):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.wave must match pattern ^[A-Za-z0-9_-]{1,32}$", value=data__visit__wave, name="" + (name_prefix or "data") + ".visit.wave", definition=None, rule='pattern')
                if "date" in data__visit_keys:
                    data__visit_keys.remove("date")
                    data__visit__date = data__visit["date"]
                    if not isinstance(data__visit__date, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.date must be string", value=data__visit__date, name="" + (name_prefix or "data") + ".visit.date", definition=None, rule='type')
                    if isinstance(data__visit__date, str):
                        if not REGEX_PATTERNS['^\\d{4}-\\d{2}-\\d{2}$'].search(data__visit__date):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.date must match pattern ^\\d{4}-\\d{2}-\\d{2}$", value=data__visit__date, name="" + (name_prefix or "data") + ".visit.date", definition=None, rule='pattern')
                if "time" in data__visit_keys:
                    data__visit_keys.remove("time")
                    data__visit__time = data__visit["time"]
                    if not isinstance(data__visit__time, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.time must be string", value=data__visit__time, name="" + (name_prefix or "data") + ".visit.time", definition=None, rule='type')
                    if isinstance(data__visit__time, str):
                        if not REGEX_PATTERNS['^([01]\\d|2[0-3]):[0-5]\\d$'].search(data__visit__time):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.time must match pattern ^([01]\\d|2[0-3]):[0-5]\\d$", value=data__visit__time, name="" + (name_prefix or "data") + ".visit.time", definition=None, rule='pattern')
                if "slot" in data__visit_keys:
                    data__visit_keys.remove("slot")
                    data__visit__slot = data__visit["slot"]
                    if not isinstance(data__visit__slot, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.slot must be string", value=data__visit__slot, name="" + (name_prefix or "data") + ".visit.slot", definition=None, rule='type')
                    if isinstance(data__visit__slot, str):
                        if not REGEX_PATTERNS['^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$'].search(data__visit__slot):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.slot must match pattern ^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$", value=data__visit__slot, name="" + (name_prefix or "data") + ".visit.slot", definition=None, rule='pattern')
                if "waiting_minutes" in data__visit_keys:
                    data__visit_keys.remove("waiting_minutes")
                    data__visit__waitingminutes = data__visit["waiting_minutes"]
                    if not isinstance(data__visit__waitingminutes, (int, float, Decimal)) or isinstance(data__visit__waitingminutes, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.waiting_minutes must be number", value=data__visit__waitingminutes, name="" + (name_prefix or "data") + ".visit.waiting_minutes", definition=None, rule='type')
                    if isinstance(data__visit__waitingminutes, (int, float, Decimal)) and not isinstance(data__visit__waitingminutes, bool):
                        if data__visit__waitingminutes < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.waiting_minutes must be bigger than or equal to 0", value=data__visit__waitingminutes, name="" + (name_prefix or "data") + ".visit.waiting_minutes", definition=None, rule='minimum')
                        if data__visit__waitingminutes > 1440:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.waiting_minutes must be smaller than or equal to 1440", value=data__visit__waitingminutes, name="" + (name_prefix or "data") + ".visit.waiting_minutes", definition=None, rule='maximum')
                if "teller" in data__visit_keys:
                    data__visit_keys.remove("teller")
                    data__visit__teller = data__visit["teller"]
                    if not isinstance(data__visit__teller, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.teller must be string", value=data__visit__teller, name="" + (name_prefix or "data") + ".visit.teller", definition=None, rule='type')
                    if isinstance(data__visit__teller, str):
                        data__visit__teller_len = len(data__visit__teller)
                        if data__visit__teller_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.teller must be longer than or equal to 1 characters", value=data__visit__teller, name="" + (name_prefix or "data") + ".visit.teller", definition=None, rule='minLength')
                        if data__visit__teller_len > 32:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.teller must be shorter than or equal to 32 characters", value=data__visit__teller, name="" + (name_prefix or "data") + ".visit.teller", definition=None, rule='maxLength')
                if "scenario" in data__visit_keys:
                    data__visit_keys.remove("scenario")
                    data__visit__scenario = data__visit["scenario"]
                    if not isinstance(data__visit__scenario, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.scenario must be string", value=data__visit__scenario, name="" + (name_prefix or "data") + ".visit.scenario", definition=None, rule='type')
                    if isinstance(data__visit__scenario, str):
                        data__visit__scenario_len = len(data__visit__scenario)
                        if data__visit__scenario_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.scenario must be longer than or equal to 1 characters", value=data__visit__scenario, name="" + (name_prefix or "data") + ".visit.scenario", definition=None, rule='minLength')
                        if data__visit__scenario_len > 64:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.scenario must be shorter than or equal to 64 characters", value=data__visit__scenario, name="" + (name_prefix or "data") + ".visit.scenario", definition=None, rule='maxLength')
                if "shopper" in data__visit_keys:
                    data__visit_keys.remove("shopper")
                    data__visit__shopper = data__visit["shopper"]
                    if not isinstance(data__visit__shopper, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.shopper must be string", value=data__visit__shopper, name="" + (name_prefix or "data") + ".visit.shopper", definition=None, rule='type')
                    if isinstance(data__visit__shopper, str):
                        if not REGEX_PATTERNS['^[A-Za-z0-9_-]{1,64}$'].search(data__visit__shopper):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.shopper must match pattern ^[A-Za-z0-9_-]{1,64}$", value=data__visit__shopper, name="" + (name_prefix or "data") + ".visit.shopper", definition=None, rule='pattern')
                if "delivery" in data__visit_keys:
                    data__visit_keys.remove("delivery")
                    data__visit__delivery = data__visit["delivery"]
                    if not isinstance(data__visit__delivery, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.delivery must be object", value=data__visit__delivery, name="" + (name_prefix or "data") + ".visit.delivery", definition=None, rule='type')
                    data__visit__delivery_is_dict = isinstance(data__visit__delivery, dict)
                    if data__visit__delivery_is_dict:
                        data__visit__delivery_keys = set(data__visit__delivery.keys())
                        if "file" in data__visit__delivery_keys:
                            data__visit__delivery_keys.remove("file")
                            data__visit__delivery__file = data__visit__delivery["file"]
                            if not isinstance(data__visit__delivery__file, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.delivery.file must be string", value=data__visit__delivery__file, name="" + (name_prefix or "data") + ".visit.delivery.file", definition=None, rule='type')
                            if isinstance(data__visit__delivery__file, str):
                                data__visit__delivery__file_len = len(data__visit__delivery__file)
                                if data__visit__delivery__file_len > 255:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.delivery.file must be shorter than or equal to 255 characters", value=data__visit__delivery__file, name="" + (name_prefix or "data") + ".visit.delivery.file", definition=None, rule='maxLength')
                        if "sheet" in data__visit__delivery_keys:
                            data__visit__delivery_keys.remove("sheet")
                            data__visit__delivery__sheet = data__visit__delivery["sheet"]
                            if not isinstance(data__visit__delivery__sheet, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.delivery.sheet must be string", value=data__visit__delivery__sheet, name="" + (name_prefix or "data") + ".visit.delivery.sheet", definition=None, rule='type')
                            if isinstance(data__visit__delivery__sheet, str):
                                data__visit__delivery__sheet_len = len(data__visit__delivery__sheet)
                                if data__visit__delivery__sheet_len > 31:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.delivery.sheet must be shorter than or equal to 31 characters", value=data__visit__delivery__sheet, name="" + (name_prefix or "data") + ".visit.delivery.sheet", definition=None, rule='maxLength')
                        if "row" in data__visit__delivery_keys:
                            data__visit__delivery_keys.remove("row")
                            data__visit__delivery__row = data__visit__delivery["row"]
                            if not isinstance(data__visit__delivery__row, (int)) and not (isinstance(data__visit__delivery__row, float) and data__visit__delivery__row.is_integer()) or isinstance(data__visit__delivery__row, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.delivery.row must be integer", value=data__visit__delivery__row, name="" + (name_prefix or "data") + ".visit.delivery.row", definition=None, rule='type')
                            if isinstance(data__visit__delivery__row, (int, float, Decimal)) and not isinstance(data__visit__delivery__row, bool):
                                if data__visit__delivery__row < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.delivery.row must be bigger than or equal to 1", value=data__visit__delivery__row, name="" + (name_prefix or "data") + ".visit.delivery.row", definition=None, rule='minimum')
                        if "sha256" in data__visit__delivery_keys:
                            data__visit__delivery_keys.remove("sha256")
                            data__visit__delivery__sha256 = data__visit__delivery["sha256"]
                            if not isinstance(data__visit__delivery__sha256, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.delivery.sha256 must be string", value=data__visit__delivery__sha256, name="" + (name_prefix or "data") + ".visit.delivery.sha256", definition=None, rule='type')
                            if isinstance(data__visit__delivery__sha256, str):
                                if not REGEX_PATTERNS['^[0-9a-f]{64}$'].search(data__visit__delivery__sha256):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.delivery.sha256 must match pattern ^[0-9a-f]{64}$", value=data__visit__delivery__sha256, name="" + (name_prefix or "data") + ".visit.delivery.sha256", definition=None, rule='pattern')
                        if data__visit__delivery_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit.delivery must not contain "+str(data__visit__delivery_keys)+" properties", value=data__visit__delivery, name="" + (name_prefix or "data") + ".visit.delivery", definition=None, rule='additionalProperties')
                if data__visit_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit must not contain "+str(data__visit_keys)+" properties", value=data__visit, name="" + (name_prefix or "data") + ".visit", definition=None, rule='additionalProperties')
        if "appeal" in data_keys:
            data_keys.remove("appeal")
            data__appeal = data["appeal"]
            if not isinstance(data__appeal, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal must be object", value=data__appeal, name="" + (name_prefix or "data") + ".appeal", definition=None, rule='type')
            data__appeal_is_dict = isinstance(data__appeal, dict)
            if data__appeal_is_dict:
                data__appeal__missing_keys = set(['id', 'of', 'item']) - data__appeal.keys()
                if data__appeal__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal must contain " + (str(sorted(data__appeal__missing_keys)) + " properties"), value=data__appeal, name="" + (name_prefix or "data") + ".appeal", definition=None, rule='required')
                data__appeal_keys = set(data__appeal.keys())
                if "id" in data__appeal_keys:
                    data__appeal_keys.remove("id")
                    data__appeal__id = data__appeal["id"]
                    if not isinstance(data__appeal__id, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.id must be string", value=data__appeal__id, name="" + (name_prefix or "data") + ".appeal.id", definition=None, rule='type')
                    if isinstance(data__appeal__id, str):
                        if not REGEX_PATTERNS['^AP-[0-9]{4,}$'].search(data__appeal__id):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.id must match pattern ^AP-[0-9]{4,}$", value=data__appeal__id, name="" + (name_prefix or "data") + ".appeal.id", definition=None, rule='pattern')
                if "of" in data__appeal_keys:
                    data__appeal_keys.remove("of")
                    data__appeal__of = data__appeal["of"]
                    if not isinstance(data__appeal__of, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.of must be string", value=data__appeal__of, name="" + (name_prefix or "data") + ".appeal.of", definition=None, rule='type')
                    if isinstance(data__appeal__of, str):
                        if not REGEX_PATTERNS['^[0-9a-f]{64}$'].search(data__appeal__of):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.of must match pattern ^[0-9a-f]{64}$", value=data__appeal__of, name="" + (name_prefix or "data") + ".appeal.of", definition=None, rule='pattern')
                if "file" in data__appeal_keys:
                    data__appeal_keys.remove("file")
                    data__appeal__file = data__appeal["file"]
                    if not isinstance(data__appeal__file, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.file must be string", value=data__appeal__file, name="" + (name_prefix or "data") + ".appeal.file", definition=None, rule='type')
                    if isinstance(data__appeal__file, str):
                        if not REGEX_PATTERNS['^[A-Za-z0-9_.-]{1,255}$'].search(data__appeal__file):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.file must match pattern ^[A-Za-z0-9_.-]{1,255}$", value=data__appeal__file, name="" + (name_prefix or "data") + ".appeal.file", definition=None, rule='pattern')
                if "item" in data__appeal_keys:
                    data__appeal_keys.remove("item")
                    data__appeal__item = data__appeal["item"]
                    if not isinstance(data__appeal__item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.item must be string", value=data__appeal__item, name="" + (name_prefix or "data") + ".appeal.item", definition=None, rule='type')
                    if isinstance(data__appeal__item, str):
                        data__appeal__item_len = len(data__appeal__item)
                        if data__appeal__item_len > 200:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.item must be shorter than or equal to 200 characters", value=data__appeal__item, name="" + (name_prefix or "data") + ".appeal.item", definition=None, rule='maxLength')
                if "decided_by" in data__appeal_keys:
                    data__appeal_keys.remove("decided_by")
                    data__appeal__decidedby = data__appeal["decided_by"]
                    if not isinstance(data__appeal__decidedby, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.decided_by must be string", value=data__appeal__decidedby, name="" + (name_prefix or "data") + ".appeal.decided_by", definition=None, rule='type')
                    if isinstance(data__appeal__decidedby, str):
                        data__appeal__decidedby_len = len(data__appeal__decidedby)
                        if data__appeal__decidedby_len > 2000:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.decided_by must be shorter than or equal to 2000 characters", value=data__appeal__decidedby, name="" + (name_prefix or "data") + ".appeal.decided_by", definition=None, rule='maxLength')
                if "decided_at" in data__appeal_keys:
                    data__appeal_keys.remove("decided_at")
                    data__appeal__decidedat = data__appeal["decided_at"]
                    if not isinstance(data__appeal__decidedat, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.decided_at must be string", value=data__appeal__decidedat, name="" + (name_prefix or "data") + ".appeal.decided_at", definition=None, rule='type')
                    if isinstance(data__appeal__decidedat, str):
                        data__appeal__decidedat_len = len(data__appeal__decidedat)
                        if data__appeal__decidedat_len > 40:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal.decided_at must be shorter than or equal to 40 characters", value=data__appeal__decidedat, name="" + (name_prefix or "data") + ".appeal.decided_at", definition=None, rule='maxLength')
                if data__appeal_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".appeal must not contain "+str(data__appeal_keys)+" properties", value=data__appeal, name="" + (name_prefix or "data") + ".appeal", definition=None, rule='additionalProperties')
        if "reviewer" in data_keys:
            data_keys.remove("reviewer")
            data__reviewer = data["reviewer"]
            if not isinstance(data__reviewer, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reviewer must be string", value=data__reviewer, name="" + (name_prefix or "data") + ".reviewer", definition=None, rule='type')
        if "lang" in data_keys:
            data_keys.remove("lang")
            data__lang = data["lang"]
            if not isinstance(data__lang, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".lang must be string", value=data__lang, name="" + (name_prefix or "data") + ".lang", definition=None, rule='type')
        if "started" in data_keys:
            data_keys.remove("started")
            data__started = data["started"]
            if not isinstance(data__started, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".started must be string", value=data__started, name="" + (name_prefix or "data") + ".started", definition=None, rule='type')
            if isinstance(data__started, str):
                if not REGEX_PATTERNS['^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$'].search(data__started):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".started must match pattern ^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$", value=data__started, name="" + (name_prefix or "data") + ".started", definition=None, rule='pattern')
        if "finished" in data_keys:
            data_keys.remove("finished")
            data__finished = data["finished"]
            if not isinstance(data__finished, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".finished must be string", value=data__finished, name="" + (name_prefix or "data") + ".finished", definition=None, rule='type')
            if isinstance(data__finished, str):
                if not REGEX_PATTERNS['^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$'].search(data__finished):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".finished must match pattern ^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$", value=data__finished, name="" + (name_prefix or "data") + ".finished", definition=None, rule='pattern')
        if "overall" in data_keys:
            data_keys.remove("overall")
            data__overall = data["overall"]
            if not isinstance(data__overall, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".overall must be object", value=data__overall, name="" + (name_prefix or "data") + ".overall", definition=None, rule='type')
            data__overall_is_dict = isinstance(data__overall, dict)
            if data__overall_is_dict:
                data__overall__missing_keys = set(['raw', 'final']) - data__overall.keys()
                if data__overall__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".overall must contain " + (str(sorted(data__overall__missing_keys)) + " properties"), value=data__overall, name="" + (name_prefix or "data") + ".overall", definition=None, rule='required')
                data__overall_keys = set(data__overall.keys())
                if "raw" in data__overall_keys:
                    data__overall_keys.remove("raw")
                    data__overall__raw = data__overall["raw"]
                    validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_score(data__overall__raw, custom_formats, (name_prefix or "data") + ".overall.raw")
                if "final" in data__overall_keys:
                    data__overall_keys.remove("final")
                    data__overall__final = data__overall["final"]
                    validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_score(data__overall__final, custom_formats, (name_prefix or "data") + ".overall.final")
                if data__overall_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".overall must not contain "+str(data__overall_keys)+" properties", value=data__overall, name="" + (name_prefix or "data") + ".overall", definition=None, rule='additionalProperties')
        if "grade" in data_keys:
            data_keys.remove("grade")
            data__grade = data["grade"]
            data__grade_one_of_count1 = 0
            if data__grade_one_of_count1 < 2:
                try:
                    if not isinstance(data__grade, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".grade must be null", value=data__grade, name="" + (name_prefix or "data") + ".grade", definition=None, rule='type')
                    data__grade_one_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__grade_one_of_count1 < 2:
                try:
                    validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_grade(data__grade, custom_formats, (name_prefix or "data") + ".grade")
                    data__grade_one_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__grade_one_of_count1 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".grade must be valid exactly by one definition" + (" (" + str(data__grade_one_of_count1) + " matches found)"), value=data__grade, name="" + (name_prefix or "data") + ".grade", definition=None, rule='oneOf')
        if "coverage" in data_keys:
            data_keys.remove("coverage")
            data__coverage = data["coverage"]
            if not isinstance(data__coverage, (int, float, Decimal)) or isinstance(data__coverage, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".coverage must be number", value=data__coverage, name="" + (name_prefix or "data") + ".coverage", definition=None, rule='type')
            if isinstance(data__coverage, (int, float, Decimal)) and not isinstance(data__coverage, bool):
                if data__coverage < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".coverage must be bigger than or equal to 0", value=data__coverage, name="" + (name_prefix or "data") + ".coverage", definition=None, rule='minimum')
                if data__coverage > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".coverage must be smaller than or equal to 1", value=data__coverage, name="" + (name_prefix or "data") + ".coverage", definition=None, rule='maximum')
        if "complete" in data_keys:
            data_keys.remove("complete")
            data__complete = data["complete"]
            if not isinstance(data__complete, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".complete must be boolean", value=data__complete, name="" + (name_prefix or "data") + ".complete", definition=None, rule='type')
        if "knocked_out" in data_keys:
            data_keys.remove("knocked_out")
            data__knockedout = data["knocked_out"]
            if not isinstance(data__knockedout, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".knocked_out must be boolean", value=data__knockedout, name="" + (name_prefix or "data") + ".knocked_out", definition=None, rule='type')
        if "sections" in data_keys:
            data_keys.remove("sections")
            data__sections = data["sections"]
            if not isinstance(data__sections, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sections must be array", value=data__sections, name="" + (name_prefix or "data") + ".sections", definition=None, rule='type')
            data__sections_is_list = isinstance(data__sections, (list, tuple))
            if data__sections_is_list:
                data__sections_len = len(data__sections)
                for data__sections_x, data__sections_item in enumerate(data__sections):
                    if not isinstance(data__sections_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".sections[{data__sections_x}]" + " must be object", value=data__sections_item, name="" + (name_prefix or "data") + ".sections[{data__sections_x}]" + "", definition=None, rule='type')
                    data__sections_item_is_dict = isinstance(data__sections_item, dict)
                    if data__sections_item_is_dict:
                        data__sections_item__missing_keys = set(['id', 'raw', 'final', 'knocked_out']) - data__sections_item.keys()
                        if data__sections_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".sections[{data__sections_x}]" + " must contain " + (str(sorted(data__sections_item__missing_keys)) + " properties"), value=data__sections_item, name="" + (name_prefix or "data") + ".sections[{data__sections_x}]" + "", definition=None, rule='required')
                        data__sections_item_keys = set(data__sections_item.keys())
                        if "id" in data__sections_item_keys:
                            data__sections_item_keys.remove("id")
                            data__sections_item__id = data__sections_item["id"]
                            if not isinstance(data__sections_item__id, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sections[{data__sections_x}].id" + " must be string", value=data__sections_item__id, name="" + (name_prefix or "data") + ".sections[{data__sections_x}].id" + "", definition=None, rule='type')
                        if "title" in data__sections_item_keys:
                            data__sections_item_keys.remove("title")
                            data__sections_item__title = data__sections_item["title"]
                            validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_text(data__sections_item__title, custom_formats, (name_prefix or "data") + ".sections[{data__sections_x}].title")
                        if "weight" in data__sections_item_keys:
                            data__sections_item_keys.remove("weight")
                            data__sections_item__weight = data__sections_item["weight"]
                            if not isinstance(data__sections_item__weight, (int, float, Decimal)) or isinstance(data__sections_item__weight, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sections[{data__sections_x}].weight" + " must be number", value=data__sections_item__weight, name="" + (name_prefix or "data") + ".sections[{data__sections_x}].weight" + "", definition=None, rule='type')
                            if isinstance(data__sections_item__weight, (int, float, Decimal)) and not isinstance(data__sections_item__weight, bool):
                                if data__sections_item__weight < 0:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sections[{data__sections_x}].weight" + " must be bigger than or equal to 0", value=data__sections_item__weight, name="" + (name_prefix or "data") + ".sections[{data__sections_x}].weight" + "", definition=None, rule='minimum')
                        if "raw" in data__sections_item_keys:
                            data__sections_item_keys.remove("raw")
                            data__sections_item__raw = data__sections_item["raw"]
                            validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_score(data__sections_item__raw, custom_formats, (name_prefix or "data") + ".sections[{data__sections_x}].raw")
                        if "final" in data__sections_item_keys:
                            data__sections_item_keys.remove("final")
                            data__sections_item__final = data__sections_item["final"]
                            validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_score(data__sections_item__final, custom_formats, (name_prefix or "data") + ".sections[{data__sections_x}].final")
                        if "knocked_out" in data__sections_item_keys:
                            data__sections_item_keys.remove("knocked_out")
                            data__sections_item__knockedout = data__sections_item["knocked_out"]
                            if not isinstance(data__sections_item__knockedout, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sections[{data__sections_x}].knocked_out" + " must be boolean", value=data__sections_item__knockedout, name="" + (name_prefix or "data") + ".sections[{data__sections_x}].knocked_out" + "", definition=None, rule='type')
                        if data__sections_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".sections[{data__sections_x}]" + " must not contain "+str(data__sections_item_keys)+" properties", value=data__sections_item, name="" + (name_prefix or "data") + ".sections[{data__sections_x}]" + "", definition=None, rule='additionalProperties')
        if "items" in data_keys:
            data_keys.remove("items")
            data__items = data["items"]
            if not isinstance(data__items, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items must be array", value=data__items, name="" + (name_prefix or "data") + ".items", definition=None, rule='type')
            data__items_is_list = isinstance(data__items, (list, tuple))
            if data__items_is_list:
                data__items_len = len(data__items)
                for data__items_x, data__items_item in enumerate(data__items):
                    if not isinstance(data__items_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}]" + " must be object", value=data__items_item, name="" + (name_prefix or "data") + ".items[{data__items_x}]" + "", definition=None, rule='type')
                    data__items_item_is_dict = isinstance(data__items_item, dict)
                    if data__items_item_is_dict:
                        data__items_item__missing_keys = set(['id', 'section', 'type', 'text', 'status', 'value', 'fraction', 'note']) - data__items_item.keys()
                        if data__items_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}]" + " must contain " + (str(sorted(data__items_item__missing_keys)) + " properties"), value=data__items_item, name="" + (name_prefix or "data") + ".items[{data__items_x}]" + "", definition=None, rule='required')
                        data__items_item_keys = set(data__items_item.keys())
                        if "id" in data__items_item_keys:
                            data__items_item_keys.remove("id")
                            data__items_item__id = data__items_item["id"]
                            if not isinstance(data__items_item__id, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].id" + " must be string", value=data__items_item__id, name="" + (name_prefix or "data") + ".items[{data__items_x}].id" + "", definition=None, rule='type')
                        if "section" in data__items_item_keys:
                            data__items_item_keys.remove("section")
                            data__items_item__section = data__items_item["section"]
                            if not isinstance(data__items_item__section, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].section" + " must be string", value=data__items_item__section, name="" + (name_prefix or "data") + ".items[{data__items_x}].section" + "", definition=None, rule='type')
                        if "type" in data__items_item_keys:
                            data__items_item_keys.remove("type")
                            data__items_item__type = data__items_item["type"]
                            if not (isinstance(data__items_item__type, str) and data__items_item__type == 'check' or isinstance(data__items_item__type, str) and data__items_item__type == 'scale' or isinstance(data__items_item__type, str) and data__items_item__type == 'choice' or isinstance(data__items_item__type, str) and data__items_item__type == 'metric' or isinstance(data__items_item__type, str) and data__items_item__type == 'text'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].type" + " must be one of ['check', 'scale', 'choice', 'metric', 'text']", value=data__items_item__type, name="" + (name_prefix or "data") + ".items[{data__items_x}].type" + "", definition=None, rule='enum')
                        if "text" in data__items_item_keys:
                            data__items_item_keys.remove("text")
                            data__items_item__text = data__items_item["text"]
                            validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_text(data__items_item__text, custom_formats, (name_prefix or "data") + ".items[{data__items_x}].text")
                        if "guidance" in data__items_item_keys:
                            data__items_item_keys.remove("guidance")
                            data__items_item__guidance = data__items_item["guidance"]
                            validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_text(data__items_item__guidance, custom_formats, (name_prefix or "data") + ".items[{data__items_x}].guidance")
                        if "status" in data__items_item_keys:
                            data__items_item_keys.remove("status")
                            data__items_item__status = data__items_item["status"]
                            if not (isinstance(data__items_item__status, str) and data__items_item__status == 'pass' or isinstance(data__items_item__status, str) and data__items_item__status == 'partial' or isinstance(data__items_item__status, str) and data__items_item__status == 'fail' or isinstance(data__items_item__status, str) and data__items_item__status == 'na' or isinstance(data__items_item__status, str) and data__items_item__status == 'skipped' or isinstance(data__items_item__status, str) and data__items_item__status == 'info'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].status" + " must be one of ['pass', 'partial', 'fail', 'na', 'skipped', 'info']", value=data__items_item__status, name="" + (name_prefix or "data") + ".items[{data__items_x}].status" + "", definition=None, rule='enum')
                        if "value" in data__items_item_keys:
                            data__items_item_keys.remove("value")
                            data__items_item__value = data__items_item["value"]
                            if not isinstance(data__items_item__value, (str, int, float, Decimal, NoneType)) or isinstance(data__items_item__value, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].value" + " must be string or number or null", value=data__items_item__value, name="" + (name_prefix or "data") + ".items[{data__items_x}].value" + "", definition=None, rule='type')
                        if "fraction" in data__items_item_keys:
                            data__items_item_keys.remove("fraction")
                            data__items_item__fraction = data__items_item["fraction"]
                            if not isinstance(data__items_item__fraction, (NoneType, int, float, Decimal)) or isinstance(data__items_item__fraction, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].fraction" + " must be null or number", value=data__items_item__fraction, name="" + (name_prefix or "data") + ".items[{data__items_x}].fraction" + "", definition=None, rule='type')
                            if isinstance(data__items_item__fraction, (int, float, Decimal)) and not isinstance(data__items_item__fraction, bool):
                                if data__items_item__fraction < 0:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].fraction" + " must be bigger than or equal to 0", value=data__items_item__fraction, name="" + (name_prefix or "data") + ".items[{data__items_x}].fraction" + "", definition=None, rule='minimum')
                                if data__items_item__fraction > 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].fraction" + " must be smaller than or equal to 1", value=data__items_item__fraction, name="" + (name_prefix or "data") + ".items[{data__items_x}].fraction" + "", definition=None, rule='maximum')
                        if "note" in data__items_item_keys:
                            data__items_item_keys.remove("note")
                            data__items_item__note = data__items_item["note"]
                            if not isinstance(data__items_item__note, (str, NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].note" + " must be string or null", value=data__items_item__note, name="" + (name_prefix or "data") + ".items[{data__items_x}].note" + "", definition=None, rule='type')
                        if "weight" in data__items_item_keys:
                            data__items_item_keys.remove("weight")
                            data__items_item__weight = data__items_item["weight"]
                            if not isinstance(data__items_item__weight, (int, float, Decimal)) or isinstance(data__items_item__weight, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].weight" + " must be number", value=data__items_item__weight, name="" + (name_prefix or "data") + ".items[{data__items_x}].weight" + "", definition=None, rule='type')
                            if isinstance(data__items_item__weight, (int, float, Decimal)) and not isinstance(data__items_item__weight, bool):
                                if data__items_item__weight < 0:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].weight" + " must be bigger than or equal to 0", value=data__items_item__weight, name="" + (name_prefix or "data") + ".items[{data__items_x}].weight" + "", definition=None, rule='minimum')
                        if "critical" in data__items_item_keys:
                            data__items_item_keys.remove("critical")
                            data__items_item__critical = data__items_item["critical"]
                            if not (isinstance(data__items_item__critical, str) and data__items_item__critical == 'section' or isinstance(data__items_item__critical, str) and data__items_item__critical == 'checklist' or data__items_item__critical is None):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].critical" + " must be one of ['section', 'checklist', None]", value=data__items_item__critical, name="" + (name_prefix or "data") + ".items[{data__items_x}].critical" + "", definition=None, rule='enum')
                        if "applicable" in data__items_item_keys:
                            data__items_item_keys.remove("applicable")
                            data__items_item__applicable = data__items_item["applicable"]
                            if not isinstance(data__items_item__applicable, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].applicable" + " must be boolean", value=data__items_item__applicable, name="" + (name_prefix or "data") + ".items[{data__items_x}].applicable" + "", definition=None, rule='type')
                        if "unit" in data__items_item_keys:
                            data__items_item_keys.remove("unit")
                            data__items_item__unit = data__items_item["unit"]
                            if not isinstance(data__items_item__unit, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}].unit" + " must be string", value=data__items_item__unit, name="" + (name_prefix or "data") + ".items[{data__items_x}].unit" + "", definition=None, rule='type')
                        if data__items_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".items[{data__items_x}]" + " must not contain "+str(data__items_item_keys)+" properties", value=data__items_item, name="" + (name_prefix or "data") + ".items[{data__items_x}]" + "", definition=None, rule='additionalProperties')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_score(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (NoneType, int, float, Decimal)) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be null or number", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < 0:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to 0", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='minimum')
        if data > 100:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be smaller than or equal to 100", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='maximum')
    return data

def validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_grade(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['min', 'label']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
        data_keys = set(data.keys())
        if "min" in data_keys:
            data_keys.remove("min")
            data__min = data["min"]
            if not isinstance(data__min, (int, float, Decimal)) or isinstance(data__min, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".min must be number", value=data__min, name="" + (name_prefix or "data") + ".min", definition=None, rule='type')
        if "label" in data_keys:
            data_keys.remove("label")
            data__label = data["label"]
            validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_text(data__label, custom_formats, (name_prefix or "data") + ".label")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_result_v2_schema_json__definitions_text(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str, dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string or object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        for data_key in data_keys:
            if data_key not in []:
                data_value = data.get(data_key)
                if not isinstance(data_value, (str)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}" + " must be string", value=data_value, name="" + (name_prefix or "data") + ".{data_key}" + "", definition=None, rule='type')
    return data


validate = validate_https___branchcheck_dev_schemas_result_v2_schema_json
