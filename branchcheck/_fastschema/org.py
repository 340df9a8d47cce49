"""Validity check for schemas/org.schema.json (generated: do not edit).

Made by scripts/gen_fast_validators.py with fastjsonschema 2.22.3.
branchcheck.core.validation uses it only while SCHEMA_SHA256 matches the bundled
schema, and asks jsonschema for the detailed errors of an invalid document.
"""
# ruff: noqa
# mypy: ignore-errors
# fmt: off

SCHEMA_SHA256 = "36cd1765c075f798020ee954aa3b8ddbccd75e4fbb2acd604077385eeee6421c"
from decimal import Decimal
import re
from branchcheck._fastschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-z0-9]+(-[a-z0-9]+)*$': re.compile('^[a-z0-9]+(-[a-z0-9]+)*\\Z'),
    '^([01][0-9]|2[0-3]):[0-5][0-9]$': re.compile('^([01][0-9]|2[0-3]):[0-5][0-9]\\Z'),
    '^[^\\u0000-\\u001f\\u007f]+$': re.compile('^[^\\u0000-\\u001f\\u007f]+\\Z'),
    '^[A-Za-z0-9_-]{1,64}$': re.compile('^[A-Za-z0-9_-]{1,64}\\Z'),
    '^[a-z][a-z0-9-]{0,31}$': re.compile('^[a-z][a-z0-9-]{0,31}\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}\\Z')
}

NoneType = type(None)

def validate_https___branchcheck_dev_schemas_org_v1_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['format', 'units']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
        data_keys = set(data.keys())
        if "format" in data_keys:
            data_keys.remove("format")
            data__format = data["format"]
            if not (isinstance(data__format, str) and data__format == 'branchcheck-org/1'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".format must be same as const definition: branchcheck-org/1", value=data__format, name="" + (name_prefix or "data") + ".format", definition=None, rule='const')
        if "timezone" in data_keys:
            data_keys.remove("timezone")
            data__timezone = data["timezone"]
            if not isinstance(data__timezone, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".timezone must be string", value=data__timezone, name="" + (name_prefix or "data") + ".timezone", definition=None, rule='type')
            if isinstance(data__timezone, str):
                data__timezone_len = len(data__timezone)
                if data__timezone_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".timezone must be longer than or equal to 1 characters", value=data__timezone, name="" + (name_prefix or "data") + ".timezone", definition=None, rule='minLength')
        if "business_days" in data_keys:
            data_keys.remove("business_days")
            data__businessdays = data["business_days"]
            if not isinstance(data__businessdays, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".business_days must be array", value=data__businessdays, name="" + (name_prefix or "data") + ".business_days", definition=None, rule='type')
            data__businessdays_is_list = isinstance(data__businessdays, (list, tuple))
            if data__businessdays_is_list:
                data__businessdays_len = len(data__businessdays)
                if data__businessdays_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".business_days must contain at least 1 items", value=data__businessdays, name="" + (name_prefix or "data") + ".business_days", definition=None, rule='minItems')
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                if data__businessdays_len > len(set(fn(data__businessdays_x) for data__businessdays_x in data__businessdays)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".business_days must contain unique items", value=data__businessdays, name="" + (name_prefix or "data") + ".business_days", definition=None, rule='uniqueItems')
                for data__businessdays_x, data__businessdays_item in enumerate(data__businessdays):
                    if not (isinstance(data__businessdays_item, str) and data__businessdays_item == 'mon' or isinstance(data__businessdays_item, str) and data__businessdays_item == 'tue' or isinstance(data__businessdays_item, str) and data__businessdays_item == 'wed' or isinstance(data__businessdays_item, str) and data__businessdays_item == 'thu' or isinstance(data__businessdays_item, str) and data__businessdays_item == 'fri' or isinstance(data__businessdays_item, str) and data__businessdays_item == 'sat' or isinstance(data__businessdays_item, str) and data__businessdays_item == 'sun'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".business_days[{data__businessdays_x}]" + " must be one of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']", value=data__businessdays_item, name="" + (name_prefix or "data") + ".business_days[{data__businessdays_x}]" + "", definition=None, rule='enum')
        if "closed_days" in data_keys:
            data_keys.remove("closed_days")
            data__closeddays = data["closed_days"]
            if not isinstance(data__closeddays, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".closed_days must be array", value=data__closeddays, name="" + (name_prefix or "data") + ".closed_days", definition=None, rule='type')
            data__closeddays_is_list = isinstance(data__closeddays, (list, tuple))
            if data__closeddays_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__closeddays_len = len(data__closeddays)
                if data__closeddays_len > len(set(fn(data__closeddays_x) for data__closeddays_x in data__closeddays)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".closed_days must contain unique items", value=data__closeddays, name="" + (name_prefix or "data") + ".closed_days", definition=None, rule='uniqueItems')
                for data__closeddays_x, data__closeddays_item in enumerate(data__closeddays):
                    validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_date(data__closeddays_item, custom_formats, (name_prefix or "data") + ".closed_days[{data__closeddays_x}]")
        if "holidays" in data_keys:
            data_keys.remove("holidays")
            data__holidays = data["holidays"]
            if not isinstance(data__holidays, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".holidays must be array", value=data__holidays, name="" + (name_prefix or "data") + ".holidays", definition=None, rule='type')
            data__holidays_is_list = isinstance(data__holidays, (list, tuple))
            if data__holidays_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__holidays_len = len(data__holidays)
                if data__holidays_len > len(set(fn(data__holidays_x) for data__holidays_x in data__holidays)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".holidays must contain unique items", value=data__holidays, name="" + (name_prefix or "data") + ".holidays", definition=None, rule='uniqueItems')
                for data__holidays_x, data__holidays_item in enumerate(data__holidays):
                    validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_date(data__holidays_item, custom_formats, (name_prefix or "data") + ".holidays[{data__holidays_x}]")
        if "workdays" in data_keys:
            data_keys.remove("workdays")
            data__workdays = data["workdays"]
            if not isinstance(data__workdays, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".workdays must be array", value=data__workdays, name="" + (name_prefix or "data") + ".workdays", definition=None, rule='type')
            data__workdays_is_list = isinstance(data__workdays, (list, tuple))
            if data__workdays_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__workdays_len = len(data__workdays)
                if data__workdays_len > len(set(fn(data__workdays_x) for data__workdays_x in data__workdays)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".workdays must contain unique items", value=data__workdays, name="" + (name_prefix or "data") + ".workdays", definition=None, rule='uniqueItems')
                for data__workdays_x, data__workdays_item in enumerate(data__workdays):
                    validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_date(data__workdays_item, custom_formats, (name_prefix or "data") + ".workdays[{data__workdays_x}]")
        if "programme" in data_keys:
            data_keys.remove("programme")
            data__programme = data["programme"]
            if not isinstance(data__programme, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".programme must be array", value=data__programme, name="" + (name_prefix or "data") + ".programme", definition=None, rule='type')
            data__programme_is_list = isinstance(data__programme, (list, tuple))
            if data__programme_is_list:
                data__programme_len = len(data__programme)
                for data__programme_x, data__programme_item in enumerate(data__programme):
                    if not isinstance(data__programme_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".programme[{data__programme_x}]" + " must be object", value=data__programme_item, name="" + (name_prefix or "data") + ".programme[{data__programme_x}]" + "", definition=None, rule='type')
                    data__programme_item_is_dict = isinstance(data__programme_item, dict)
                    if data__programme_item_is_dict:
                        data__programme_item__missing_keys = set(['kind', 'checklist', 'every']) - data__programme_item.keys()
                        if data__programme_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".programme[{data__programme_x}]" + " must contain " + (str(sorted(data__programme_item__missing_keys)) + " properties"), value=data__programme_item, name="" + (name_prefix or "data") + ".programme[{data__programme_x}]" + "", definition=None, rule='required')
                        data__programme_item_keys = set(data__programme_item.keys())
                        if "kind" in data__programme_item_keys:
                            data__programme_item_keys.remove("kind")
                            data__programme_item__kind = data__programme_item["kind"]
                            validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_kind(data__programme_item__kind, custom_formats, (name_prefix or "data") + ".programme[{data__programme_x}].kind")
                        if "checklist" in data__programme_item_keys:
                            data__programme_item_keys.remove("checklist")
                            data__programme_item__checklist = data__programme_item["checklist"]
                            if not isinstance(data__programme_item__checklist, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".programme[{data__programme_x}].checklist" + " must be string", value=data__programme_item__checklist, name="" + (name_prefix or "data") + ".programme[{data__programme_x}].checklist" + "", definition=None, rule='type')
                            if isinstance(data__programme_item__checklist, str):
                                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__programme_item__checklist):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".programme[{data__programme_x}].checklist" + " must match pattern ^[a-z0-9]+(-[a-z0-9]+)*$", value=data__programme_item__checklist, name="" + (name_prefix or "data") + ".programme[{data__programme_x}].checklist" + "", definition=None, rule='pattern')
                        if "every" in data__programme_item_keys:
                            data__programme_item_keys.remove("every")
                            data__programme_item__every = data__programme_item["every"]
                            if not (isinstance(data__programme_item__every, str) and data__programme_item__every == 'day' or isinstance(data__programme_item__every, str) and data__programme_item__every == 'opening-day' or isinstance(data__programme_item__every, str) and data__programme_item__every == 'business-day' or isinstance(data__programme_item__every, str) and data__programme_item__every == 'week' or isinstance(data__programme_item__every, str) and data__programme_item__every == 'month' or isinstance(data__programme_item__every, str) and data__programme_item__every == 'quarter'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".programme[{data__programme_x}].every" + " must be one of ['day', 'opening-day', 'business-day', 'week', 'month', 'quarter']", value=data__programme_item__every, name="" + (name_prefix or "data") + ".programme[{data__programme_x}].every" + "", definition=None, rule='enum')
                        if "due_by" in data__programme_item_keys:
                            data__programme_item_keys.remove("due_by")
                            data__programme_item__dueby = data__programme_item["due_by"]
                            if not isinstance(data__programme_item__dueby, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".programme[{data__programme_x}].due_by" + " must be string", value=data__programme_item__dueby, name="" + (name_prefix or "data") + ".programme[{data__programme_x}].due_by" + "", definition=None, rule='type')
                            if isinstance(data__programme_item__dueby, str):
                                if not REGEX_PATTERNS['^([01][0-9]|2[0-3]):[0-5][0-9]$'].search(data__programme_item__dueby):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".programme[{data__programme_x}].due_by" + " must match pattern ^([01][0-9]|2[0-3]):[0-5][0-9]$", value=data__programme_item__dueby, name="" + (name_prefix or "data") + ".programme[{data__programme_x}].due_by" + "", definition=None, rule='pattern')
                        if data__programme_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".programme[{data__programme_x}]" + " must not contain "+str(data__programme_item_keys)+" properties", value=data__programme_item, name="" + (name_prefix or "data") + ".programme[{data__programme_x}]" + "", definition=None, rule='additionalProperties')
        if "settings" in data_keys:
            data_keys.remove("settings")
            data__settings = data["settings"]
            if not isinstance(data__settings, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings must be object", value=data__settings, name="" + (name_prefix or "data") + ".settings", definition=None, rule='type')
            data__settings_is_dict = isinstance(data__settings, dict)
            if data__settings_is_dict:
                data__settings_keys = set(data__settings.keys())
                if "missed" in data__settings_keys:
                    data__settings_keys.remove("missed")
                    data__settings__missed = data__settings["missed"]
                    if not (isinstance(data__settings__missed, str) and data__settings__missed == 'zero' or isinstance(data__settings__missed, str) and data__settings__missed == 'exclude'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings.missed must be one of ['zero', 'exclude']", value=data__settings__missed, name="" + (name_prefix or "data") + ".settings.missed", definition=None, rule='enum')
                if "min_completion" in data__settings_keys:
                    data__settings_keys.remove("min_completion")
                    data__settings__mincompletion = data__settings["min_completion"]
                    if not isinstance(data__settings__mincompletion, (int, float, Decimal)) or isinstance(data__settings__mincompletion, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings.min_completion must be number", value=data__settings__mincompletion, name="" + (name_prefix or "data") + ".settings.min_completion", definition=None, rule='type')
                    if isinstance(data__settings__mincompletion, (int, float, Decimal)) and not isinstance(data__settings__mincompletion, bool):
                        if data__settings__mincompletion < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings.min_completion must be bigger than or equal to 0", value=data__settings__mincompletion, name="" + (name_prefix or "data") + ".settings.min_completion", definition=None, rule='minimum')
                        if data__settings__mincompletion > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings.min_completion must be smaller than or equal to 1", value=data__settings__mincompletion, name="" + (name_prefix or "data") + ".settings.min_completion", definition=None, rule='maximum')
                if "item_failing_rate" in data__settings_keys:
                    data__settings_keys.remove("item_failing_rate")
                    data__settings__itemfailingrate = data__settings["item_failing_rate"]
                    if not isinstance(data__settings__itemfailingrate, (int, float, Decimal)) or isinstance(data__settings__itemfailingrate, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings.item_failing_rate must be number", value=data__settings__itemfailingrate, name="" + (name_prefix or "data") + ".settings.item_failing_rate", definition=None, rule='type')
                    if isinstance(data__settings__itemfailingrate, (int, float, Decimal)) and not isinstance(data__settings__itemfailingrate, bool):
                        if data__settings__itemfailingrate > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings.item_failing_rate must be smaller than or equal to 1", value=data__settings__itemfailingrate, name="" + (name_prefix or "data") + ".settings.item_failing_rate", definition=None, rule='maximum')
                        if data__settings__itemfailingrate <= 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings.item_failing_rate must be bigger than 0", value=data__settings__itemfailingrate, name="" + (name_prefix or "data") + ".settings.item_failing_rate", definition=None, rule='exclusiveMinimum')
                if "common_problem_share" in data__settings_keys:
                    data__settings_keys.remove("common_problem_share")
                    data__settings__commonproblemshare = data__settings["common_problem_share"]
                    if not isinstance(data__settings__commonproblemshare, (int, float, Decimal)) or isinstance(data__settings__commonproblemshare, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings.common_problem_share must be number", value=data__settings__commonproblemshare, name="" + (name_prefix or "data") + ".settings.common_problem_share", definition=None, rule='type')
                    if isinstance(data__settings__commonproblemshare, (int, float, Decimal)) and not isinstance(data__settings__commonproblemshare, bool):
                        if data__settings__commonproblemshare > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings.common_problem_share must be smaller than or equal to 1", value=data__settings__commonproblemshare, name="" + (name_prefix or "data") + ".settings.common_problem_share", definition=None, rule='maximum')
                        if data__settings__commonproblemshare <= 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings.common_problem_share must be bigger than 0", value=data__settings__commonproblemshare, name="" + (name_prefix or "data") + ".settings.common_problem_share", definition=None, rule='exclusiveMinimum')
                if data__settings_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".settings must not contain "+str(data__settings_keys)+" properties", value=data__settings, name="" + (name_prefix or "data") + ".settings", definition=None, rule='additionalProperties')
        if "units" in data_keys:
            data_keys.remove("units")
            data__units = data["units"]
            if not isinstance(data__units, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".units must be array", value=data__units, name="" + (name_prefix or "data") + ".units", definition=None, rule='type')
            data__units_is_list = isinstance(data__units, (list, tuple))
            if data__units_is_list:
                data__units_len = len(data__units)
                if data__units_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".units must contain at least 1 items", value=data__units, name="" + (name_prefix or "data") + ".units", definition=None, rule='minItems')
                for data__units_x, data__units_item in enumerate(data__units):
                    if not isinstance(data__units_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}]" + " must be object", value=data__units_item, name="" + (name_prefix or "data") + ".units[{data__units_x}]" + "", definition=None, rule='type')
                    data__units_item_is_dict = isinstance(data__units_item, dict)
                    if data__units_item_is_dict:
                        data__units_item__missing_keys = set(['id', 'name', 'kind']) - data__units_item.keys()
                        if data__units_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}]" + " must contain " + (str(sorted(data__units_item__missing_keys)) + " properties"), value=data__units_item, name="" + (name_prefix or "data") + ".units[{data__units_x}]" + "", definition=None, rule='required')
                        data__units_item_keys = set(data__units_item.keys())
                        if "id" in data__units_item_keys:
                            data__units_item_keys.remove("id")
                            data__units_item__id = data__units_item["id"]
                            validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_id(data__units_item__id, custom_formats, (name_prefix or "data") + ".units[{data__units_x}].id")
                        if "name" in data__units_item_keys:
                            data__units_item_keys.remove("name")
                            data__units_item__name = data__units_item["name"]
                            data__units_item__name_one_of_count1 = 0
                            if data__units_item__name_one_of_count1 < 2:
                                try:
                                    if not isinstance(data__units_item__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].name" + " must be string", value=data__units_item__name, name="" + (name_prefix or "data") + ".units[{data__units_x}].name" + "", definition=None, rule='type')
                                    if isinstance(data__units_item__name, str):
                                        data__units_item__name_len = len(data__units_item__name)
                                        if data__units_item__name_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].name" + " must be longer than or equal to 1 characters", value=data__units_item__name, name="" + (name_prefix or "data") + ".units[{data__units_x}].name" + "", definition=None, rule='minLength')
                                    data__units_item__name_one_of_count1 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__units_item__name_one_of_count1 < 2:
                                try:
                                    if not isinstance(data__units_item__name, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].name" + " must be object", value=data__units_item__name, name="" + (name_prefix or "data") + ".units[{data__units_x}].name" + "", definition=None, rule='type')
                                    data__units_item__name_is_dict = isinstance(data__units_item__name, dict)
                                    if data__units_item__name_is_dict:
                                        data__units_item__name_len = len(data__units_item__name)
                                        if data__units_item__name_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].name" + " must contain at least 1 properties", value=data__units_item__name, name="" + (name_prefix or "data") + ".units[{data__units_x}].name" + "", definition=None, rule='minProperties')
                                        data__units_item__name_keys = set(data__units_item__name.keys())
                                        if "zh" in data__units_item__name_keys:
                                            data__units_item__name_keys.remove("zh")
                                            data__units_item__name__zh = data__units_item__name["zh"]
                                            if not isinstance(data__units_item__name__zh, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].name.zh" + " must be string", value=data__units_item__name__zh, name="" + (name_prefix or "data") + ".units[{data__units_x}].name.zh" + "", definition=None, rule='type')
                                        if "en" in data__units_item__name_keys:
                                            data__units_item__name_keys.remove("en")
                                            data__units_item__name__en = data__units_item__name["en"]
                                            if not isinstance(data__units_item__name__en, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].name.en" + " must be string", value=data__units_item__name__en, name="" + (name_prefix or "data") + ".units[{data__units_x}].name.en" + "", definition=None, rule='type')
                                        if data__units_item__name_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].name" + " must not contain "+str(data__units_item__name_keys)+" properties", value=data__units_item__name, name="" + (name_prefix or "data") + ".units[{data__units_x}].name" + "", definition=None, rule='additionalProperties')
                                    data__units_item__name_one_of_count1 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__units_item__name_one_of_count1 != 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].name" + " must be valid exactly by one definition" + (" (" + str(data__units_item__name_one_of_count1) + " matches found)"), value=data__units_item__name, name="" + (name_prefix or "data") + ".units[{data__units_x}].name" + "", definition=None, rule='oneOf')
                        if "parent" in data__units_item_keys:
                            data__units_item_keys.remove("parent")
                            data__units_item__parent = data__units_item["parent"]
                            validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_id(data__units_item__parent, custom_formats, (name_prefix or "data") + ".units[{data__units_x}].parent")
                        if "kind" in data__units_item_keys:
                            data__units_item_keys.remove("kind")
                            data__units_item__kind = data__units_item["kind"]
                            validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_kind(data__units_item__kind, custom_formats, (name_prefix or "data") + ".units[{data__units_x}].kind")
                        if "opened" in data__units_item_keys:
                            data__units_item_keys.remove("opened")
                            data__units_item__opened = data__units_item["opened"]
                            validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_date(data__units_item__opened, custom_formats, (name_prefix or "data") + ".units[{data__units_x}].opened")
                        if "closed" in data__units_item_keys:
                            data__units_item_keys.remove("closed")
                            data__units_item__closed = data__units_item["closed"]
                            validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_date(data__units_item__closed, custom_formats, (name_prefix or "data") + ".units[{data__units_x}].closed")
                        if "timezone" in data__units_item_keys:
                            data__units_item_keys.remove("timezone")
                            data__units_item__timezone = data__units_item["timezone"]
                            if not isinstance(data__units_item__timezone, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].timezone" + " must be string", value=data__units_item__timezone, name="" + (name_prefix or "data") + ".units[{data__units_x}].timezone" + "", definition=None, rule='type')
                            if isinstance(data__units_item__timezone, str):
                                data__units_item__timezone_len = len(data__units_item__timezone)
                                if data__units_item__timezone_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].timezone" + " must be longer than or equal to 1 characters", value=data__units_item__timezone, name="" + (name_prefix or "data") + ".units[{data__units_x}].timezone" + "", definition=None, rule='minLength')
                        if "verifiers" in data__units_item_keys:
                            data__units_item_keys.remove("verifiers")
                            data__units_item__verifiers = data__units_item["verifiers"]
                            if not isinstance(data__units_item__verifiers, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].verifiers" + " must be array", value=data__units_item__verifiers, name="" + (name_prefix or "data") + ".units[{data__units_x}].verifiers" + "", definition=None, rule='type')
                            data__units_item__verifiers_is_list = isinstance(data__units_item__verifiers, (list, tuple))
                            if data__units_item__verifiers_is_list:
                                data__units_item__verifiers_len = len(data__units_item__verifiers)
                                if data__units_item__verifiers_len > 50:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].verifiers" + " must contain less than or equal to 50 items", value=data__units_item__verifiers, name="" + (name_prefix or "data") + ".units[{data__units_x}].verifiers" + "", definition=None, rule='maxItems')
                                for data__units_item__verifiers_x, data__units_item__verifiers_item in enumerate(data__units_item__verifiers):
                                    if not isinstance(data__units_item__verifiers_item, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].verifiers[{data__units_item__verifiers_x}]" + " must be string", value=data__units_item__verifiers_item, name="" + (name_prefix or "data") + ".units[{data__units_x}].verifiers[{data__units_item__verifiers_x}]" + "", definition=None, rule='type')
                                    if isinstance(data__units_item__verifiers_item, str):
                                        data__units_item__verifiers_item_len = len(data__units_item__verifiers_item)
                                        if data__units_item__verifiers_item_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].verifiers[{data__units_item__verifiers_x}]" + " must be longer than or equal to 1 characters", value=data__units_item__verifiers_item, name="" + (name_prefix or "data") + ".units[{data__units_x}].verifiers[{data__units_item__verifiers_x}]" + "", definition=None, rule='minLength')
                                        if data__units_item__verifiers_item_len > 64:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].verifiers[{data__units_item__verifiers_x}]" + " must be shorter than or equal to 64 characters", value=data__units_item__verifiers_item, name="" + (name_prefix or "data") + ".units[{data__units_x}].verifiers[{data__units_item__verifiers_x}]" + "", definition=None, rule='maxLength')
                                        if not REGEX_PATTERNS['^[^\\u0000-\\u001f\\u007f]+$'].search(data__units_item__verifiers_item):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}].verifiers[{data__units_item__verifiers_x}]" + " must match pattern ^[^\\u0000-\\u001f\\u007f]+$", value=data__units_item__verifiers_item, name="" + (name_prefix or "data") + ".units[{data__units_x}].verifiers[{data__units_item__verifiers_x}]" + "", definition=None, rule='pattern')
                        if data__units_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".units[{data__units_x}]" + " must not contain "+str(data__units_item_keys)+" properties", value=data__units_item, name="" + (name_prefix or "data") + ".units[{data__units_x}]" + "", definition=None, rule='additionalProperties')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_id(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[A-Za-z0-9_-]{1,64}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[A-Za-z0-9_-]{1,64}$", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='pattern')
    return data

def validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_kind(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[a-z][a-z0-9-]{0,31}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[a-z][a-z0-9-]{0,31}$", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='pattern')
    return data

def validate_https___branchcheck_dev_schemas_org_v1_schema_json__definitions_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}$", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='pattern')
    return data


validate = validate_https___branchcheck_dev_schemas_org_v1_schema_json
