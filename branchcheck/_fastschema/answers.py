"""Validity check for schemas/answers.schema.json (generated: do not edit).

Made by scripts/gen_fast_validators.py with fastjsonschema 2.22.3.
branchcheck.core.validation uses it only while SCHEMA_SHA256 matches the bundled
schema, and asks jsonschema for the detailed errors of an invalid document.
"""
# ruff: noqa
# mypy: ignore-errors
# fmt: off

SCHEMA_SHA256 = "29fc8cd109570d382e2b5aeb3a1c7018d8f0df5c9dcad0772d72f12d2db8863c"
from decimal import Decimal
import re
from branchcheck._fastschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[A-Za-z0-9_-]{1,64}$': re.compile('^[A-Za-z0-9_-]{1,64}\\Z'),
    '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$': re.compile('^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?\\Z'),
    '^[a-z0-9]+(-[a-z0-9]+)*$': re.compile('^[a-z0-9]+(-[a-z0-9]+)*\\Z')
}

NoneType = type(None)

def validate_https___branchcheck_dev_schemas_answers_v1_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['checklist', 'answers']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
        data_keys = set(data.keys())
        if "checklist" in data_keys:
            data_keys.remove("checklist")
            data__checklist = data["checklist"]
            if not isinstance(data__checklist, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist must be string", value=data__checklist, name="" + (name_prefix or "data") + ".checklist", definition=None, rule='type')
            if isinstance(data__checklist, str):
                data__checklist_len = len(data__checklist)
                if data__checklist_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist must be longer than or equal to 1 characters", value=data__checklist, name="" + (name_prefix or "data") + ".checklist", definition=None, rule='minLength')
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not isinstance(data__version, (int)) and not (isinstance(data__version, float) and data__version.is_integer()) or isinstance(data__version, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must be integer", value=data__version, name="" + (name_prefix or "data") + ".version", definition=None, rule='type')
            if isinstance(data__version, (int, float, Decimal)) and not isinstance(data__version, bool):
                if data__version < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must be bigger than or equal to 1", value=data__version, name="" + (name_prefix or "data") + ".version", definition=None, rule='minimum')
        if "branch" in data_keys:
            data_keys.remove("branch")
            data__branch = data["branch"]
            if not isinstance(data__branch, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".branch must be string", value=data__branch, name="" + (name_prefix or "data") + ".branch", definition=None, rule='type')
            if isinstance(data__branch, str):
                if not REGEX_PATTERNS['^[A-Za-z0-9_-]{1,64}$'].search(data__branch):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".branch must match pattern ^[A-Za-z0-9_-]{1,64}$", value=data__branch, name="" + (name_prefix or "data") + ".branch", definition=None, rule='pattern')
        if "reviewer" in data_keys:
            data_keys.remove("reviewer")
            data__reviewer = data["reviewer"]
            if not isinstance(data__reviewer, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reviewer must be string", value=data__reviewer, name="" + (name_prefix or "data") + ".reviewer", definition=None, rule='type')
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
        if "lang" in data_keys:
            data_keys.remove("lang")
            data__lang = data["lang"]
            if not isinstance(data__lang, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".lang must be string", value=data__lang, name="" + (name_prefix or "data") + ".lang", definition=None, rule='type')
            if isinstance(data__lang, str):
                if not REGEX_PATTERNS['^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$'].search(data__lang):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".lang must match pattern ^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", value=data__lang, name="" + (name_prefix or "data") + ".lang", definition=None, rule='pattern')
        if "started" in data_keys:
            data_keys.remove("started")
            data__started = data["started"]
            if not isinstance(data__started, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".started must be string", value=data__started, name="" + (name_prefix or "data") + ".started", definition=None, rule='type')
        if "finished" in data_keys:
            data_keys.remove("finished")
            data__finished = data["finished"]
            if not isinstance(data__finished, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".finished must be string", value=data__finished, name="" + (name_prefix or "data") + ".finished", definition=None, rule='type')
        if "rectify" in data_keys:
            data_keys.remove("rectify")
            data__rectify = data["rectify"]
            if not (isinstance(data__rectify, bool) and data__rectify is False):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rectify must be same as const definition: False", value=data__rectify, name="" + (name_prefix or "data") + ".rectify", definition=None, rule='const')
        if "answers" in data_keys:
            data_keys.remove("answers")
            data__answers = data["answers"]
            if not isinstance(data__answers, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".answers must be object", value=data__answers, name="" + (name_prefix or "data") + ".answers", definition=None, rule='type')
            data__answers_is_dict = isinstance(data__answers, dict)
            if data__answers_is_dict:
                data__answers_keys = set(data__answers.keys())
                for data__answers_key in data__answers_keys:
                    if data__answers_key not in []:
                        data__answers_value = data__answers.get(data__answers_key)
                        validate_https___branchcheck_dev_schemas_answers_v1_schema_json__definitions_answer(data__answers_value, custom_formats, (name_prefix or "data") + ".answers.{data__answers_key}")
                data__answers_len = len(data__answers)
                if data__answers_len != 0:
                    data__answers_property_names = True
                    for data__answers_key in data__answers:
                        try:
                            if isinstance(data__answers_key, str):
                                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__answers_key):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".answers must match pattern ^[a-z0-9]+(-[a-z0-9]+)*$", value=data__answers_key, name="" + (name_prefix or "data") + ".answers", definition=None, rule='pattern')
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__answers_property_names = False
                    if not data__answers_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".answers must be named by propertyName definition", value=data__answers, name="" + (name_prefix or "data") + ".answers", definition=None, rule='propertyNames')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_answers_v1_schema_json__definitions_answer(data, custom_formats={}, name_prefix=None):
    data_one_of_count1 = 0
    if data_one_of_count1 < 2:
        try:
            validate_https___branchcheck_dev_schemas_answers_v1_schema_json__definitions_value(data, custom_formats, (name_prefix or "data") + "")
            data_one_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count1 < 2:
        try:
            if not isinstance(data, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['value']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
                data_keys = set(data.keys())
                if "value" in data_keys:
                    data_keys.remove("value")
                    data__value = data["value"]
                    validate_https___branchcheck_dev_schemas_answers_v1_schema_json__definitions_value(data__value, custom_formats, (name_prefix or "data") + ".value")
                if "note" in data_keys:
                    data_keys.remove("note")
                    data__note = data["note"]
                    if not isinstance(data__note, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".note must be string", value=data__note, name="" + (name_prefix or "data") + ".note", definition=None, rule='type')
                if data_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
            data_one_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count1 != 1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be valid exactly by one definition" + (" (" + str(data_one_of_count1) + " matches found)"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='oneOf')
    return data

def validate_https___branchcheck_dev_schemas_answers_v1_schema_json__definitions_value(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str, int, float, Decimal, bool)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string or number or boolean", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    return data


validate = validate_https___branchcheck_dev_schemas_answers_v1_schema_json
