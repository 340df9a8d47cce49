"""Validity check for schemas/wave_plan.schema.json (generated: do not edit).

Made by scripts/gen_fast_validators.py with fastjsonschema 2.22.3.
branchcheck.core.validation uses it only while SCHEMA_SHA256 matches the bundled
schema, and asks jsonschema for the detailed errors of an invalid document.
"""
# ruff: noqa
# mypy: ignore-errors
# fmt: off

SCHEMA_SHA256 = "4a2f0d12b2797f95c5cf2eae0626d00e4cdf9749932925be63f19e37d146fcd1"
from decimal import Decimal
import re
from branchcheck._fastschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-z0-9]+(-[a-z0-9]+)*$': re.compile('^[a-z0-9]+(-[a-z0-9]+)*\\Z'),
    '^[A-Za-z0-9_.-]{1,64}$': re.compile('^[A-Za-z0-9_.-]{1,64}\\Z'),
    '^[0-9a-f]{64}$': re.compile('^[0-9a-f]{64}\\Z'),
    '^[A-Za-z0-9_-]{1,80}$': re.compile('^[A-Za-z0-9_-]{1,80}\\Z'),
    '^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$': re.compile('^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d\\Z'),
    '^[^\\u0000-\\u001f\\u007f-\\u009f]*$': re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f]*\\Z'),
    '^\\d{4}-\\d{2}-\\d{2}$': re.compile('^\\d{4}-\\d{2}-\\d{2}\\Z'),
    '^[A-Za-z0-9_-]{1,64}$': re.compile('^[A-Za-z0-9_-]{1,64}\\Z')
}

NoneType = type(None)

def validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['format', 'wave', 'checklist', 'seed', 'visits']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
        data_keys = set(data.keys())
        if "format" in data_keys:
            data_keys.remove("format")
            data__format = data["format"]
            if not (isinstance(data__format, str) and data__format == 'branchcheck-shop-plan/1'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".format must be same as const definition: branchcheck-shop-plan/1", value=data__format, name="" + (name_prefix or "data") + ".format", definition=None, rule='const')
        if "wave" in data_keys:
            data_keys.remove("wave")
            data__wave = data["wave"]
            validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_id(data__wave, custom_formats, (name_prefix or "data") + ".wave")
        if "checklist" in data_keys:
            data_keys.remove("checklist")
            data__checklist = data["checklist"]
            if not isinstance(data__checklist, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist must be string", value=data__checklist, name="" + (name_prefix or "data") + ".checklist", definition=None, rule='type')
            if isinstance(data__checklist, str):
                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__checklist):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist must match pattern ^[a-z0-9]+(-[a-z0-9]+)*$", value=data__checklist, name="" + (name_prefix or "data") + ".checklist", definition=None, rule='pattern')
        if "seed" in data_keys:
            data_keys.remove("seed")
            data__seed = data["seed"]
            if not isinstance(data__seed, (str, int)) and not (isinstance(data__seed, float) and data__seed.is_integer()) or isinstance(data__seed, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".seed must be string or integer", value=data__seed, name="" + (name_prefix or "data") + ".seed", definition=None, rule='type')
            if isinstance(data__seed, str):
                if not REGEX_PATTERNS['^[A-Za-z0-9_.-]{1,64}$'].search(data__seed):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".seed must match pattern ^[A-Za-z0-9_.-]{1,64}$", value=data__seed, name="" + (name_prefix or "data") + ".seed", definition=None, rule='pattern')
        if "org" in data_keys:
            data_keys.remove("org")
            data__org = data["org"]
            if not isinstance(data__org, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".org must be object", value=data__org, name="" + (name_prefix or "data") + ".org", definition=None, rule='type')
            data__org_is_dict = isinstance(data__org, dict)
            if data__org_is_dict:
                data__org_keys = set(data__org.keys())
                if "file" in data__org_keys:
                    data__org_keys.remove("file")
                    data__org__file = data__org["file"]
                    if not isinstance(data__org__file, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".org.file must be string", value=data__org__file, name="" + (name_prefix or "data") + ".org.file", definition=None, rule='type')
                    if isinstance(data__org__file, str):
                        data__org__file_len = len(data__org__file)
                        if data__org__file_len > 4096:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".org.file must be shorter than or equal to 4096 characters", value=data__org__file, name="" + (name_prefix or "data") + ".org.file", definition=None, rule='maxLength')
                if "sha256" in data__org_keys:
                    data__org_keys.remove("sha256")
                    data__org__sha256 = data__org["sha256"]
                    if not isinstance(data__org__sha256, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".org.sha256 must be string", value=data__org__sha256, name="" + (name_prefix or "data") + ".org.sha256", definition=None, rule='type')
                    if isinstance(data__org__sha256, str):
                        if not REGEX_PATTERNS['^[0-9a-f]{64}$'].search(data__org__sha256):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".org.sha256 must match pattern ^[0-9a-f]{64}$", value=data__org__sha256, name="" + (name_prefix or "data") + ".org.sha256", definition=None, rule='pattern')
                if data__org_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".org must not contain "+str(data__org_keys)+" properties", value=data__org, name="" + (name_prefix or "data") + ".org", definition=None, rule='additionalProperties')
        if "window" in data_keys:
            data_keys.remove("window")
            data__window = data["window"]
            if not isinstance(data__window, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".window must be object", value=data__window, name="" + (name_prefix or "data") + ".window", definition=None, rule='type')
            data__window_is_dict = isinstance(data__window, dict)
            if data__window_is_dict:
                data__window__missing_keys = set(['from', 'to']) - data__window.keys()
                if data__window__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".window must contain " + (str(sorted(data__window__missing_keys)) + " properties"), value=data__window, name="" + (name_prefix or "data") + ".window", definition=None, rule='required')
                data__window_keys = set(data__window.keys())
                if "from" in data__window_keys:
                    data__window_keys.remove("from")
                    data__window__from = data__window["from"]
                    validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_date(data__window__from, custom_formats, (name_prefix or "data") + ".window.from")
                if "to" in data__window_keys:
                    data__window_keys.remove("to")
                    data__window__to = data__window["to"]
                    validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_date(data__window__to, custom_formats, (name_prefix or "data") + ".window.to")
                if data__window_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".window must not contain "+str(data__window_keys)+" properties", value=data__window, name="" + (name_prefix or "data") + ".window", definition=None, rule='additionalProperties')
        if "open_days" in data_keys:
            data_keys.remove("open_days")
            data__opendays = data["open_days"]
            if not isinstance(data__opendays, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_days must be array", value=data__opendays, name="" + (name_prefix or "data") + ".open_days", definition=None, rule='type')
            data__opendays_is_list = isinstance(data__opendays, (list, tuple))
            if data__opendays_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__opendays_len = len(data__opendays)
                if data__opendays_len > len(set(fn(data__opendays_x) for data__opendays_x in data__opendays)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_days must contain unique items", value=data__opendays, name="" + (name_prefix or "data") + ".open_days", definition=None, rule='uniqueItems')
                for data__opendays_x, data__opendays_item in enumerate(data__opendays):
                    if not (isinstance(data__opendays_item, str) and data__opendays_item == 'mon' or isinstance(data__opendays_item, str) and data__opendays_item == 'tue' or isinstance(data__opendays_item, str) and data__opendays_item == 'wed' or isinstance(data__opendays_item, str) and data__opendays_item == 'thu' or isinstance(data__opendays_item, str) and data__opendays_item == 'fri' or isinstance(data__opendays_item, str) and data__opendays_item == 'sat' or isinstance(data__opendays_item, str) and data__opendays_item == 'sun'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_days[{data__opendays_x}]" + " must be one of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']", value=data__opendays_item, name="" + (name_prefix or "data") + ".open_days[{data__opendays_x}]" + "", definition=None, rule='enum')
        if "closed_days" in data_keys:
            data_keys.remove("closed_days")
            data__closeddays = data["closed_days"]
            if not isinstance(data__closeddays, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".closed_days must be array", value=data__closeddays, name="" + (name_prefix or "data") + ".closed_days", definition=None, rule='type')
            data__closeddays_is_list = isinstance(data__closeddays, (list, tuple))
            if data__closeddays_is_list:
                data__closeddays_len = len(data__closeddays)
                if data__closeddays_len > 10000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".closed_days must contain less than or equal to 10000 items", value=data__closeddays, name="" + (name_prefix or "data") + ".closed_days", definition=None, rule='maxItems')
                for data__closeddays_x, data__closeddays_item in enumerate(data__closeddays):
                    validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_date(data__closeddays_item, custom_formats, (name_prefix or "data") + ".closed_days[{data__closeddays_x}]")
        if "design" in data_keys:
            data_keys.remove("design")
            data__design = data["design"]
            if not isinstance(data__design, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".design must be object", value=data__design, name="" + (name_prefix or "data") + ".design", definition=None, rule='type')
            data__design_is_dict = isinstance(data__design, dict)
            if data__design_is_dict:
                data__design_keys = set(data__design.keys())
                if "visits" in data__design_keys:
                    data__design_keys.remove("visits")
                    data__design__visits = data__design["visits"]
                    if not isinstance(data__design__visits, (int)) and not (isinstance(data__design__visits, float) and data__design__visits.is_integer()) or isinstance(data__design__visits, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".design.visits must be integer", value=data__design__visits, name="" + (name_prefix or "data") + ".design.visits", definition=None, rule='type')
                    if isinstance(data__design__visits, (int, float, Decimal)) and not isinstance(data__design__visits, bool):
                        if data__design__visits < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".design.visits must be bigger than or equal to 0", value=data__design__visits, name="" + (name_prefix or "data") + ".design.visits", definition=None, rule='minimum')
                if "clusters" in data__design_keys:
                    data__design_keys.remove("clusters")
                    data__design__clusters = data__design["clusters"]
                    if not isinstance(data__design__clusters, (int)) and not (isinstance(data__design__clusters, float) and data__design__clusters.is_integer()) or isinstance(data__design__clusters, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".design.clusters must be integer", value=data__design__clusters, name="" + (name_prefix or "data") + ".design.clusters", definition=None, rule='type')
                    if isinstance(data__design__clusters, (int, float, Decimal)) and not isinstance(data__design__clusters, bool):
                        if data__design__clusters < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".design.clusters must be bigger than or equal to 1", value=data__design__clusters, name="" + (name_prefix or "data") + ".design.clusters", definition=None, rule='minimum')
                if "stratum" in data__design_keys:
                    data__design_keys.remove("stratum")
                    data__design__stratum = data__design["stratum"]
                    if not isinstance(data__design__stratum, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".design.stratum must be string", value=data__design__stratum, name="" + (name_prefix or "data") + ".design.stratum", definition=None, rule='type')
                    if isinstance(data__design__stratum, str):
                        data__design__stratum_len = len(data__design__stratum)
                        if data__design__stratum_len > 32:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".design.stratum must be shorter than or equal to 32 characters", value=data__design__stratum, name="" + (name_prefix or "data") + ".design.stratum", definition=None, rule='maxLength')
                if "cluster" in data__design_keys:
                    data__design_keys.remove("cluster")
                    data__design__cluster = data__design["cluster"]
                    if not isinstance(data__design__cluster, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".design.cluster must be string", value=data__design__cluster, name="" + (name_prefix or "data") + ".design.cluster", definition=None, rule='type')
                    if isinstance(data__design__cluster, str):
                        data__design__cluster_len = len(data__design__cluster)
                        if data__design__cluster_len > 32:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".design.cluster must be shorter than or equal to 32 characters", value=data__design__cluster, name="" + (name_prefix or "data") + ".design.cluster", definition=None, rule='maxLength')
                if "scenarios" in data__design_keys:
                    data__design_keys.remove("scenarios")
                    data__design__scenarios = data__design["scenarios"]
                    if not isinstance(data__design__scenarios, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".design.scenarios must be array", value=data__design__scenarios, name="" + (name_prefix or "data") + ".design.scenarios", definition=None, rule='type')
                    data__design__scenarios_is_list = isinstance(data__design__scenarios, (list, tuple))
                    if data__design__scenarios_is_list:
                        data__design__scenarios_len = len(data__design__scenarios)
                        for data__design__scenarios_x, data__design__scenarios_item in enumerate(data__design__scenarios):
                            validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_scenario(data__design__scenarios_item, custom_formats, (name_prefix or "data") + ".design.scenarios[{data__design__scenarios_x}]")
                if data__design_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".design must not contain "+str(data__design_keys)+" properties", value=data__design, name="" + (name_prefix or "data") + ".design", definition=None, rule='additionalProperties')
        if "assignment" in data_keys:
            data_keys.remove("assignment")
            data__assignment = data["assignment"]
            if not isinstance(data__assignment, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment must be object", value=data__assignment, name="" + (name_prefix or "data") + ".assignment", definition=None, rule='type')
            data__assignment_is_dict = isinstance(data__assignment, dict)
            if data__assignment_is_dict:
                data__assignment__missing_keys = set(['from', 'to', 'seed', 'slots']) - data__assignment.keys()
                if data__assignment__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment must contain " + (str(sorted(data__assignment__missing_keys)) + " properties"), value=data__assignment, name="" + (name_prefix or "data") + ".assignment", definition=None, rule='required')
                data__assignment_keys = set(data__assignment.keys())
                if "from" in data__assignment_keys:
                    data__assignment_keys.remove("from")
                    data__assignment__from = data__assignment["from"]
                    validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_date(data__assignment__from, custom_formats, (name_prefix or "data") + ".assignment.from")
                if "to" in data__assignment_keys:
                    data__assignment_keys.remove("to")
                    data__assignment__to = data__assignment["to"]
                    validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_date(data__assignment__to, custom_formats, (name_prefix or "data") + ".assignment.to")
                if "seed" in data__assignment_keys:
                    data__assignment_keys.remove("seed")
                    data__assignment__seed = data__assignment["seed"]
                    if not isinstance(data__assignment__seed, (str, int)) and not (isinstance(data__assignment__seed, float) and data__assignment__seed.is_integer()) or isinstance(data__assignment__seed, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.seed must be string or integer", value=data__assignment__seed, name="" + (name_prefix or "data") + ".assignment.seed", definition=None, rule='type')
                    if isinstance(data__assignment__seed, str):
                        if not REGEX_PATTERNS['^[A-Za-z0-9_.-]{1,64}$'].search(data__assignment__seed):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.seed must match pattern ^[A-Za-z0-9_.-]{1,64}$", value=data__assignment__seed, name="" + (name_prefix or "data") + ".assignment.seed", definition=None, rule='pattern')
                if "slots" in data__assignment_keys:
                    data__assignment_keys.remove("slots")
                    data__assignment__slots = data__assignment["slots"]
                    if not isinstance(data__assignment__slots, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.slots must be array", value=data__assignment__slots, name="" + (name_prefix or "data") + ".assignment.slots", definition=None, rule='type')
                    data__assignment__slots_is_list = isinstance(data__assignment__slots, (list, tuple))
                    if data__assignment__slots_is_list:
                        data__assignment__slots_len = len(data__assignment__slots)
                        if data__assignment__slots_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.slots must contain at least 1 items", value=data__assignment__slots, name="" + (name_prefix or "data") + ".assignment.slots", definition=None, rule='minItems')
                        if data__assignment__slots_len > 48:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.slots must contain less than or equal to 48 items", value=data__assignment__slots, name="" + (name_prefix or "data") + ".assignment.slots", definition=None, rule='maxItems')
                        for data__assignment__slots_x, data__assignment__slots_item in enumerate(data__assignment__slots):
                            validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_slot(data__assignment__slots_item, custom_formats, (name_prefix or "data") + ".assignment.slots[{data__assignment__slots_x}]")
                if "gap_days" in data__assignment_keys:
                    data__assignment_keys.remove("gap_days")
                    data__assignment__gapdays = data__assignment["gap_days"]
                    if not isinstance(data__assignment__gapdays, (int)) and not (isinstance(data__assignment__gapdays, float) and data__assignment__gapdays.is_integer()) or isinstance(data__assignment__gapdays, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.gap_days must be integer", value=data__assignment__gapdays, name="" + (name_prefix or "data") + ".assignment.gap_days", definition=None, rule='type')
                    if isinstance(data__assignment__gapdays, (int, float, Decimal)) and not isinstance(data__assignment__gapdays, bool):
                        if data__assignment__gapdays < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.gap_days must be bigger than or equal to 0", value=data__assignment__gapdays, name="" + (name_prefix or "data") + ".assignment.gap_days", definition=None, rule='minimum')
                        if data__assignment__gapdays > 3660:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.gap_days must be smaller than or equal to 3660", value=data__assignment__gapdays, name="" + (name_prefix or "data") + ".assignment.gap_days", definition=None, rule='maximum')
                if "gap_waves" in data__assignment_keys:
                    data__assignment_keys.remove("gap_waves")
                    data__assignment__gapwaves = data__assignment["gap_waves"]
                    if not isinstance(data__assignment__gapwaves, (int)) and not (isinstance(data__assignment__gapwaves, float) and data__assignment__gapwaves.is_integer()) or isinstance(data__assignment__gapwaves, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.gap_waves must be integer", value=data__assignment__gapwaves, name="" + (name_prefix or "data") + ".assignment.gap_waves", definition=None, rule='type')
                    if isinstance(data__assignment__gapwaves, (int, float, Decimal)) and not isinstance(data__assignment__gapwaves, bool):
                        if data__assignment__gapwaves < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.gap_waves must be bigger than or equal to 0", value=data__assignment__gapwaves, name="" + (name_prefix or "data") + ".assignment.gap_waves", definition=None, rule='minimum')
                        if data__assignment__gapwaves > 100:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.gap_waves must be smaller than or equal to 100", value=data__assignment__gapwaves, name="" + (name_prefix or "data") + ".assignment.gap_waves", definition=None, rule='maximum')
                if "roster" in data__assignment_keys:
                    data__assignment_keys.remove("roster")
                    data__assignment__roster = data__assignment["roster"]
                    if not isinstance(data__assignment__roster, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.roster must be object", value=data__assignment__roster, name="" + (name_prefix or "data") + ".assignment.roster", definition=None, rule='type')
                    data__assignment__roster_is_dict = isinstance(data__assignment__roster, dict)
                    if data__assignment__roster_is_dict:
                        data__assignment__roster_keys = set(data__assignment__roster.keys())
                        if "file" in data__assignment__roster_keys:
                            data__assignment__roster_keys.remove("file")
                            data__assignment__roster__file = data__assignment__roster["file"]
                            if not isinstance(data__assignment__roster__file, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.roster.file must be string", value=data__assignment__roster__file, name="" + (name_prefix or "data") + ".assignment.roster.file", definition=None, rule='type')
                            if isinstance(data__assignment__roster__file, str):
                                data__assignment__roster__file_len = len(data__assignment__roster__file)
                                if data__assignment__roster__file_len > 4096:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.roster.file must be shorter than or equal to 4096 characters", value=data__assignment__roster__file, name="" + (name_prefix or "data") + ".assignment.roster.file", definition=None, rule='maxLength')
                        if "sha256" in data__assignment__roster_keys:
                            data__assignment__roster_keys.remove("sha256")
                            data__assignment__roster__sha256 = data__assignment__roster["sha256"]
                            if not isinstance(data__assignment__roster__sha256, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.roster.sha256 must be string", value=data__assignment__roster__sha256, name="" + (name_prefix or "data") + ".assignment.roster.sha256", definition=None, rule='type')
                            if isinstance(data__assignment__roster__sha256, str):
                                if not REGEX_PATTERNS['^[0-9a-f]{64}$'].search(data__assignment__roster__sha256):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.roster.sha256 must match pattern ^[0-9a-f]{64}$", value=data__assignment__roster__sha256, name="" + (name_prefix or "data") + ".assignment.roster.sha256", definition=None, rule='pattern')
                        if data__assignment__roster_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.roster must not contain "+str(data__assignment__roster_keys)+" properties", value=data__assignment__roster, name="" + (name_prefix or "data") + ".assignment.roster", definition=None, rule='additionalProperties')
                if "history" in data__assignment_keys:
                    data__assignment_keys.remove("history")
                    data__assignment__history = data__assignment["history"]
                    if not isinstance(data__assignment__history, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment.history must be array", value=data__assignment__history, name="" + (name_prefix or "data") + ".assignment.history", definition=None, rule='type')
                    data__assignment__history_is_list = isinstance(data__assignment__history, (list, tuple))
                    if data__assignment__history_is_list:
                        data__assignment__history_len = len(data__assignment__history)
                        for data__assignment__history_x, data__assignment__history_item in enumerate(data__assignment__history):
                            validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_id(data__assignment__history_item, custom_formats, (name_prefix or "data") + ".assignment.history[{data__assignment__history_x}]")
                if data__assignment_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".assignment must not contain "+str(data__assignment_keys)+" properties", value=data__assignment, name="" + (name_prefix or "data") + ".assignment", definition=None, rule='additionalProperties')
        if "visits" in data_keys:
            data_keys.remove("visits")
            data__visits = data["visits"]
            if not isinstance(data__visits, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits must be array", value=data__visits, name="" + (name_prefix or "data") + ".visits", definition=None, rule='type')
            data__visits_is_list = isinstance(data__visits, (list, tuple))
            if data__visits_is_list:
                data__visits_len = len(data__visits)
                if data__visits_len > 1000000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits must contain less than or equal to 1000000 items", value=data__visits, name="" + (name_prefix or "data") + ".visits", definition=None, rule='maxItems')
                for data__visits_x, data__visits_item in enumerate(data__visits):
                    if not isinstance(data__visits_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}]" + " must be object", value=data__visits_item, name="" + (name_prefix or "data") + ".visits[{data__visits_x}]" + "", definition=None, rule='type')
                    data__visits_item_is_dict = isinstance(data__visits_item, dict)
                    if data__visits_item_is_dict:
                        data__visits_item__missing_keys = set(['id', 'outlet']) - data__visits_item.keys()
                        if data__visits_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}]" + " must contain " + (str(sorted(data__visits_item__missing_keys)) + " properties"), value=data__visits_item, name="" + (name_prefix or "data") + ".visits[{data__visits_x}]" + "", definition=None, rule='required')
                        if "shopper" in data__visits_item:
                            if "date" not in data__visits_item:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}]" + " missing dependency date for shopper", value=data__visits_item, name="" + (name_prefix or "data") + ".visits[{data__visits_x}]" + "", definition=None, rule='dependencies')
                            if "slot" not in data__visits_item:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}]" + " missing dependency slot for shopper", value=data__visits_item, name="" + (name_prefix or "data") + ".visits[{data__visits_x}]" + "", definition=None, rule='dependencies')
                        if "date" in data__visits_item:
                            if "shopper" not in data__visits_item:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}]" + " missing dependency shopper for date", value=data__visits_item, name="" + (name_prefix or "data") + ".visits[{data__visits_x}]" + "", definition=None, rule='dependencies')
                            if "slot" not in data__visits_item:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}]" + " missing dependency slot for date", value=data__visits_item, name="" + (name_prefix or "data") + ".visits[{data__visits_x}]" + "", definition=None, rule='dependencies')
                        if "slot" in data__visits_item:
                            if "shopper" not in data__visits_item:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}]" + " missing dependency shopper for slot", value=data__visits_item, name="" + (name_prefix or "data") + ".visits[{data__visits_x}]" + "", definition=None, rule='dependencies')
                            if "date" not in data__visits_item:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}]" + " missing dependency date for slot", value=data__visits_item, name="" + (name_prefix or "data") + ".visits[{data__visits_x}]" + "", definition=None, rule='dependencies')
                        data__visits_item_keys = set(data__visits_item.keys())
                        if "id" in data__visits_item_keys:
                            data__visits_item_keys.remove("id")
                            data__visits_item__id = data__visits_item["id"]
                            if not isinstance(data__visits_item__id, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}].id" + " must be string", value=data__visits_item__id, name="" + (name_prefix or "data") + ".visits[{data__visits_x}].id" + "", definition=None, rule='type')
                            if isinstance(data__visits_item__id, str):
                                if not REGEX_PATTERNS['^[A-Za-z0-9_-]{1,80}$'].search(data__visits_item__id):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}].id" + " must match pattern ^[A-Za-z0-9_-]{1,80}$", value=data__visits_item__id, name="" + (name_prefix or "data") + ".visits[{data__visits_x}].id" + "", definition=None, rule='pattern')
                        if "outlet" in data__visits_item_keys:
                            data__visits_item_keys.remove("outlet")
                            data__visits_item__outlet = data__visits_item["outlet"]
                            validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_id(data__visits_item__outlet, custom_formats, (name_prefix or "data") + ".visits[{data__visits_x}].outlet")
                        if "within" in data__visits_item_keys:
                            data__visits_item_keys.remove("within")
                            data__visits_item__within = data__visits_item["within"]
                            if not isinstance(data__visits_item__within, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}].within" + " must be array", value=data__visits_item__within, name="" + (name_prefix or "data") + ".visits[{data__visits_x}].within" + "", definition=None, rule='type')
                            data__visits_item__within_is_list = isinstance(data__visits_item__within, (list, tuple))
                            if data__visits_item__within_is_list:
                                data__visits_item__within_len = len(data__visits_item__within)
                                if data__visits_item__within_len > 64:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}].within" + " must contain less than or equal to 64 items", value=data__visits_item__within, name="" + (name_prefix or "data") + ".visits[{data__visits_x}].within" + "", definition=None, rule='maxItems')
                                for data__visits_item__within_x, data__visits_item__within_item in enumerate(data__visits_item__within):
                                    validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_id(data__visits_item__within_item, custom_formats, (name_prefix or "data") + ".visits[{data__visits_x}].within[{data__visits_item__within_x}]")
                        if "scenario" in data__visits_item_keys:
                            data__visits_item_keys.remove("scenario")
                            data__visits_item__scenario = data__visits_item["scenario"]
                            validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_scenario(data__visits_item__scenario, custom_formats, (name_prefix or "data") + ".visits[{data__visits_x}].scenario")
                        if "shopper" in data__visits_item_keys:
                            data__visits_item_keys.remove("shopper")
                            data__visits_item__shopper = data__visits_item["shopper"]
                            validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_id(data__visits_item__shopper, custom_formats, (name_prefix or "data") + ".visits[{data__visits_x}].shopper")
                        if "date" in data__visits_item_keys:
                            data__visits_item_keys.remove("date")
                            data__visits_item__date = data__visits_item["date"]
                            validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_date(data__visits_item__date, custom_formats, (name_prefix or "data") + ".visits[{data__visits_x}].date")
                        if "slot" in data__visits_item_keys:
                            data__visits_item_keys.remove("slot")
                            data__visits_item__slot = data__visits_item["slot"]
                            validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_slot(data__visits_item__slot, custom_formats, (name_prefix or "data") + ".visits[{data__visits_x}].slot")
                        if "reason" in data__visits_item_keys:
                            data__visits_item_keys.remove("reason")
                            data__visits_item__reason = data__visits_item["reason"]
                            if not (isinstance(data__visits_item__reason, str) and data__visits_item__reason == 'home-unit' or isinstance(data__visits_item__reason, str) and data__visits_item__reason == 'availability' or isinstance(data__visits_item__reason, str) and data__visits_item__reason == 'repeat' or isinstance(data__visits_item__reason, str) and data__visits_item__reason == 'capacity' or isinstance(data__visits_item__reason, str) and data__visits_item__reason == 'no-shopper'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}].reason" + " must be one of ['home-unit', 'availability', 'repeat', 'capacity', 'no-shopper']", value=data__visits_item__reason, name="" + (name_prefix or "data") + ".visits[{data__visits_x}].reason" + "", definition=None, rule='enum')
                        if data__visits_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".visits[{data__visits_x}]" + " must not contain "+str(data__visits_item_keys)+" properties", value=data__visits_item, name="" + (name_prefix or "data") + ".visits[{data__visits_x}]" + "", definition=None, rule='additionalProperties')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_slot(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='pattern')
    return data

def validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_scenario(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='minLength')
        if data_len > 64:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 64 characters", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='maxLength')
        if not REGEX_PATTERNS['^[^\\u0000-\\u001f\\u007f-\\u009f]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\\u0000-\\u001f\\u007f-\\u009f]*$", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='pattern')
    return data

def validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^\\d{4}-\\d{2}-\\d{2}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^\\d{4}-\\d{2}-\\d{2}$", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='pattern')
    return data

def validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json__definitions_id(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[A-Za-z0-9_-]{1,64}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[A-Za-z0-9_-]{1,64}$", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='pattern')
    return data


validate = validate_https___branchcheck_dev_schemas_wave_plan_v1_schema_json
